package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The array-backed sparse set: sorted, reusable, growing, and strict about its positions. */
class EntityIdsTest {

    /** Ids are read back by position; clear keeps the capacity and the set refills. */
    @Test
    void refillsWithoutLosingItsIds() {
        EntityIds set = new EntityIds(2);
        for (int id : new int[] {3, 9, 40}) {
            set.add(id);
        }
        assertThat(set.size()).isEqualTo(3);
        assertThat(new int[] {set.id(0), set.id(1), set.id(2)}).containsExactly(3, 9, 40);
        set.clear();
        assertThat(set.size()).isZero();
        set.add(1);
        assertThat(set.id(0)).isEqualTo(1);
        assertThat(EntityIds.of(5, 6).toString()).isEqualTo("EntityIds[5, 6]");
    }

    /** An id that does not increase, or a negative one, is refused naming both. */
    @Test
    void unsortedIdsAreRefused() {
        EntityIds set = EntityIds.of(4);
        assertThatThrownBy(() -> set.add(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 follows 4");
        assertThatThrownBy(() -> new EntityIds().add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A position past the set is refused even where the array has room. */
    @Test
    void positionsOutsideTheSetAreRefused() {
        EntityIds set = new EntityIds(8);
        set.add(7);
        assertThatThrownBy(() -> set.id(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("position 1 outside [0, 1)");
    }
}
