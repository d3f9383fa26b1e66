package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-threaded rules of {@link ChaseLevDeque}: arguments, roles' results, and clearing of taken slots. */
class ChaseLevDequeTest {

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -4, -1, 0, 1, 3, 6, 12, 100, (1 << 30) + 1, Integer.MAX_VALUE})
    void constructorRejectsACapacityThatIsNotAPowerOfTwoOfAtLeastTwo(int capacity) {
        assertThatThrownBy(() -> new ChaseLevDeque<String>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be a power of two >= 2, but was " + capacity);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 64, 1024})
    void capacityIsTheConstructorArgument(int capacity) {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(capacity);
        assertThat(deque.capacity()).isEqualTo(capacity);
        assertThat(deque.approximateSize()).isZero();
        assertThat(deque.isEmptyApproximately()).isTrue();
    }

    @Test
    void pushRejectsNull() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        assertThatThrownBy(() -> deque.push(null)).isInstanceOf(NullPointerException.class).hasMessage("task");
        assertThat(deque.approximateSize()).isZero();
    }

    @Test
    void popIsLifoAndStealIsFifo() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(8);
        for (String s : new String[] {"a", "b", "c", "d"}) {
            assertThat(deque.push(s)).isTrue();
        }
        Stolen<String> cell = new Stolen<>();
        assertThat(deque.pop()).isEqualTo("d");
        assertThat(deque.steal(cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo("a");
        assertThat(deque.pop()).isEqualTo("c");
        assertThat(deque.steal(cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo("b");
        assertThat(deque.pop()).isNull();
        assertThat(deque.steal(cell)).isEqualTo(StealResult.EMPTY);
        assertThat(cell.peek()).isNull();
    }

    @Test
    void pushReturnsFalseWhenFullAndKeepsTheContents() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(2);
        assertThat(deque.push("a")).isTrue();
        assertThat(deque.push("b")).isTrue();
        assertThat(deque.push("c")).isFalse();
        assertThat(deque.approximateSize()).isEqualTo(2);
        assertThat(deque.pop()).isEqualTo("b");
        assertThat(deque.pop()).isEqualTo("a");
        assertThat(deque.pop()).isNull();
    }

    @Test
    void stolenCellTakeReturnsAndClearsPeekOnlyReturns() {
        Stolen<String> cell = new Stolen<>();
        assertThat(cell.peek()).isNull();
        assertThat(cell.take()).isNull();
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(2);
        deque.push("a");
        assertThat(deque.steal(cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.peek()).isEqualTo("a");
        assertThat(cell.peek()).isEqualTo("a");
        assertThat(cell.take()).isEqualTo("a");
        assertThat(cell.take()).isNull();
        assertThat(cell.peek()).isNull();
    }

    /** Overwriting a full cell would lose its task: both steals refuse, and take nothing from the victim. */
    @Test
    void stealsIntoAFullCellAreRejectedAndTakeNothing() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        deque.push("a");
        deque.push("b");
        Stolen<String> cell = new Stolen<>();
        deque.steal(cell);
        assertThatThrownBy(() -> deque.steal(cell)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("take()");
        assertThatThrownBy(() -> deque.stealBatchAndPop(new ChaseLevDeque<>(4), 4, cell))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cell.peek()).isEqualTo("a");
        assertThat(deque.approximateSize()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0})
    void stealBatchAndPopRejectsALimitBelowOne(int limit) {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        deque.push("a");
        assertThatThrownBy(() -> deque.stealBatchAndPop(new ChaseLevDeque<>(4), limit, new Stolen<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 1, but was " + limit);
        assertThat(deque.approximateSize()).isEqualTo(1);
    }

    @Test
    void stealBatchAndPopRejectsItselfOrNullAsDestination() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        deque.push("a");
        assertThatThrownBy(() -> deque.stealBatchAndPop(deque, 4, new Stolen<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("destination");
        assertThatThrownBy(() -> deque.stealBatchAndPop(null, 4, new Stolen<>()))
                .isInstanceOf(NullPointerException.class).hasMessage("destination");
        assertThat(deque.approximateSize()).isEqualTo(1);
    }

    @Test
    void stealBatchAndPopMovesHalfRoundedUpOldestIntoTheCell() {
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(8);
        for (int i = 0; i < 7; i++) {
            victim.push(i);
        }
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(8);
        Stolen<Integer> cell = new Stolen<>();
        assertThat(victim.stealBatchAndPop(mine, 32, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(0);                 // ceil(7 / 2) = 4 moved: 0 to the cell,
        assertThat(mine.approximateSize()).isEqualTo(3);      // 1, 2, 3 pushed in order
        assertThat(mine.pop()).isEqualTo(3);
        assertThat(mine.pop()).isEqualTo(2);
        assertThat(mine.pop()).isEqualTo(1);
        assertThat(victim.approximateSize()).isEqualTo(3);
        assertThat(victim.pop()).isEqualTo(6);
    }

    @Test
    void stealBatchAndPopHonoursTheLimitAndTheDestinationsRoom() {
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(16);
        for (int i = 0; i < 16; i++) {
            victim.push(i);
        }
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(4);
        Stolen<Integer> cell = new Stolen<>();
        assertThat(victim.stealBatchAndPop(mine, 3, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(0);
        assertThat(mine.approximateSize()).isEqualTo(2);        // limit 3: one in the cell, two pushed
        mine.push(100);                                          // one free slot left in mine
        assertThat(victim.stealBatchAndPop(mine, 32, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(3);
        assertThat(mine.approximateSize()).isEqualTo(4);        // room for one more only
        assertThat(victim.stealBatchAndPop(mine, 32, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(5);                   // mine full: the cell still gets one
        assertThat(victim.approximateSize()).isEqualTo(10);
        assertThat(victim.stealBatchAndPop(mine, 1, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(6);
    }

    @Test
    void stealBatchAndPopOfAnEmptyDequeIsEmptyAndOfOneTaskTakesIt() {
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(4);
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(4);
        Stolen<Integer> cell = new Stolen<>();
        assertThat(victim.stealBatchAndPop(mine, 8, cell)).isEqualTo(StealResult.EMPTY);
        assertThat(cell.peek()).isNull();
        victim.push(7);
        assertThat(victim.stealBatchAndPop(mine, 8, cell)).isEqualTo(StealResult.SUCCESS);
        assertThat(cell.take()).isEqualTo(7);
        assertThat(mine.isEmptyApproximately()).isTrue();
        assertThat(victim.isEmptyApproximately()).isTrue();
    }

    @Test
    void popClearsTheSlotItTakes() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        deque.push("a");
        deque.push("b");
        assertThat(deque.pop()).isEqualTo("b");                // more than one task: the no-CAS path
        assertThat(deque.slotForTest(1)).isNull();
        assertThat(deque.slotForTest(0)).isEqualTo("a");
        assertThat(deque.pop()).isEqualTo("a");                // the last task: the CAS path
        assertThat(deque.slotForTest(0)).isNull();
    }

    @Test
    void stealClearsTheSlotItTakes() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(4);
        deque.push("a");
        deque.push("b");
        Stolen<String> cell = new Stolen<>();
        deque.steal(cell);
        assertThat(cell.take()).isEqualTo("a");
        assertThat(deque.slotForTest(0)).isNull();
        assertThat(deque.slotForTest(1)).isEqualTo("b");
    }

    @Test
    void stealBatchAndPopClearsEverySlotItTakes() {
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(8);
        for (int i = 0; i < 8; i++) {
            victim.push(i);
        }
        Stolen<Integer> cell = new Stolen<>();
        victim.stealBatchAndPop(new ChaseLevDeque<>(8), 8, cell);
        for (int i = 0; i < 4; i++) {
            assertThat(victim.slotForTest(i)).as("slot %d", i).isNull();
        }
        for (int i = 4; i < 8; i++) {
            assertThat(victim.slotForTest(i)).as("slot %d", i).isEqualTo(i);
        }
    }

    /**
     * A thief that has won index i but not yet cleared its slot still "holds" the slot: a push that has wrapped
     * round to it must not overwrite it (the thief's clear would then erase the new task), so push says "full".
     */
    @Test
    void pushReportsFullWhileAWinningThiefHasNotYetClearedTheSlot() {
        ChaseLevDeque<String> deque = new ChaseLevDeque<>(2);
        deque.push("a");
        deque.push("b");
        Stolen<String> cell = new Stolen<>();
        deque.steal(cell);                                       // index 0 taken and cleared: top == 1
        deque.storeSlotForTest(0, "a");                          // as if the thief had not cleared it yet
        assertThat(deque.push("c")).isFalse();                   // index 2 maps to slot 0: held
        assertThat(deque.approximateSize()).isEqualTo(1);
        deque.storeSlotForTest(0, null);                         // the thief's clear
        assertThat(deque.push("c")).isTrue();
        assertThat(deque.pop()).isEqualTo("c");
        assertThat(deque.pop()).isEqualTo("b");
    }

    @Test
    void indicesKeepGrowingAcrossWrapArounds() {
        ChaseLevDeque<Integer> deque = new ChaseLevDeque<>(2);
        Stolen<Integer> cell = new Stolen<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(deque.push(i)).isTrue();
            assertThat(deque.steal(cell)).isEqualTo(StealResult.SUCCESS);
            assertThat(cell.take()).isEqualTo(i);
        }
        assertThat(deque.topForTest()).isEqualTo(1000);
        assertThat(deque.bottomForTest()).isEqualTo(1000);
        assertThat(deque.slotForTest(0)).isNull();
        assertThat(deque.slotForTest(1)).isNull();
    }
}
