package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.WorkerStats;
import org.junit.jupiter.api.Test;

/** Per-worker counters and the backend-wide snapshot built from them. */
class WorkerCountersTest {

    /** Each counter is kept separately and appears in its own field of the snapshot. */
    @Test
    void countersMapToSnapshotFields() {
        WorkerCounters c = new WorkerCounters(3);
        int[] all = {WorkerCounters.TASKS_EXECUTED, WorkerCounters.TASKS_STOLEN, WorkerCounters.STEAL_ATTEMPTS,
                WorkerCounters.STEAL_SUCCESSES, WorkerCounters.LIFO_HITS, WorkerCounters.SPINS, WorkerCounters.YIELDS,
                WorkerCounters.PARKS, WorkerCounters.COMMANDS_RECORDED, WorkerCounters.BUSY_NANOS};
        for (int i = 0; i < all.length; i++) {
            c.add(all[i], 10L * (i + 1));
        }
        c.increment(WorkerCounters.TASKS_EXECUTED);

        assertThat(c.snapshot()).isEqualTo(new WorkerStats(3, 11, 20, 30, 40, 50, 60, 70, 80, 90, 100));
        assertThat(c.get(WorkerCounters.PARKS)).isEqualTo(80);
    }

    /** A fresh worker reports zero everywhere, and a zero steal success rate (not NaN). */
    @Test
    void freshCountersAreZero() {
        WorkerStats s = new WorkerCounters(0).snapshot();

        assertThat(s).isEqualTo(new WorkerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(s.stealSuccessRate()).isZero();
    }

    /** Backend totals are the sums over workers; the table has a row per worker and a total row. */
    @Test
    void backendTotalsAndTable() {
        BackendStats stats = new BackendStats("demo", 7, List.of(
                new WorkerStats(0, 5, 1, 4, 2, 3, 100, 6, 2, 9, 3_000_000),
                new WorkerStats(1, 7, 2, 4, 1, 0, 50, 1, 1, 11, 2_000_000)));

        assertThat(stats.phases()).isEqualTo(7);
        assertThat(stats.tasksExecuted()).isEqualTo(12);
        assertThat(stats.tasksStolen()).isEqualTo(3);
        assertThat(stats.stealAttempts()).isEqualTo(8);
        assertThat(stats.stealSuccesses()).isEqualTo(3);
        assertThat(stats.lifoHits()).isEqualTo(3);
        assertThat(stats.spins()).isEqualTo(150);
        assertThat(stats.yields()).isEqualTo(7);
        assertThat(stats.parks()).isEqualTo(3);
        assertThat(stats.commandsRecorded()).isEqualTo(20);
        assertThat(stats.busyNanos()).isEqualTo(5_000_000);
        assertThat(stats.workers().get(0).stealSuccessRate()).isEqualTo(0.5);
        String table = stats.toTable();
        assertThat(table).contains("demo: 7 phases", "worker", "total", "37.5%");
        assertThat(table.lines().count()).isEqualTo(5);
    }
}
