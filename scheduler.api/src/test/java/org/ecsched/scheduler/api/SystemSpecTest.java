package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The system description: names, declared access, conflicts, bodies, entity counts and every rejection. */
class SystemSpecTest {

    private static final SystemBody<String> NOOP = ctx -> { };
    private static final RangeBody<String> RANGE_NOOP = (start, end, ctx) -> { };

    /** A blank or null system name is rejected showing the value. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankNamesAreRejected(String name) {
        assertThatThrownBy(() -> SystemSpec.named(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system name must not be null or blank but was "
                        + (name == null ? "null" : "'" + name + "'"));
    }

    /** A null component, or a null system name in an ordering, is rejected naming the system and the list. */
    @Test
    void nullEntriesAreRejectedNamingTheSystemAndTheDeclaration() {
        assertThatThrownBy(() -> SystemSpec.named("s").reads("Pos", null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': reads contains null");
        assertThatThrownBy(() -> SystemSpec.named("s").writes((Object) null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': writes contains null");
        assertThatThrownBy(() -> SystemSpec.named("s").runsBefore("a", null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': runsBefore contains null");
        assertThatThrownBy(() -> SystemSpec.named("s").runsAfter((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': runsAfter contains null");
    }

    /** A null array in place of the varargs is rejected naming the declaration. */
    @Test
    void nullArraysAreRejected() {
        assertThatThrownBy(() -> SystemSpec.named("s").reads((Object[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("reads");
        assertThatThrownBy(() -> SystemSpec.named("s").writes((Object[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("writes");
        assertThatThrownBy(() -> SystemSpec.named("s").runsBefore((String[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("runsBefore");
        assertThatThrownBy(() -> SystemSpec.named("s").runsAfter((String[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("runsAfter");
    }

    /** A null body or entity-count supplier is rejected naming the system. */
    @Test
    void nullBodiesAreRejected() {
        assertThatThrownBy(() -> SystemSpec.<String>named("s").runs(null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': body");
        assertThatThrownBy(() -> SystemSpec.<String>named("s").forEachEntity(3, null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': body");
        assertThatThrownBy(() -> SystemSpec.<String>named("s").forEachEntity((IntSupplier) null, RANGE_NOOP))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': entityCount");
        assertThatThrownBy(() -> SystemSpec.<String>named("s").forEachEntity(() -> 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 's': body");
    }

    /** A negative fixed entity count is rejected; zero is a valid (empty) system. */
    @Test
    void entityCountBounds() {
        assertThatThrownBy(() -> SystemSpec.<String>named("s").forEachEntity(Integer.MIN_VALUE, RANGE_NOOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system 's': entityCount must be >= 0 but was " + Integer.MIN_VALUE);
        SystemSpec<String> empty = SystemSpec.<String>named("s").forEachEntity(0, RANGE_NOOP);
        assertThat(empty.fixedEntityCount()).isZero();
        assertThat(empty.entityCount().getAsInt()).isZero();
    }

    /** A run-once system has a body and no range body; an entity-parallel one the reverse. */
    @Test
    void bodyKinds() {
        SystemSpec<String> once = SystemSpec.<String>named("once").runs(NOOP);
        SystemSpec<String> fixed = SystemSpec.<String>named("fixed").forEachEntity(10, RANGE_NOOP);
        AtomicInteger size = new AtomicInteger(5);
        SystemSpec<String> dynamic = SystemSpec.<String>named("dynamic").forEachEntity(size::get, RANGE_NOOP);

        assertThat(once.isEntityParallel()).isFalse();
        assertThat(once.body()).isSameAs(NOOP);
        assertThat(once.rangeBody()).isNull();
        assertThat(once.fixedEntityCount()).isEqualTo(-1);

        assertThat(fixed.isEntityParallel()).isTrue();
        assertThat(fixed.body()).isNull();
        assertThat(fixed.rangeBody()).isSameAs(RANGE_NOOP);
        assertThat(fixed.fixedEntityCount()).isEqualTo(10);

        assertThat(dynamic.fixedEntityCount()).isEqualTo(-1);
        assertThat(dynamic.entityCount().getAsInt()).isEqualTo(5);
        size.set(7);
        assertThat(dynamic.entityCount().getAsInt()).isEqualTo(7);
    }

    /** The minimum batch defaults to "the backend decides" and keeps a declared value. */
    @Test
    void minBatchSize() {
        assertThat(SystemSpec.<String>named("s").forEachEntity(1, RANGE_NOOP).minBatchSize())
                .isEqualTo(SystemSpec.DEFAULT_MIN_BATCH);
        assertThat(SystemSpec.<String>named("s").minBatchSize(1).forEachEntity(1, RANGE_NOOP).minBatchSize())
                .isEqualTo(1);
    }

    /** Declarations keep their order; a component that is read and written is listed only as written. */
    @Test
    void declarationsAreKeptInOrder() {
        SystemSpec<String> s = SystemSpec.<String>named("s").reads("A", "B", "C").writes("B").reads("A")
                .runsBefore("x", "y").runsAfter("z").runs(NOOP);

        assertThat(s.name()).isEqualTo("s");
        assertThat(s.reads()).containsExactly("A", "C");
        assertThat(s.writes()).containsExactly("B");
        assertThat(s.runsBefore()).containsExactly("x", "y");
        assertThat(s.runsAfter()).containsExactly("z");
    }

    /** A built system is immutable: its collections cannot be changed, and later builder calls do not leak in. */
    @Test
    void builtSystemsAreImmutable() {
        SystemSpec.Builder<String> b = SystemSpec.<String>named("s").reads("A").writes("B").runsBefore("x");
        SystemSpec<String> first = b.runs(NOOP);
        b.reads("C").writes("D").runsBefore("y").runsAfter("z");

        assertThat(first.reads()).containsExactly("A");
        assertThat(first.writes()).containsExactly("B");
        assertThat(first.runsBefore()).containsExactly("x");
        assertThat(first.runsAfter()).isEmpty();
        assertThatThrownBy(() -> first.reads().add("Q")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.writes().add("Q")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.runsBefore().add("Q")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Conflicts: write/write and read/write conflict (symmetrically), read/read does not. */
    @Test
    void conflicts() {
        SystemSpec<String> writesPos = SystemSpec.<String>named("w").writes("Pos").runs(NOOP);
        SystemSpec<String> writesPos2 = SystemSpec.<String>named("w2").writes("Pos").runs(NOOP);
        SystemSpec<String> readsPos = SystemSpec.<String>named("r").reads("Pos").runs(NOOP);
        SystemSpec<String> readsPos2 = SystemSpec.<String>named("r2").reads("Pos").runs(NOOP);
        SystemSpec<String> other = SystemSpec.<String>named("o").writes("Vel").reads("Hp").runs(NOOP);

        assertThat(writesPos.conflictsWith(writesPos2)).isTrue();
        assertThat(writesPos.conflictsWith(readsPos)).isTrue();
        assertThat(readsPos.conflictsWith(writesPos)).isTrue();
        assertThat(readsPos.conflictsWith(readsPos2)).isFalse();
        assertThat(other.conflictsWith(writesPos)).isFalse();
        assertThat(writesPos.sharedConflictingComponents(readsPos)).containsExactly("Pos");
        assertThat(readsPos.sharedConflictingComponents(readsPos2)).isEmpty();
    }

    /** toString names the system and its declarations. */
    @Test
    void toStringNamesTheSystem() {
        assertThat(SystemSpec.<String>named("move").reads("Vel").writes("Pos").runsAfter("input")
                .forEachEntity(3, RANGE_NOOP).toString())
                .contains("move", "entity-parallel", "Vel", "Pos", "after=[input]");
    }

    /**
     * A system over a sparse set is entity-parallel and sparse; for code that knows no sparse set, its count is the
     * set's size and its range body passes the set and the positions on.
     */
    @Test
    void sparseSystemAdaptsToTheDenseView() throws Exception {
        EntityIds set = EntityIds.of(2, 5, 11);
        StringBuilder seen = new StringBuilder();
        SystemSpec<String> s = SystemSpec.<String>named("hit").forEachEntityIn(() -> set, (ids, from, to, ctx) -> {
            for (int p = from; p < to; p++) {
                seen.append(ids.id(p)).append(' ');
            }
        });
        assertThat(s.isEntityParallel()).isTrue();
        assertThat(s.isSparse()).isTrue();
        assertThat(s.fixedEntityCount()).isEqualTo(-1);
        assertThat(s.entityCount().getAsInt()).isEqualTo(3);
        s.rangeBody().run(1, 3, null);
        assertThat(seen.toString()).isEqualTo("5 11 ");
        assertThat(s.toString()).startsWith("SystemSpec[hit, sparse");
        assertThat(SystemSpec.<String>named("dense").forEachEntity(3, RANGE_NOOP).isSparse()).isFalse();
        assertThatThrownBy(() -> SystemSpec.<String>named("x").forEachEntityIn(null, (ids, f, t, c) -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("system 'x': entities");
    }

    /** Begin and end bodies belong to entity-parallel systems; a system that runs once refuses them. */
    @Test
    void beginAndEndAreForEntityParallelSystems() {
        SystemSpec<String> s = SystemSpec.<String>named("r").begin(NOOP).end(NOOP).forEachEntity(4, RANGE_NOOP);
        assertThat(s.beginBody()).isSameAs(NOOP);
        assertThat(s.endBody()).isSameAs(NOOP);
        assertThat(SystemSpec.<String>named("d").forEachEntity(4, RANGE_NOOP).beginBody()).isNull();
        assertThatThrownBy(() -> SystemSpec.<String>named("o").begin(NOOP).runs(NOOP))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("system 'o': begin and end bodies");
    }

    /** Several run conditions combine with "and", asked in order. */
    @Test
    void runConditionsCombineWithAnd() {
        StringBuilder asked = new StringBuilder();
        SystemSpec<String> s = SystemSpec.<String>named("c").runIf(() -> asked.append('a').length() > 5)
                .runIf(() -> asked.append('b') != null).runs(NOOP);
        assertThat(s.runCondition().getAsBoolean()).isFalse();
        assertThat(asked.toString()).isEqualTo("a");
        assertThat(SystemSpec.<String>named("d").runs(NOOP).runCondition()).isNull();
    }
}
