package org.ecsched.scheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.WorkerStats;
import org.junit.jupiter.api.Test;

/** Phase summary lines and window tables, from real phases on the blocking backend. */
class MetricsFormatterTest {

    private static final SchedulerListener NONE = new SchedulerListener() { };

    @Test
    void summaryOfASuccessfulPhaseSaysItSucceeded() {
        try (SchedulerBackend backend = Frames.blocking(NONE, FailurePolicy.FAIL_FAST)) {
            PhaseResult<String> r = backend.execute(Frames.frame("frame"));
            assertThat(MetricsFormatter.phaseSummary(r))
                    .matches("frame: " + r.tasksExecuted() + " tasks in \\d+\\.\\d{3} ms \\(FAIL_FAST\\), succeeded");
        }
    }

    @Test
    void summaryOfAFailedPhaseNamesFailedAndSkippedSystems() {
        try (SchedulerBackend backend = Frames.blocking(NONE, FailurePolicy.CONTINUE)) {
            PhaseResult<String> r = backend.execute(Frames.failingFrame("broken"));
            assertThat(MetricsFormatter.phaseSummary(r)).matches("broken: " + r.tasksExecuted()
                    + " tasks in \\d+\\.\\d{3} ms \\(CONTINUE\\), 1 failed \\[physics], 1 skipped \\[render]");
        }
    }

    /** Systems whose run condition was false are named as disabled; the phase still succeeded. */
    @Test
    void summary_names_disabled_systems() {
        try (SchedulerBackend backend = Frames.blocking(NONE, FailurePolicy.FAIL_FAST)) {
            org.ecsched.scheduler.api.Plan<String> plan = org.ecsched.scheduler.api.Phase.<String>named("gated")
                    .add(org.ecsched.scheduler.api.SystemSpec.<String>named("on").runs(ctx -> { }))
                    .add(org.ecsched.scheduler.api.SystemSpec.<String>named("off").runIf(() -> false)
                            .runs(ctx -> { }))
                    .compile();
            PhaseResult<String> r = backend.execute(plan);
            assertThat(MetricsFormatter.phaseSummary(r)).matches("gated: 1 task in \\d+\\.\\d{3} ms"
                    + " \\(FAIL_FAST\\), succeeded, 1 disabled \\[off]");
        }
    }

    /** The window is the counter-by-counter difference of two snapshots. */
    @Test
    void windowIsTheDifferenceOfTwoSnapshots() {
        BackendStats earlier = new BackendStats("ws", 10, List.of(
                new WorkerStats(0, 100, 10, 40, 20, 5, 1_000, 50, 7, 300, 9_000_000),
                new WorkerStats(1, 80, 12, 30, 15, 4, 900, 40, 6, 200, 8_000_000)));
        BackendStats later = new BackendStats("ws", 13, List.of(
                new WorkerStats(0, 130, 14, 50, 26, 9, 1_500, 60, 9, 390, 12_000_000),
                new WorkerStats(1, 95, 12, 33, 15, 4, 1_100, 41, 8, 230, 9_500_000)));

        BackendStats window = MetricsFormatter.difference(earlier, later);

        assertThat(window.phases()).isEqualTo(3);
        assertThat(window.workers()).containsExactly(
                new WorkerStats(0, 30, 4, 10, 6, 4, 500, 10, 2, 90, 3_000_000),
                new WorkerStats(1, 15, 0, 3, 0, 0, 200, 1, 2, 30, 1_500_000));
        assertThat(MetricsFormatter.windowTable(earlier, later)).isEqualTo(window.toTable());
    }

    /** On a real backend: the table's title counts the window's phases, and its rows are the workers and a total. */
    @Test
    void windowTableOfRealFramesCountsOnlyTheWindowsPhasesAndTasks() {
        try (SchedulerBackend backend = Frames.blocking(NONE, FailurePolicy.FAIL_FAST)) {
            Frames.run(backend, Frames.frame("frame"), 2);
            BackendStats before = backend.stats();
            Frames.run(backend, Frames.frame("frame"), 3);
            BackendStats after = backend.stats();

            String table = MetricsFormatter.windowTable(before, after);
            assertThat(table.lines().findFirst()).hasValue("blocking: 3 phases");
            assertThat(table.lines()).hasSize(2 + Frames.WORKERS + 1); // title, header, workers, total
            String total = table.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
            assertThat(total.split("\\s+")[1])
                    .isEqualTo(Long.toString(after.tasksExecuted() - before.tasksExecuted()));
        }
    }

    @Test
    void windowTableRefusesMismatchedSnapshots() {
        WorkerStats zero = new WorkerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        BackendStats a = new BackendStats("blocking", 5, List.of(zero));
        assertThatThrownBy(() -> MetricsFormatter.windowTable(a, new BackendStats("other", 6, List.of(zero))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different backends");
        assertThatThrownBy(() -> MetricsFormatter.windowTable(a, new BackendStats("blocking", 6, List.of(zero, zero))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different backends");
        assertThatThrownBy(() -> MetricsFormatter.windowTable(a, new BackendStats("blocking", 4, List.of(zero))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
    }
}
