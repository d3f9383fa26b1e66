package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecsched.scheduler.blocking.SystemModel.once;
import static org.ecsched.scheduler.blocking.SystemModel.parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.WorkerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocking backend runs sample phases correctly: orderings honoured, conflicting systems never overlapping
 * (measured by {@link Probe}, never by time), commands identical across worker counts, both failure policies,
 * ranges and stats.
 */
class BlockingBackendTest {

    private static final int SPIN = 2_000;

    static SchedulerBackend backend(int workers) {
        return backend(SchedulerConfig.builder().workers(workers).minBatchSize(8).build());
    }

    static SchedulerBackend backend(SchedulerConfig config) {
        return new BlockingBackendProvider().create(config);
    }

    /** An ECS-like frame: a pipeline with fan-out, readers sharing a component, explicit orderings. */
    static List<SystemModel> frame() {
        return List.of(
                once("input", List.of(), List.of("Input")),
                parallel("ai", List.of("Input"), List.of("Intent"), 200, 8),
                parallel("physics", List.of("Intent"), List.of("Pos", "Vel"), 500, 16),
                parallel("collide", List.of("Pos"), List.of("Contacts"), 300, 10),
                parallel("animate", List.of("Pos"), List.of("Anim"), 250, 0),
                once("audio", List.of("Contacts"), List.of("Sound")),
                once("render", List.of("Pos", "Anim"), List.of()).after("audio"),
                once("cleanup", List.of(), List.of("Contacts")).after("render"),
                once("stats", List.of("Input"), List.of()),
                // Declared last, ordered first: its commands still come last.
                once("score", List.of(), List.of("Score")).before("input"));
    }

    /** Many readers of one component around one writer, and independent writers: lots of allowed parallelism. */
    static List<SystemModel> wide() {
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            systems.add(parallel("read" + i, List.of("Pos"), List.of("Out" + i), 120, 5));
        }
        systems.add(parallel("move", List.of("Vel"), List.of("Pos"), 400, 4));
        for (int i = 6; i < 12; i++) {
            systems.add(parallel("read" + i, List.of("Pos"), List.of("Out" + i), 80, 3));
        }
        for (int i = 0; i < 4; i++) {
            systems.add(once("solo" + i, List.of(), List.of("Solo" + i)));
        }
        systems.add(parallel("tiny", List.of("Out0"), List.of(), 0, 1));
        return systems;
    }

    /** Explicit orderings against declaration order, and a chain of writers of one component. */
    static List<SystemModel> reordered() {
        return List.of(
                parallel("w0", List.of(), List.of("X"), 64, 1),
                parallel("w1", List.of(), List.of("X"), 64, 1).before("w0"),
                parallel("w2", List.of("X"), List.of("Y"), 64, 2),
                once("w3", List.of("Y"), List.of("X")).before("w1"),
                parallel("r", List.of("X", "Y"), List.of(), 33, 1));
    }

    static Stream<Arguments> samples() {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of("frame", "wide", "reordered")) {
            for (int workers : new int[] {1, 2, 8}) {
                out.add(Arguments.of(name, workers));
            }
        }
        return out.stream();
    }

    static List<SystemModel> sample(String name) {
        return switch (name) {
            case "frame" -> frame();
            case "wide" -> wide();
            case "reordered" -> reordered();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Sample phases: every ordering of the plan is honoured, no two conflicting systems overlap, every system
     * completes, and the commands come in the deterministic order -- on every worker count, frame after frame.
     */
    @ParameterizedTest(name = "{0} on {1} workers")
    @MethodSource("samples")
    void samplePhasesHonourOrderingAndNeverOverlapConflicts(String name, int workers) {
        List<SystemModel> systems = sample(name);
        Probe probe = new Probe(systems.size(), SystemModel.components(systems), SPIN);
        Plan<String> plan = SystemModel.phase(name, systems, probe).compile();
        List<SystemOutcome> allCompleted = Collections.nCopies(systems.size(), SystemOutcome.COMPLETED);
        List<String> expected = SystemModel.expectedCommands(systems, allCompleted);

        try (SchedulerBackend backend = backend(workers)) {
            for (int frame = 0; frame < 5; frame++) {
                probe.resetStamps();
                PhaseResult<String> r = backend.execute(plan);

                assertThat(probe.violations()).as("overlapping conflicting systems").isEmpty();
                assertThat(probe.orderingViolations(plan)).as("orderings broken").isEmpty();
                assertThat(r.failures()).isEmpty();
                assertThat(r.succeeded()).isTrue();
                assertThat(outcomes(r)).isEqualTo(allCompleted);
                assertThat(r.commands()).as("commands of frame %d", frame).containsExactlyElementsOf(expected);
            }
        }
    }

    /** Commands are identical on 1, 2 and 8 workers, and equal to the expected deterministic order. */
    @Test
    void commandsAreIdenticalAcrossWorkerCounts() {
        for (String name : List.of("frame", "wide", "reordered")) {
            List<SystemModel> systems = sample(name);
            Probe probe = new Probe(systems.size(), SystemModel.components(systems), 0);
            Plan<String> plan = SystemModel.phase(name, systems, probe).compile();
            List<List<String>> perWorkerCount = new ArrayList<>();
            for (int workers : new int[] {1, 2, 8}) {
                // A small default batch: many ranges, cut differently for each worker count.
                try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(workers).minBatchSize(1)
                        .build())) {
                    perWorkerCount.add(List.copyOf(backend.execute(plan).commands()));
                }
            }
            List<String> expected = SystemModel.expectedCommands(systems,
                    Collections.nCopies(systems.size(), SystemOutcome.COMPLETED));
            assertThat(perWorkerCount.get(0)).as("%s on 1 worker", name).isEqualTo(expected);
            assertThat(perWorkerCount.get(1)).as("%s on 2 workers", name).isEqualTo(expected);
            assertThat(perWorkerCount.get(2)).as("%s on 8 workers", name).isEqualTo(expected);
        }
    }

    /**
     * Systems the plan lets run concurrently really do (on two workers): both wait at a barrier that only
     * opens when both are inside. A backend that ran them one after the other would time out here.
     */
    @Test
    void independentSystemsRunConcurrently() {
        CyclicBarrier both = new CyclicBarrier(2);
        Plan<String> plan = Phase.<String>named("meet")
                .add(SystemSpec.<String>named("left").reads("Pos").runs(ctx -> both.await(TestThreads.DEADLINE_SECONDS,
                        TimeUnit.SECONDS)))
                .add(SystemSpec.<String>named("right").reads("Pos").runs(ctx -> both.await(TestThreads.DEADLINE_SECONDS,
                        TimeUnit.SECONDS)))
                .compile();
        try (SchedulerBackend backend = backend(2)) {
            PhaseResult<String> r = backend.execute(plan);

            assertThat(r.failures()).as("both systems met at the barrier").isEmpty();
        }
    }

    /** Ranges of an entity-parallel system run in parallel too (two ranges meet at a barrier). */
    @Test
    void rangesOfOneSystemRunConcurrently() {
        CyclicBarrier both = new CyclicBarrier(2);
        Plan<String> plan = Phase.<String>named("split").add(SystemSpec.<String>named("halves").minBatchSize(1)
                .forEachEntity(2, (start, end, ctx) -> both.await(TestThreads.DEADLINE_SECONDS, TimeUnit.SECONDS)))
                .compile();
        try (SchedulerBackend backend = backend(2)) {
            assertThat(backend.execute(plan).failures()).isEmpty();
        }
    }

    /**
     * Ranges cover {@code [0, n)} exactly once, none shorter than the minimum batch (the system's own, else the
     * configuration's) except the last one; tasks executed counts one per range.
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 3, 8})
    void rangesCoverTheEntitiesAndRespectTheMinimumBatch(int workers) {
        List<int[]> ownRanges = Collections.synchronizedList(new ArrayList<>());
        List<int[]> defaultRanges = Collections.synchronizedList(new ArrayList<>());
        Plan<String> plan = Phase.<String>named("ranges")
                .add(SystemSpec.<String>named("own").minBatchSize(7)
                        .forEachEntity(1000, (s, e, ctx) -> ownRanges.add(new int[] {s, e})))
                .add(SystemSpec.<String>named("dflt")
                        .forEachEntity(101, (s, e, ctx) -> defaultRanges.add(new int[] {s, e})))
                .compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(workers).minBatchSize(5).build())) {
            PhaseResult<String> r = backend.execute(plan);

            assertCovers(ownRanges, 1000, 7);
            assertCovers(defaultRanges, 101, 5);
            assertThat(r.tasksExecuted()).isEqualTo(ownRanges.size() + defaultRanges.size());
        }
    }

    private static void assertCovers(List<int[]> ranges, int n, int minBatch) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(r -> r[0]));
        int next = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int[] r = sorted.get(i);
            assertThat(r[0]).as("range %d starts where the previous ended", i).isEqualTo(next);
            assertThat(r[1]).isGreaterThan(r[0]);
            if (i < sorted.size() - 1) {
                assertThat(r[1] - r[0]).as("range [%d, %d) below the minimum batch", r[0], r[1])
                        .isGreaterThanOrEqualTo(minBatch);
            }
            next = r[1];
        }
        assertThat(next).isEqualTo(n);
    }

    /**
     * FAIL_FAST: once a system fails no new task starts, tasks in flight finish (and keep their commands);
     * systems that had not started are SKIPPED. Made deterministic with latches: the in-flight system starts
     * before the failing one throws, and finishes only after the failure is recorded.
     */
    @Test
    void failFastLetsTasksInFlightFinishAndStartsNothingNew() {
        CountDownLatch inflightStarted = new CountDownLatch(1);
        CountDownLatch failureRecorded = new CountDownLatch(1);
        SchedulerListener onFailure = new SchedulerListener() {
            @Override
            public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                if (failed) {
                    failureRecorded.countDown();
                }
            }
        };
        Plan<String> plan = Phase.<String>named("ff")
                .add(SystemSpec.<String>named("inflight").runs(ctx -> {
                    ctx.add("inflight#0");
                    inflightStarted.countDown();
                    TestThreads.await(failureRecorded, "the failure to be recorded");
                    ctx.add("inflight#1");
                }))
                .add(SystemSpec.<String>named("failer").runs(ctx -> {
                    TestThreads.await(inflightStarted, "the in-flight system to start");
                    ctx.add("failer#0");
                    throw new IllegalStateException("failer fails");
                }))
                .add(SystemSpec.<String>named("dependent").runsAfter("failer").runs(ctx -> ctx.add("dependent#0")))
                .add(SystemSpec.<String>named("later").runsAfter("inflight").runs(ctx -> ctx.add("later#0")))
                .compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(2).listener(onFailure).build())) {
            PhaseResult<String> r = backend.execute(plan, FailurePolicy.FAIL_FAST);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.FAILED,
                    SystemOutcome.SKIPPED, SystemOutcome.SKIPPED);
            assertThat(r.commands()).containsExactly("inflight#0", "inflight#1");
            assertThat(r.failure(1)).isInstanceOf(IllegalStateException.class).hasMessage("failer fails");
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.systemName()).isEqualTo("failer");
                assertThat(f.workerIndex()).isBetween(0, 1);
            });
            assertThat(r.tasksExecuted()).isEqualTo(2);
            assertThat(r.policy()).isEqualTo(FailurePolicy.FAIL_FAST);
        }
    }

    /**
     * FAIL_FAST on a sample phase with a failing system, whatever the timing: the failing system is FAILED,
     * everything ordered after it SKIPPED, every COMPLETED system had only COMPLETED predecessors and delivers
     * its commands, nothing else delivers any.
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 8})
    void failFastInvariantsOnASamplePhase(int workers) {
        List<SystemModel> systems = new ArrayList<>(frame());
        systems.set(3, systems.get(3).failingAt(150)); // collide
        Probe probe = new Probe(systems.size(), SystemModel.components(systems), SPIN);
        Plan<String> plan = SystemModel.phase("frame", systems, probe).compile();
        try (SchedulerBackend backend = backend(workers)) {
            for (int frame = 0; frame < 3; frame++) {
                PhaseResult<String> r = backend.execute(plan, FailurePolicy.FAIL_FAST);
                List<SystemOutcome> outcomes = outcomes(r);

                assertThat(outcomes.get(3)).isEqualTo(SystemOutcome.FAILED);
                for (int s = 0; s < systems.size(); s++) {
                    if (plan.isOrderedBefore(3, s)) {
                        assertThat(outcomes.get(s)).as("%s after the failure", plan.system(s).name())
                                .isEqualTo(SystemOutcome.SKIPPED);
                    }
                    if (outcomes.get(s) == SystemOutcome.COMPLETED) {
                        for (int p = 0; p < systems.size(); p++) {
                            if (plan.isOrderedBefore(p, s)) {
                                assertThat(outcomes.get(p)).isEqualTo(SystemOutcome.COMPLETED);
                            }
                        }
                    }
                }
                assertThat(r.commands()).containsExactlyElementsOf(SystemModel.expectedCommands(systems, outcomes));
                assertThat(probe.violations()).isEmpty();
            }
        }
    }

    /**
     * CONTINUE: everything runs except the systems ordered after a failed one; the outcomes are exactly those
     * the plan implies, and the commands are those of the completed systems, on any worker count.
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 8})
    void continueRunsEverythingNotDependingOnAFailure(int workers) {
        List<SystemModel> systems = new ArrayList<>(frame());
        systems.set(1, systems.get(1).failingAt(3)); // ai: physics, collide, animate, audio, render, cleanup follow
        systems.set(8, systems.get(8).failingAt(0)); // stats: nothing follows
        Probe probe = new Probe(systems.size(), SystemModel.components(systems), SPIN);
        Plan<String> plan = SystemModel.phase("frame", systems, probe).compile();
        List<SystemOutcome> expected = SystemModel.continueOutcomes(plan, systems);
        assertThat(expected).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                SystemOutcome.SKIPPED, SystemOutcome.SKIPPED, SystemOutcome.SKIPPED, SystemOutcome.SKIPPED,
                SystemOutcome.SKIPPED, SystemOutcome.FAILED, SystemOutcome.COMPLETED);
        try (SchedulerBackend backend = backend(workers)) {
            PhaseResult<String> r = backend.execute(plan, FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).isEqualTo(expected);
            assertThat(r.commands()).containsExactly("input#0", "input#1", "score#0", "score#1");
            assertThat(r.failures()).extracting(f -> f.systemName()).containsExactlyInAnyOrder("ai", "stats");
            assertThat(probe.violations()).isEmpty();
        }
    }

    /**
     * An Error thrown by a system (a real StackOverflowError here) is caught and reported under both policies;
     * the pool survives and the next phase runs normally.
     */
    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void errorsAreReportedAndThePoolSurvives(FailurePolicy policy) {
        String prefix = "errors-" + policy + "-";
        Phase.Builder<String> phase = Phase.<String>named("errors")
                .add(SystemSpec.<String>named("overflow").runs(ctx -> ctx.add("depth " + recurse(0))))
                .add(SystemSpec.<String>named("after").runsAfter("overflow").runs(ctx -> ctx.add("after")));
        if (policy == FailurePolicy.CONTINUE) {
            // Under FAIL_FAST a second failing root could stop the phase before the overflow runs.
            phase.add(SystemSpec.<String>named("assertion").runs(ctx -> {
                throw new AssertionError("broken invariant");
            }));
        }
        Plan<String> plan = phase.compile();
        Plan<String> healthy = Phase.<String>named("healthy")
                .add(SystemSpec.<String>named("ok").minBatchSize(1).forEachEntity(10, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        ctx.add("ok" + i);
                    }
                }))
                .compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(2).threadNamePrefix(prefix)
                .build())) {
            PhaseResult<String> r = backend.execute(plan, policy);

            assertThat(r.outcome("overflow")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(0)).isInstanceOf(StackOverflowError.class);
            assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
            if (policy == FailurePolicy.CONTINUE) {
                assertThat(r.outcome("assertion")).isEqualTo(SystemOutcome.FAILED);
                assertThat(r.failure(2)).isInstanceOf(AssertionError.class).hasMessage("broken invariant");
            }
            assertThat(TestThreads.liveThreadsNamed(prefix)).hasSize(2);

            PhaseResult<String> next = backend.execute(healthy);
            assertThat(next.succeeded()).isTrue();
            assertThat(next.commandCount()).isEqualTo(10);
            assertThat(TestThreads.liveThreadsNamed(prefix)).hasSize(2);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /**
     * Stats count what ran: phases, tasks (one per range), commands; a blocking backend never steals, spins,
     * yields or parks in the counted sense, so those are zero, not garbage.
     */
    @Test
    void statsCountTasks() {
        java.util.concurrent.atomic.AtomicInteger ranges = new java.util.concurrent.atomic.AtomicInteger();
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
    void statsAreExactRightAfterEachPhase() {
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

    /**
     * A plan is compiled once and executed every frame: the backend keeps one run per plan, whose two result
     * objects alternate, while another plan's result stays valid meanwhile; the plan's earlier result is stale.
     */
    @Test
    void resultsAreReusedPerPlan() {
        Plan<String> a = Phase.<String>named("a").add(SystemSpec.<String>named("x").runs(ctx -> ctx.add("from a")))
                .compile();
        Plan<String> b = Phase.<String>named("b").add(SystemSpec.<String>named("x").runs(ctx -> ctx.add("from b")))
                .compile();
        try (SchedulerBackend backend = backend(2)) {
            PhaseResult<String> ra = backend.execute(a);
            PhaseResult<String> rb = backend.execute(b);

            assertThat(ra.commands()).containsExactly("from a");
            assertThat(rb.commands()).containsExactly("from b");
            PhaseResult<String> again = backend.execute(a);
            assertThat(again).isNotSameAs(ra);
            assertThat(again.commands()).containsExactly("from a");
            assertThatThrownBy(ra::commands).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("stale PhaseResult of plan 'a'");
            assertThat(backend.execute(a)).isSameAs(ra);
            assertThat(ra.plan()).isSameAs(a);
        }
    }

    /** An empty plan completes at once with nothing to deliver. */
    @Test
    void emptyPlan() {
        try (SchedulerBackend backend = backend(2)) {
            PhaseResult<String> r = backend.execute(Phase.<String>named("empty").compile());

            assertThat(r.succeeded()).isTrue();
            assertThat(r.commandCount()).isZero();
            assertThat(r.tasksExecuted()).isZero();
            assertThat(backend.stats().phases()).isEqualTo(1);
        }
    }

    /** The configured listener sees the phase start and finish, numbered from 1, and every task. */
    @Test
    void listenerSeesPhasesAndTasks() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
                events.add("start " + phaseNumber);
            }

            @Override
            public void phaseFinished(Plan<?> plan, long phaseNumber, org.ecsched.scheduler.api.PhaseResult<?> r,
                                      long nanoTime) {
                events.add("finish " + phaseNumber + " " + r.commandCount());
            }

            @Override
            public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                events.add("task " + system);
            }
        };
        Plan<String> plan = Phase.<String>named("l").add(SystemSpec.<String>named("x").runs(ctx -> ctx.add("x")))
                .add(SystemSpec.<String>named("y").runsAfter("x").runs(ctx -> ctx.add("y"))).compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(2).listener(listener).build())) {
            backend.execute(plan);
            backend.execute(plan);
        }
        assertThat(events).containsExactly("start 1", "task 0", "task 1", "finish 1 2", "start 2", "task 0",
                "task 1", "finish 2 2");
    }

    /** The default policy is the configuration's. */
    @Test
    void defaultPolicyComesFromTheConfiguration() {
        Plan<String> plan = Phase.<String>named("p").add(SystemSpec.<String>named("x").runs(ctx -> { })).compile();
        try (SchedulerBackend backend = backend(SchedulerConfig.builder().workers(1)
                .failurePolicy(FailurePolicy.CONTINUE).build())) {
            assertThat(backend.execute(plan).policy()).isEqualTo(FailurePolicy.CONTINUE);
            assertThat(backend.name()).isEqualTo("blocking");
            assertThat(backend.config().failurePolicy()).isEqualTo(FailurePolicy.CONTINUE);
        }
    }

    static List<SystemOutcome> outcomes(PhaseResult<?> r) {
        List<SystemOutcome> out = new ArrayList<>();
        for (int s = 0; s < r.plan().systemCount(); s++) {
            out.add(r.outcome(s));
        }
        return out;
    }
}
