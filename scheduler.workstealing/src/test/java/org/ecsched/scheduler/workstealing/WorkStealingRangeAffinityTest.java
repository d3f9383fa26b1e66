package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Range affinity: when a worker splits a range it keeps the half nearer its home (worker 0 the lower half, worker 1
 * the upper one, with two workers), so consecutive systems over the same entities are swept by the same worker.
 * A chain of systems matters here: each successor starts on whichever worker finished its predecessor, so without
 * the rule the lower half would go to that worker, either one, and the halves would swap from system to system.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingRangeAffinityTest {

    private static final int ENTITIES = 200_000;
    private static final int SYSTEMS = 8;
    /** Phases run until this many shared systems are seen, or {@link #MAX_PHASES}. */
    private static final int ENOUGH_SHARED = 100;
    private static final int MAX_PHASES = 400;

    @Test
    void eachWorkerKeepsSweepingItsOwnHalf() {
        float[] data = new float[ENTITIES];
        int[][] firstWorker = new int[SYSTEMS][];
        int[][] lastWorker = new int[SYSTEMS][];
        Phase.Builder<Object> phase = Phase.named("chain");
        for (int s = 0; s < SYSTEMS; s++) {
            int[] first = firstWorker[s] = new int[1];
            int[] last = lastWorker[s] = new int[1];
            phase.add(SystemSpec.named("s" + s).writes("data").minBatchSize(1024)
                    .forEachEntity(ENTITIES, (start, end, ctx) -> {
                        for (int i = start; i < end; i++) {
                            data[i] = (float) Math.sqrt(data[i] * data[i] + i);
                        }
                        if (start == 0) {
                            first[0] = ctx.workerIndex();
                        }
                        if (end == ENTITIES) {
                            last[0] = ctx.workerIndex();
                        }
                    }));
        }
        Plan<Object> plan = phase.compile();
        int shared = 0; // (system, phase) pairs in which the two ends of the range ran on different workers
        int home = 0;
        int[] pairs = new int[4];   // ... of which worker 0 ran the lower end and worker 1 the upper one
        try (SchedulerBackend backend = Schedulers.create("workstealing",
                SchedulerConfig.builder().workers(2).build())) {
            for (int p = 0; p < 10; p++) {
                backend.execute(plan); // measure costs, warm up
            }
            for (int p = 0; p < MAX_PHASES && shared < ENOUGH_SHARED; p++) {
                backend.execute(plan);
                for (int s = 0; s < SYSTEMS; s++) {
                    if (firstWorker[s][0] != lastWorker[s][0]) {
                        shared++;
                        if (firstWorker[s][0] == 0) {
                            home++;
                        }
                    }
                }
            }
        }
        // When both workers share a system, the halves go home. Without the rule the worker holding the task keeps
        // the lower half, and either worker may hold it (measured: 17 of 27); a thread descheduled for a while can
        // still make a worker run the other half, hence not 100%.
        assertThat(shared).as("systems whose range both workers ran").isGreaterThanOrEqualTo(20);
        assertThat((double) home / shared).as("share of them with worker 0 at the lower end (%d of %d)", home, shared)
                .isGreaterThan(0.8);
    }
}
