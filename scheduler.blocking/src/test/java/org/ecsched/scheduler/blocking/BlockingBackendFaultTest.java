package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.blocking.internal.BlockingFaults;
import org.ecsched.scheduler.blocking.internal.BlockingFaults.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pool threads survive anything: a {@code Throwable} injected ({@link BlockingFaults}) into the backend's own code
 * around a task -- making a ready system's tasks (on the pool thread that finished its predecessor, or on the
 * caller inside {@code PhaseRun.start} for a root), queuing them, or between taking a task and running it --
 * becomes a reported failure of that system; the phase completes, every pool thread is still alive, and the next
 * phase is correct. Every phase runs with a deadline, so a hang fails the test.
 */
class BlockingBackendFaultTest {

    static final int WIDE = 64;
    static final int GRID = 32;

    /** root; wide (range) and once (runs once) after root; after, after wide; free and grid, independent roots. */
    static Plan<String> plan() {
        return plan(() -> { });
    }

    /** The same, {@code onceStarted} running at the start of once's body. */
    static Plan<String> plan(Runnable onceStarted) {
        return Phase.<String>named("faulty")
                .add(SystemSpec.<String>named("root").runs(ctx -> ctx.add("root")))
                .add(SystemSpec.<String>named("wide").runsAfter("root").minBatchSize(1)
                        .forEachEntity(WIDE, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                ctx.add("wide:" + i);
                            }
                        }))
                .add(SystemSpec.<String>named("after").runsAfter("wide").runs(ctx -> ctx.add("after")))
                .add(SystemSpec.<String>named("once").runsAfter("root").runs(ctx -> {
                    onceStarted.run();
                    ctx.add("once");
                }))
                .add(SystemSpec.<String>named("free").runs(ctx -> ctx.add("free")))
                .add(SystemSpec.<String>named("grid").minBatchSize(1).forEachEntity(GRID, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        ctx.add("grid:" + i);
                    }
                }))
                .compile();
    }

    static List<String> commandsOf(Plan<String> plan, List<String> completed) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < plan.systemCount(); s++) {
            String name = plan.system(s).name();
            if (!completed.contains(name)) {
                continue;
            }
            switch (name) {
                case "wide" -> {
                    for (int i = 0; i < WIDE; i++) {
                        out.add("wide:" + i);
                    }
                }
                case "grid" -> {
                    for (int i = 0; i < GRID; i++) {
                        out.add("grid:" + i);
                    }
                }
                default -> out.add(name);
            }
        }
        return out;
    }

    static final List<String> ALL = List.of("root", "wide", "after", "once", "free", "grid");

    /** The systems that depend on {@code victim} (skipped when it fails). */
    static List<String> dependents(String victim) {
        return switch (victim) {
            case "root" -> List.of("wide", "after", "once");
            case "wide" -> List.of("after");
            default -> List.of();
        };
    }

    @AfterEach
    void disarm() {
        BlockingFaults.disarm();
    }

    /** Throws {@link #error} at the {@code nth} (0-based) check of {@code site} for {@code system}, once. */
    static final class Injected implements BlockingFaults.Injector {
        final Site site;
        final int system;
        final int nth;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger hits = new AtomicInteger();
        final OutOfMemoryError error;

        Injected(Site site, int system, int nth) {
            this.site = site;
            this.system = system;
            this.nth = nth;
            this.error = new OutOfMemoryError("injected at " + site + " for system " + system);
        }

        @Override
        public void at(Site s, int sys) {
            if (s == site && sys == system && seen.getAndIncrement() == nth) {
                hits.incrementAndGet();
                throw error;
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (FailurePolicy policy : FailurePolicy.values()) {
            for (int workers : new int[] {1, 2, 4}) {
                // A range system made on a pool thread, part way; one made by the caller inside start; systems
                // that run once, made on a pool thread and by the caller.
                out.add(Arguments.of(policy, workers, Site.TASK_ALLOCATION, "wide", 2));
                out.add(Arguments.of(policy, workers, Site.TASK_ALLOCATION, "grid", 1));
                out.add(Arguments.of(policy, workers, Site.TASK_ALLOCATION, "once", 0));
                out.add(Arguments.of(policy, workers, Site.TASK_ALLOCATION, "free", 0));
                // add() threw after the task was in the queue: a pool thread may already hold it.
                out.add(Arguments.of(policy, workers, Site.TASK_QUEUED, "wide", 1));
                if (workers == 1) { // its one pool thread is the one making the task: nobody can have taken it
                    out.add(Arguments.of(policy, workers, Site.TASK_QUEUED, "once", 0));
                }
                // A throwable on the pool thread between taking a task and running it.
                out.add(Arguments.of(policy, workers, Site.BEFORE_TASK, "wide", 1));
                out.add(Arguments.of(policy, workers, Site.BEFORE_TASK, "root", 0));
            }
        }
        return out.stream();
    }

    /**
     * A fault in the backend's own code around a task of {@code victim}: the victim is FAILED with exactly that
     * error (listed once, with the part of the system it cost), its dependents are SKIPPED, the phase completes,
     * every pool thread survives, and the next phase of the same plan is complete and correct.
     */
    @ParameterizedTest(name = "{0}, {1} workers, {2} for {3} (check {4})")
    @MethodSource("cases")
    void aFaultAroundATaskFailsOnlyItsSystem(FailurePolicy policy, int workers, Site site, String victim, int nth)
            throws Exception {
        String prefix = "bt-fault-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Plan<String> plan = plan();
        int v = plan.indexOf(victim);
        try (SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder()
                .workers(workers).minBatchSize(1).threadNamePrefix(prefix).build())) {
            Injected fault = new Injected(site, v, nth);
            BlockingFaults.arm(fault);
            PhaseResult<String> r = TestThreads.withDeadline("caller", () -> backend.execute(plan, policy));
            BlockingFaults.disarm();

            assertThat(fault.hits).as("the fault was met").hasValue(1);
            assertThat(r.outcome(victim)).as("victim").isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(v)).isSameAs(fault.error);
            assertThat(r.failures()).as("failures").hasSize(1);
            SystemFailure f = r.failures().get(0);
            assertThat(f.systemName()).isEqualTo(victim);
            assertThat(f.cause()).isSameAs(fault.error);
            assertCost(f, site, victim, nth, workers);
            for (String d : dependents(victim)) {
                assertThat(r.outcome(d)).as("dependent %s", d).isEqualTo(SystemOutcome.SKIPPED);
            }
            if (policy == FailurePolicy.CONTINUE) {
                List<String> completed = new ArrayList<>(ALL);
                completed.remove(victim);
                completed.removeAll(dependents(victim));
                for (String c : completed) {
                    assertThat(r.outcome(c)).as("independent %s", c).isEqualTo(SystemOutcome.COMPLETED);
                }
                assertThat(r.commands()).containsExactlyElementsOf(commandsOf(plan, completed));
            }
            assertThat(TestThreads.liveThreadsNamed(prefix)).as("pool threads alive").hasSize(workers);

            for (int phase = 0; phase < 3; phase++) {
                PhaseResult<String> next = TestThreads.withDeadline("caller", () -> backend.execute(plan, policy));
                assertThat(next.succeeded()).as("next phase %d", phase).isTrue();
                assertThat(next.commands()).containsExactlyElementsOf(commandsOf(plan, ALL));
            }
        }
    }

    /** The part of the system a fault cost, as its failure names it. */
    private static void assertCost(SystemFailure f, Site site, String victim, int nth, int workers) {
        int n = victim.equals("wide") ? WIDE : victim.equals("grid") ? GRID : 0;
        if (n == 0) {
            assertThat(f.rangeStart()).as("run-once start").isZero();
            assertThat(f.rangeEnd()).as("run-once end").isZero();
            return;
        }
        int size = Math.max(1, (n + workers * 4 - 1) / (workers * 4)); // the backend's range size, minimum batch 1
        switch (site) {
            case TASK_ALLOCATION -> {
                // Ranges 0..nth-1 were queued and ran; the rest was never made.
                assertThat(f.rangeStart()).isEqualTo(nth * size);
                assertThat(f.rangeEnd()).isEqualTo(n);
            }
            case TASK_QUEUED -> {
                // Range nth was queued when add threw: cancelled (it is part of the failure) or already taken by a
                // pool thread (it runs); the rest was never made.
                assertThat(f.rangeStart()).isIn(nth * size, (nth + 1) * size);
                assertThat(f.rangeEnd()).isEqualTo(n);
            }
            case BEFORE_TASK -> {
                // The nth task taken for the system: some range, which never ran.
                assertThat(f.rangeEnd() - f.rangeStart()).isBetween(1, size);
            }
            default -> throw new AssertionError(site);
        }
    }

    /**
     * add() throws after the task of a system that runs once was queued, and another pool thread has already taken
     * it (the injector waits until its body runs): the task was delivered, so the system runs and completes
     * normally; nothing is counted twice, the phase completes, and the next phase is correct.
     */
    @ParameterizedTest(name = "{0} workers")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void aTaskAlreadyTakenWhenAddThrewRunsNormally(int workers) throws Exception {
        java.util.concurrent.CountDownLatch onceRunning = new java.util.concurrent.CountDownLatch(1);
        Plan<String> plan = plan(onceRunning::countDown);
        int once = plan.indexOf("once");
        OutOfMemoryError error = new OutOfMemoryError("injected after the task was queued");
        AtomicInteger hits = new AtomicInteger();
        try (SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder()
                .workers(workers).minBatchSize(1).build())) {
            BlockingFaults.arm((site, system) -> {
                if (site == Site.TASK_QUEUED && system == once && hits.getAndIncrement() == 0) {
                    try {
                        TestThreads.await(onceRunning, "another pool thread to run the queued task");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw error;
                }
            });
            PhaseResult<String> r = TestThreads.withDeadline("caller",
                    () -> backend.execute(plan, FailurePolicy.CONTINUE));
            BlockingFaults.disarm();

            assertThat(hits).hasValue(1);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.commands()).containsExactlyElementsOf(commandsOf(plan, ALL));
            PhaseResult<String> next = TestThreads.withDeadline("caller",
                    () -> backend.execute(plan, FailurePolicy.CONTINUE));
            assertThat(next.succeeded()).isTrue();
            assertThat(next.commands()).containsExactlyElementsOf(commandsOf(plan, ALL));
        }
    }
}
