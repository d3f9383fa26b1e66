package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cost-aware start: the first phase hands roots out in declaration order; once durations are measured, later
 * phases start the longest root first. One worker and a steal batch of one make the start order the hand-out
 * order (a larger batch moves several roots into the deque, whose owner end is LIFO).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingCostOrderTest {

    private static volatile double sink;

    @Test
    void laterPhasesStartTheLongestRootFirst() {
        List<Integer> started = new CopyOnWriteArrayList<>();
        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                started.add(system);
            }
        };
        // Declared shortest first; each is 8 times the one before, so a stall would have to last several
        // milliseconds, in each of the measured phases, to swap two of them.
        int[] rounds = {0, 20_000, 160_000, 1_280_000};
        Phase.Builder<Object> phase = Phase.named("costs");
        for (int i = 0; i < rounds.length; i++) {
            int n = rounds[i];
            phase.add(SystemSpec.named("s" + i).runs(ctx -> spin(n)));
        }
        Plan<Object> plan = phase.compile();
        SchedulerConfig config = SchedulerConfig.builder().workers(1).stealBatch(1).listener(listener).build();
        try (SchedulerBackend backend = Schedulers.create("workstealing", config)) {
            backend.execute(plan);
            assertThat(started).as("first phase: nothing measured, declaration order").containsExactly(0, 1, 2, 3);
            for (int phaseNumber = 2; phaseNumber <= 4; phaseNumber++) {
                started.clear();
                backend.execute(plan);
                assertThat(started).as("phase %d: longest measured first", phaseNumber).containsExactly(3, 2, 1, 0);
            }
        }
    }

    private static void spin(int rounds) {
        double x = rounds;
        for (int k = 0; k < rounds; k++) {
            x = Math.sqrt(x * x + k + 1);
        }
        sink = x;
    }
}
