package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PerWorker;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangePartials;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * {@link PerWorker} and {@link RangePartials} under {@link ManualDriver}, which cuts ranges and picks workers at
 * random per seed: per-range partials give one result for an associative combiner whatever the cutting; per-worker
 * slots need a commutative one as well.
 */
class ReductionHelpersTest {

    private static final SchedulerConfig CONFIG = SchedulerConfig.builder().workers(4).minBatchSize(1).build();
    private static final int N = 200;

    /** String concatenation (associative, not commutative) of per-range partials is the sequential result. */
    @Test
    void rangePartialsGiveTheSequentialResultForAnyCutting() {
        RangePartials<String> partials = new RangePartials<>(4);
        String[] result = new String[1];
        Plan<String> plan = Phase.<String>named("p")
                .add(SystemSpec.<String>named("concat").minBatchSize(1)
                        .begin(ctx -> partials.clear())
                        .end(ctx -> result[0] = partials.reduce("", String::concat))
                        .forEachEntity(N, (start, end, ctx) -> {
                            StringBuilder sb = new StringBuilder();
                            for (int e = start; e < end; e++) {
                                sb.append(e).append(',');
                            }
                            partials.add(ctx, sb.toString());
                        }))
                .compile();
        StringBuilder want = new StringBuilder();
        for (int e = 0; e < N; e++) {
            want.append(e).append(',');
        }
        Set<Integer> rangeCounts = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), seed);
            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).succeeded()).isTrue();
            assertThat(result[0]).isEqualTo(want.toString());
            rangeCounts.add(d.tasksRun);
        }
        assertThat(rangeCounts).as("the seeds cut the range differently").hasSizeGreaterThan(1);
    }

    /** Per-worker slots hold what each worker did; an associative and commutative sum of them is exact. */
    @Test
    void perWorkerSlotsSumExactly() {
        PerWorker<long[]> sums = new PerWorker<>(4, w -> new long[1]);
        long[] total = new long[1];
        Plan<String> plan = Phase.<String>named("p")
                .add(SystemSpec.<String>named("sum").minBatchSize(1)
                        .begin(ctx -> {
                            for (int w = 0; w < sums.size(); w++) {
                                sums.get(w)[0] = 0;
                            }
                        })
                        .end(ctx -> total[0] = sums.reduce(new long[1], (a, b) -> new long[] {a[0] + b[0]})[0])
                        .forEachEntity(N, (start, end, ctx) -> {
                            for (int e = start; e < end; e++) {
                                sums.of(ctx)[0] += e;
                            }
                        }))
                .compile();
        for (long seed = 1; seed <= 10; seed++) {
            new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), seed).runPhase(FailurePolicy.FAIL_FAST);
            assertThat(total[0]).isEqualTo((long) N * (N - 1) / 2);
        }
        assertThatThrownBy(() -> new PerWorker<>(0, w -> w)).isInstanceOf(IllegalArgumentException.class);
    }
}
