package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * A minimum batch above 2^30 (valid: SchedulerConfig accepts up to Integer.MAX_VALUE; "never split") must give one
 * range [0, entityCount).
 *
 * <p>BUG (if failing): Worker.execute computes {@code 2 * min}, which overflows to a negative number for
 * {@code min > 2^30}: {@code length >= 2 * min} is then true, so the range is split below the minimum, and the piece
 * {@code Math.max(min, length >>> 2)} is {@code min}, so {@code runTask} gets an end far beyond entityCount
 * (and {@code start + piece} overflows).
 */
// SEPARATE_THREAD: the hang is a busy loop in execute() that ignores interrupts
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkStealingHugeMinBatchTest {

    private static volatile double sink;

    @ParameterizedTest
    @ValueSource(ints = {(1 << 30) + 1, Integer.MAX_VALUE})
    void aHugeMinimumBatchGivesOneWholeRange(int min) {
        int n = 10_000;
        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
        Plan<Object> plan = Phase.named("huge").add(SystemSpec.named("r").writes("x").minBatchSize(min)
                .forEachEntity(n, (s, e, ctx) -> {
                    ranges.add(new int[] {s, e});
                    double x = 0;
                    for (int i = s; i < Math.min(e, n); i++) {
                        x += Math.sqrt(i);
                    }
                    sink = x;
                })).compile();
        try (SchedulerBackend b = Schedulers.create("workstealing", SchedulerConfig.builder().workers(2).build())) {
            for (int i = 0; i < 20; i++) {
                ranges.clear();
                PhaseResult<Object> r = b.execute(plan);
                r.throwIfFailed();
                assertThat(ranges).as("phase %d ranges", i).hasSize(1);
                assertThat(ranges.get(0)).containsExactly(0, n);
            }
        }
    }
}
