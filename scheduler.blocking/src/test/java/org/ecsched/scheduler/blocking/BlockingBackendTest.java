package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.WorkerStats;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the blocking backend, beyond the conformance rules ({@link BlockingBackendConformanceTest}
 * runs all of them at 1 to 16 workers): its stats hold no stealing or idling figures and include every task as
 * soon as {@code execute} returns; its name and default policy.
 */
class BlockingBackendTest {

    static SchedulerBackend backend(int workers) {
        return backend(SchedulerConfig.builder().workers(workers).minBatchSize(8).build());
    }

    static SchedulerBackend backend(SchedulerConfig config) {
        return new BlockingBackendProvider().create(config);
    }

    /**
     * Stats count what ran: phases, tasks (one per range), commands; a blocking backend never steals, spins,
     * yields or parks in the counted sense, so those are zero, not garbage.
     */
    @Test
    void statsCountTasksAndCommandsAndNoStealingOrIdling() {
        AtomicInteger ranges = new AtomicInteger();
        Plan<String> plan = Phase.<String>named("counted")
                .add(SystemSpec.<String>named("a").runs(ctx -> ctx.add("a")))
                .add(SystemSpec.<String>named("b").minBatchSize(10).forEachEntity(95, (s, e, ctx) -> {
                    ranges.incrementAndGet();
                    for (int i = s; i < e; i++) {
                        ctx.add("b" + i);
                    }
                }))
                .add(SystemSpec.<String>named("c").runs(ctx -> { }))
                .compile();
        try (SchedulerBackend backend = backend(3)) {
            BackendStats before = backend.stats();
            assertThat(before.backend()).isEqualTo("blocking");
            assertThat(before.phases()).isZero();
            assertThat(before.tasksExecuted()).isZero();
            assertThat(before.workers()).extracting(WorkerStats::worker).containsExactly(0, 1, 2);

            long tasks = 0;
            for (int i = 0; i < 4; i++) {
                tasks += backend.execute(plan).tasksExecuted();
            }
            BackendStats after = backend.stats();

            assertThat(tasks).isEqualTo(4L * 2 + ranges.get());
            assertThat(ranges.get()).isBetween(4 * 2, 4 * 10); // 95 entities in ranges of at least 10
            assertThat(after.phases()).isEqualTo(4);
            assertThat(after.tasksExecuted()).isEqualTo(tasks);
            assertThat(after.commandsRecorded()).isEqualTo(4L * 96);
            assertThat(after.tasksStolen()).isZero();
            assertThat(after.stealAttempts()).isZero();
            assertThat(after.stealSuccesses()).isZero();
            assertThat(after.lifoHits()).isZero();
            assertThat(after.spins()).isZero();
            assertThat(after.yields()).isZero();
            assertThat(after.parks()).isZero();
            assertThat(after.busyNanos()).isNotNegative();
            assertThat(after.workers()).hasSize(3).allSatisfy(w -> assertThat(w.tasksExecuted()).isNotNegative());
        }
    }

    /**
     * Stats are exact between phases ({@link WorkerStats}: "between phases they are exact"): right after
     * {@code execute} returns, the counters include every task of that phase.
     *
     * <p><b>BUG (reported to the lead; fails on the code as committed in 692c610, typically within a few hundred
     * phases).</b> {@code BlockingBackend.PoolThread.run} increments {@code TASKS_EXECUTED},
     * {@code COMMANDS_RECORDED} and {@code BUSY_NANOS} <em>after</em> {@code run.runTask(...)} returns, but the
     * phase's last {@code runTask} already called {@code phaseFinished}, which wakes the caller: the caller can
     * return from {@code execute} and read {@code stats()} before the last task is counted. Fix: count inside
     * the task, before its completion is published (for example from the ReadyHandler side before the final
     * decrement, or let PhaseRun count per worker), or have {@code stats()} only read what the phase published.
     */
    @Test
    void statsIncludeEveryTaskAsSoonAsExecuteReturns() {
        Plan<String> plan = Phase.<String>named("tick")
                .add(SystemSpec.<String>named("one").runs(ctx -> ctx.add("c"))).compile();
        try (SchedulerBackend backend = backend(2)) {
            long tasks = 0;
            for (int phase = 1; phase <= 3000; phase++) {
                tasks += backend.execute(plan).tasksExecuted();
                BackendStats stats = backend.stats();
                assertThat(stats.tasksExecuted()).as("tasks counted right after phase %d", phase).isEqualTo(tasks);
                assertThat(stats.commandsRecorded()).as("commands counted right after phase %d", phase)
                        .isEqualTo(phase);
            }
        }
    }

    /** The default policy is the configuration's. */
    @Test
    void theDefaultPolicyIsTheConfigurations() {
        Plan<String> plan = Phase.<String>named("p").add(SystemSpec.<String>named("x").runs(ctx -> { })).compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(1)
                .failurePolicy(FailurePolicy.CONTINUE).build())) {
            assertThat(backend.execute(plan).policy()).isEqualTo(FailurePolicy.CONTINUE);
            assertThat(backend.name()).isEqualTo("blocking");
            assertThat(backend.config().failurePolicy()).isEqualTo(FailurePolicy.CONTINUE);
        }
    }

}
