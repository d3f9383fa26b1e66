package org.ecsched.scheduler.testkit.phase;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecsched.scheduler.api.SystemContext;
import org.junit.jupiter.api.Test;

/** The component guards and context checks, driven by hand: what they report must not depend on timing. */
class PhaseProbeTest {

    private final PhaseModel model = PhaseModel.of("guards",
            SystemModel.ranged("w", 100).withWrites("X"),
            SystemModel.once("r1").withReads("X"),
            SystemModel.once("r2").withReads("X"),
            SystemModel.once("w2").withWrites("X").withReads("Y"));
    private final PhaseProbe probe = PhaseInstance.of(model).probe();

    /** A context that says what the test wants. */
    private record Ctx(int systemIndex, String systemName, int rangeStart, int rangeEnd, int workerIndex)
            implements SystemContext<TestCommand> {
        @Override
        public void add(TestCommand command) {
        }

        @Override
        public int workerCount() {
            return workerIndex + 1;
        }
    }

    private Ctx ctx(int system, int start, int end, int worker) {
        return new Ctx(system, model.system(system).name(), start, end, worker);
    }

    @Test
    void readersShareAComponentAndAWriterMeetingThemIsAnOverlap() {
        probe.reset(8);
        PhaseProbe.Ticket r1 = probe.enter(1, 0, 0, ctx(1, 0, 0, 0));
        PhaseProbe.Ticket r2 = probe.enter(2, 0, 0, ctx(2, 0, 0, 1));
        assertThat(probe.overlaps()).isEmpty();
        PhaseProbe.Ticket w = probe.enter(0, 0, 10, ctx(0, 0, 10, 2));
        assertThat(probe.overlaps()).singleElement().asString()
                .isEqualTo("'w' (writes X) started while 'r1', 'r2' (reads it) was running");
        probe.exit(w, false);
        probe.exit(r1, false);
        probe.exit(r2, false);
        assertThat(probe.tasksInside()).isZero();
    }

    @Test
    void theRangesOfOneWriterShareItsComponentButAnotherWriterMayNot() {
        probe.reset(8);
        PhaseProbe.Ticket a = probe.enter(0, 0, 10, ctx(0, 0, 10, 0));
        PhaseProbe.Ticket b = probe.enter(0, 10, 20, ctx(0, 10, 20, 1));
        assertThat(probe.overlaps()).isEmpty();
        PhaseProbe.Ticket other = probe.enter(3, 0, 0, ctx(3, 0, 0, 2));
        assertThat(probe.overlaps()).singleElement().asString().contains("'w2' (writes X)")
                .contains("'w' (writes it)");
        probe.exit(other, false);
        probe.exit(a, false);
        probe.exit(b, false);
        PhaseProbe.Ticket after = probe.enter(3, 0, 0, ctx(3, 0, 0, 2));
        probe.exit(after, false);
        assertThat(probe.overlapCount()).isEqualTo(1);
        assertThat(probe.tasks()).hasSize(4);
    }

    @Test
    void aWrongContextAndASharedWorkerIndexAreReported() throws InterruptedException {
        probe.reset(2);
        probe.exit(probe.enter(1, 0, 0, new Ctx(2, "r1", 0, 0, 0)), false);
        probe.exit(probe.enter(0, 0, 5, ctx(0, 0, 4, 7)), false);
        assertThat(probe.contextErrors()).hasSize(3).anyMatch(m -> m.contains("systemIndex 2"))
                .anyMatch(m -> m.contains("range [0, 4)")).anyMatch(m -> m.contains("workerIndex 7"));

        probe.reset(2);
        PhaseProbe.Ticket mine = probe.enter(1, 0, 0, ctx(1, 0, 0, 1));
        Thread other = new Thread(() -> probe.exit(probe.enter(2, 0, 0, ctx(2, 0, 0, 1)), false), "other");
        other.start();
        other.join();
        probe.exit(mine, false);
        assertThat(probe.contextErrors()).singleElement().asString().contains("worker index 1 was used by threads");
    }

    @Test
    void ticksOrderTasksThatFollowEachOther() {
        probe.reset(4);
        probe.exit(probe.enter(1, 0, 0, ctx(1, 0, 0, 0)), false);
        probe.exit(probe.enter(3, 0, 0, ctx(3, 0, 0, 0)), true);
        TaskRecord first = probe.tasks().get(0);
        TaskRecord second = probe.tasks().get(1);
        assertThat(first.exitTick()).isLessThan(second.enterTick());
        assertThat(second.threw()).isTrue();
    }
}
