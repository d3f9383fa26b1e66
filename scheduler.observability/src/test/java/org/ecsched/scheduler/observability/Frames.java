package org.ecsched.scheduler.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;

/** Small plans and a runner on the real blocking backend, shared by the tests. */
final class Frames {

    static final int WORKERS = 3;
    static final int ENTITIES = 1000;
    static final int MIN_BATCH = 50;

    private Frames() {
    }

    /**
     * A frame: {@code input} (runs once) before {@code physics} (entity-parallel over {@link #ENTITIES}) before
     * {@code render} (runs once), plus {@code audio} (runs once) unordered with the others.
     */
    static Plan<String> frame(String planName) {
        return Phase.<String>named(planName)
                .add(SystemSpec.<String>named("input").writes("Input").runs(ctx -> ctx.add("input")))
                .add(SystemSpec.<String>named("physics").reads("Input").writes("Position").minBatchSize(MIN_BATCH)
                        .forEachEntity(ENTITIES, (start, end, ctx) -> ctx.add("physics " + start)))
                .add(SystemSpec.<String>named("render").reads("Position").runs(ctx -> ctx.add("render")))
                .add(SystemSpec.<String>named("audio").writes("Sound").runs(ctx -> ctx.add("audio")))
                .compile();
    }

    /**
     * A frame in which {@code physics} throws on its first range and {@code render} (after it) is therefore
     * skipped under CONTINUE; {@code input} and {@code audio} complete.
     */
    static Plan<String> failingFrame(String planName) {
        return Phase.<String>named(planName)
                .add(SystemSpec.<String>named("input").writes("Input").runs(ctx -> { }))
                .add(SystemSpec.<String>named("physics").reads("Input").writes("Position").minBatchSize(MIN_BATCH)
                        .forEachEntity(ENTITIES, (start, end, ctx) -> {
                            if (start == 0) {
                                throw new IllegalStateException("boom");
                            }
                        }))
                .add(SystemSpec.<String>named("render").reads("Position").runs(ctx -> { }))
                .add(SystemSpec.<String>named("audio").writes("Sound").runs(ctx -> { }))
                .compile();
    }

    /** A blocking backend with {@link #WORKERS} workers reporting to {@code listener}. */
    static SchedulerBackend blocking(SchedulerListener listener, FailurePolicy policy) {
        return Schedulers.create("blocking", SchedulerConfig.builder().workers(WORKERS).failurePolicy(policy)
                .listener(listener).build());
    }

    /** What a test keeps of one phase result (the result object itself is reused by the backend). */
    record Ran(long tasksExecuted, boolean succeeded) {
    }

    /** Runs {@code plan} {@code times} times and keeps each result's task count. */
    static List<Ran> run(SchedulerBackend backend, Plan<String> plan, int times) {
        List<Ran> ran = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            PhaseResult<String> r = backend.execute(plan);
            ran.add(new Ran(r.tasksExecuted(), r.succeeded()));
        }
        return ran;
    }

    static long totalTasks(List<Ran> ran) {
        return ran.stream().mapToLong(Ran::tasksExecuted).sum();
    }

    /** A listener that counts task completions: an independent count to compare a recorder with. */
    static final class TaskCounter implements SchedulerListener {
        final AtomicLong finished = new AtomicLong();

        @Override
        public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                                 long nanoTime) {
            finished.incrementAndGet();
        }
    }
}
