package org.ecsched.scheduler.testkit;

import org.ecsched.scheduler.testkit.rules.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.EntityIds;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.testkit.oracle.Execution;
import org.ecsched.scheduler.testkit.oracle.ListenerRecorder;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.oracle.ThreadCpu;
import org.ecsched.scheduler.testkit.oracle.ThreadLeaks;
import org.ecsched.scheduler.testkit.oracle.ThrowingListener;
import org.ecsched.scheduler.testkit.phase.Fault;
import org.ecsched.scheduler.testkit.phase.PhaseInstance;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;
import org.ecsched.scheduler.testkit.phase.SystemModel;
import org.ecsched.scheduler.testkit.phase.TaskRecord;
import org.ecsched.scheduler.testkit.phase.TestCommand;
import org.ecsched.scheduler.testkit.stress.FaultInjection;
import org.ecsched.scheduler.testkit.stress.Oversubscription;
import org.ecsched.scheduler.testkit.stress.ShortPhases;
import org.ecsched.scheduler.testkit.stress.StealStorm;
import org.ecsched.scheduler.testkit.stress.StressHarness;
import org.ecsched.scheduler.testkit.stress.StressOptions;
import org.ecsched.scheduler.testkit.stress.UnevenPhases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The conformance suite of scheduler backends: extend it, implement {@link #createBackend}, and every rule of
 * {@link Rule} runs against your backend as a JUnit test named after it.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends SchedulerBackendVerification {
 *     @Override
 *     protected SchedulerBackend createBackend(SchedulerConfig config) {
 *         return new MyBackend(config);
 *     }
 * }
 * }</pre>
 *
 * <p>Optional rules run only when the backend declares the capability (the {@code supports...}, {@code counts...},
 * {@code splits...} and {@code runs...} hooks); otherwise they are skipped with the reason. {@link #workers()}
 * sets the worker count of most rules; to cover several counts, nest one subclass per count
 * ({@code @Nested class Workers8 extends SchedulerBackendVerification { ... workers() { return 8; } }}).
 *
 * <p>Every rule runs under a deadline ({@link #ruleTimeout()}), so that a hanging backend fails the rule instead
 * of the build. A failure message starts with the rule's number and name, lists what was seen, the rule's
 * statement and checklist, and for generated phases the phase (one line per system), its seed and its Java
 * source. Random phases come from {@link #seed()}: set {@value TestkitSettings#SEED_PROPERTY} to replay a run.
 */
@ExtendWith(RuleTimeoutExtension.class)
@SuppressWarnings("exports") // the interceptor is JUnit's to instantiate, not the user's to see
public abstract class SchedulerBackendVerification {

    /**
     * The backends this rule created, closed after it. Written by the rule's thread, read by the thread of the
     * {@code @AfterEach}, and by the timeout interceptor while an abandoned rule's thread may still add to it:
     * guarded by itself.
     */
    private final List<SchedulerBackend> opened = new ArrayList<>();
    /**
     * Why the backends of this rule are left open instead of closed, or null. Set (under {@link #opened}'s lock)
     * when a thread of the rule is stuck inside a backend: the rule's own thread past its deadline, or a thread
     * that a rule waited for in vain. Closing a backend waits for its running phase (rule 5.07), so closing one
     * with a stuck phase would hang the {@code @AfterEach} until its own deadline: a second deadline per stuck
     * rule, and a close still blocked after the rule had failed.
     */
    private String abandoned;

    /** For subclasses. */
    protected SchedulerBackendVerification() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // What the implementer supplies
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Creates the backend under test, threads started, for a configuration. Called many times per rule; the kit
     * closes every backend it created after each rule.
     *
     * @param config the configuration a rule needs
     * @return a new backend of that configuration
     */
    protected abstract SchedulerBackend createBackend(SchedulerConfig config);

    /** {@return the worker count of most rules} Default 4. */
    protected int workers() {
        return 4;
    }

    /** {@return the worker counts of rule 3.03} Default 1, 2, 3, 4 and 8. */
    protected int[] workerCounts() {
        return new int[] {1, 2, 3, 4, 8};
    }

    /** {@return the configuration of most rules: {@link #workers()} workers, the other knobs at their defaults} */
    protected SchedulerConfig config() {
        return SchedulerConfig.builder().workers(workers()).build();
    }

    /**
     * {@return whether {@link PhaseResult#tasksExecuted()} and {@link BackendStats} count tasks (rule 6.01)}
     * Default true.
     */
    protected boolean countsTasks() {
        return true;
    }

    /** {@return whether the backend reports to a configured {@code SchedulerListener} (rule 6.02)} Default true. */
    protected boolean supportsListener() {
        return true;
    }

    /** {@return whether independent systems run at the same time with two or more workers (rule 6.03)} Default true. */
    protected boolean runsSystemsInParallel() {
        return true;
    }

    /** {@return whether a large entity-parallel system is cut into several ranges (rule 6.04)} Default true. */
    protected boolean splitsEntityRanges() {
        return true;
    }

    /** {@return whether idle workers steal and count it in {@link BackendStats} (rule 6.05)} Default false. */
    protected boolean supportsStealing() {
        return false;
    }

    /** {@return the deadline of one rule: 60 s times the timeout factor} */
    protected Duration ruleTimeout() {
        return TestkitSettings.scaled(Duration.ofSeconds(60));
    }

    /** {@return how long a rule waits for one event (a latch, a barrier, a thread to end): 10 s times the factor} */
    protected Duration awaitTimeout() {
        return TestkitSettings.scaled(Duration.ofSeconds(10));
    }

    /**
     * {@return the window over which rule 5.10 measures an idle backend's CPU time: 1 s} Not scaled by the timeout
     * factor: the bound is a share of the window, which a longer one measures only more precisely.
     */
    protected Duration idleWindow() {
        return Duration.ofSeconds(1);
    }

    /** {@return the base seed of random phases; see {@link TestkitSettings#seed()}} */
    protected long seed() {
        return TestkitSettings.seed();
    }

    /** The deadline of a test method: {@link #ruleTimeout()}, plus the stress duration for stress rules. */
    Duration timeoutFor(String methodName) {
        boolean stress = Rule.forMethod(methodName).map(r -> r.number().compareTo("7.03") >= 0).orElse(false);
        return stress ? ruleTimeout().plus(TestkitSettings.stressDuration()) : ruleTimeout();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    /** {@return a backend of {@link #config()}, closed after the rule} */
    protected final SchedulerBackend newBackend() {
        return newBackend(config());
    }

    /**
     * A backend of a configuration, closed after the rule (unless a thread of the rule is stuck inside a backend:
     * then the rule's backends are left open, and the rule's failure says so).
     *
     * @param config the configuration
     * @return a backend made by {@link #createBackend}
     */
    protected final SchedulerBackend newBackend(SchedulerConfig config) {
        synchronized (opened) {
            if (abandoned != null) { // the rule's thread went on after its deadline: it creates nothing more
                throw new AssertionError("this rule was abandoned (" + abandoned + "); it creates no backend");
            }
        }
        SchedulerBackend b = createBackend(config);
        assertNotNull(b, "createBackend returned null");
        synchronized (opened) {
            opened.add(b);
        }
        return b;
    }

    /**
     * Leaves the backends of this rule open: the {@code @AfterEach} will not close them, because a thread of the
     * rule is stuck inside one of them and a close would wait for it. Called by the timeout interceptor when the
     * rule's deadline passes, and by the rule when a thread it waits for does not end. Their threads stay in the
     * JVM; a stuck rule costs one deadline, and nothing of the kit keeps running on its behalf.
     *
     * @return a sentence for the failure message
     */
    final String abandonBackends(String why) {
        synchronized (opened) {
            if (abandoned == null) {
                abandoned = why;
            }
            int n = opened.size();
            return n == 0 ? "" : "\nThe " + (n == 1 ? "backend" : n + " backends") + " this rule opened "
                    + (n == 1 ? "is" : "are") + " left open, not closed: a close waits for the running phase, here"
                    + " for ever, so it would only hang again; their threads stay in this JVM.";
        }
    }

    /**
     * A verifier for a model, with this backend's task counting.
     *
     * @param model the phase to verify
     * @return the verifier, its plan compiled
     */
    protected final PhaseVerifier verifier(PhaseModel model) {
        return new PhaseVerifier(model).countsTasks(countsTasks());
    }

    /**
     * Executes the verifier's plan {@code times} times under {@code policy}, failing on the first finding.
     *
     * @param backend the backend
     * @param v       the verifier
     * @param policy  the failure policy
     * @param times   how many executions
     * @return the last execution
     */
    protected final Execution executeClean(SchedulerBackend backend, PhaseVerifier v, FailurePolicy policy,
                                           int times) {
        Execution last = null;
        for (int i = 0; i < times; i++) {
            last = v.execute(backend, policy).assertClean();
        }
        return last;
    }

    /**
     * Closes every backend the rule created, unless they were abandoned ({@link #abandonBackends}): then the rule
     * has already failed with the reason, and this returns at once.
     */
    @AfterEach
    final void closeBackends() {
        List<SchedulerBackend> toClose;
        synchronized (opened) {
            toClose = abandoned == null ? List.copyOf(opened) : List.of();
            opened.clear();
        }
        AssertionError failure = null;
        for (SchedulerBackend b : toClose) {
            try {
                b.close();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = new AssertionError("close() of a backend threw " + e, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void abortUnless(boolean capability, Rule rule) {
        if (!capability) {
            Assumptions.abort("rule " + rule.label() + " is optional and skipped: "
                    + rule.skippedWhen().orElse("the backend lacks it"));
        }
    }

    private static void abortIfOneWorker(SchedulerBackend backend, Rule rule) {
        if (backend.config().workers() < 2) {
            Assumptions.abort("rule " + rule.label() + " needs two or more workers; this configuration has "
                    + backend.config().workers());
        }
    }

    /** Waits in a body until the test raises the flag, at most {@link #awaitTimeout()}; not interruptible. */
    private void holdUntil(AtomicBoolean release) {
        long deadline = System.nanoTime() + awaitTimeout().toNanos();
        while (!release.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the test never released this system");
            }
            LockSupport.parkNanos(200_000L);
        }
    }

    private void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(awaitTimeout().toNanos(), TimeUnit.NANOSECONDS), "timed out waiting until " + what);
    }

    /** Waits for a thread of the rule; if it does not end, the rule fails and its backends are left open. */
    private void join(Thread t, String what) throws InterruptedException {
        t.join(awaitTimeout().toMillis());
        if (t.isAlive()) {
            String stack = ThreadLeaks.describe(List.of(t), 16);
            fail(what + " did not return within " + awaitTimeout().toMillis() + " ms; its thread:" + stack
                    + abandonBackends(what + " is stuck"));
        }
    }

    /** The {@code i}-th random phase of this run, its origin naming the base seed that replays the whole run. */
    private PhaseVerifier random(long i, PhaseShape shape) {
        PhaseModel m = RandomPhases.generate(RandomPhases.seedFor(seed(), i), shape);
        return verifier(new PhaseModel(m.name(), m.origin() + "; the run's base seed: -D"
                + TestkitSettings.SEED_PROPERTY + "=" + seed(), m.systems()));
    }

    private static Plan<Object> onePlan(String name, SystemSpec<Object> system) {
        return Phase.named(name).add(system).compile();
    }

    private static Plan<Object> trivialPlan() {
        return onePlan("trivial", SystemSpec.named("noop").runs(ctx -> ctx.add("done")));
    }

    /** Runs {@code backend.execute(plan)} on a thread of its own and keeps what happened. */
    private static final class Caller extends Thread {
        private final SchedulerBackend backend;
        private final Plan<?> plan;
        volatile PhaseResult<?> result;
        volatile Throwable thrown;
        volatile boolean interruptedOnReturn;

        Caller(SchedulerBackend backend, Plan<?> plan, String name) {
            super(name);
            this.backend = backend;
            this.plan = plan;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                result = backend.execute(plan);
                interruptedOnReturn = Thread.interrupted();
            } catch (Throwable t) {
                thrown = t;
            }
        }
    }

    private static void assertRejected(Throwable t, String keyword, String rule) {
        assertNotNull(t, rule + ": execute was accepted; it must throw IllegalStateException");
        if (!(t instanceof IllegalStateException)) {
            throw new AssertionError(rule + ": expected IllegalStateException but got " + t, t);
        }
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).replace("-", "");
        assertTrue(message.contains(keyword), rule + ": the message must say \"" + keyword + "\" but was: "
                + t.getMessage());
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1. Tasks and ranges
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#EVERY_SYSTEM_RUNS_EXACTLY_ONCE rule 1.01}. */
    @Test
    public void required_1_01_everySystemRunsExactlyOnce() {
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            SystemModel m = SystemModel.once("once" + i).withCommands(1 + i % 3).withWork(i * 40);
            m = i % 4 == 1 ? m.withWrites("A") : i % 4 == 2 ? m.withReads("A") : m;
            systems.add(m);
        }
        SchedulerBackend backend = newBackend();
        executeClean(backend, verifier(new PhaseModel("exactly-once", "hand-written", systems)),
                FailurePolicy.FAIL_FAST, 30);
    }

    /** Verifies {@link Rule#ENTITY_RANGES_COVER_EXACTLY_ONCE rule 1.02}. */
    @Test
    public void required_1_02_entityRangesCoverExactlyOnce() {
        int[] counts = {1, 2, 7, 63, 64, 65, 1000, 4097, 100_000};
        int[] minBatches = {0, 1, 3, 0, 64, 1, 1000, 0, 7};
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            systems.add(SystemModel.ranged("r" + i, counts[i]).withMinBatch(minBatches[i]).withCommands(1)
                    .withWork(2).withWrites(i % 3 == 0 ? "A" : "B" + i));
        }
        systems.add(SystemModel.ranged("failing", 5000).withMinBatch(1).withCommands(1)
                .withFault(Fault.runtime(2500)));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(new PhaseModel("ranges", "hand-written", systems));
        executeClean(backend, v, FailurePolicy.CONTINUE, 10);
        executeClean(backend, v, FailurePolicy.FAIL_FAST, 5);
    }

    /** Verifies {@link Rule#RANGES_RESPECT_MINIMUM_BATCH rule 1.03}. */
    @Test
    public void required_1_03_rangesRespectMinimumBatch() {
        PhaseModel model = PhaseModel.of("minimum-batch",
                SystemModel.ranged("default17", 17).withCommands(1),
                SystemModel.ranged("default1000", 1000).withCommands(1),
                SystemModel.ranged("default10001", 10_001).withWork(1),
                SystemModel.ranged("own5", 1003).withMinBatch(5),
                SystemModel.ranged("own100", 20_000).withMinBatch(100),
                SystemModel.ranged("own999", 5000).withMinBatch(999),
                SystemModel.ranged("ownAboveCount", 300).withMinBatch(5000),
                SystemModel.ranged("supplied", 7777).withSuppliedCount().withMinBatch(33));
        SchedulerBackend backend = newBackend(config().toBuilder().minBatchSize(16).build());
        executeClean(backend, verifier(model), FailurePolicy.FAIL_FAST, 10);
    }

    /** Verifies {@link Rule#EMPTY_PHASES_COMPLETE rule 1.04}. */
    @Test
    public void required_1_04_emptyPhasesComplete() {
        SchedulerBackend backend = newBackend();
        PhaseResult<Object> empty = backend.execute(Phase.named("empty").compile());
        assertTrue(empty.succeeded(), "an empty plan must succeed: " + empty);
        assertEquals(0, empty.commandCount(), "an empty plan delivers no command");
        assertEquals(0, empty.tasksExecuted(), "an empty plan runs no task");

        PhaseModel model = PhaseModel.of("zero-entities",
                SystemModel.ranged("none", 0).withWrites("A").withCommands(2),
                SystemModel.once("after").withRunsAfter("none").withCommands(1),
                SystemModel.ranged("noneSupplied", 0).withSuppliedCount().withReads("A"),
                SystemModel.ranged("afterBoth", 10).withRunsAfter("none", "noneSupplied").withCommands(1));
        PhaseVerifier v = verifier(model);
        for (FailurePolicy policy : FailurePolicy.values()) {
            Execution e = executeClean(backend, v, policy, 5);
            assertTrue(e.result().succeeded(), "zero-entity systems must complete: " + e.result());
        }
    }

    /** Verifies {@link Rule#ENTITY_COUNT_READ_EVERY_PHASE rule 1.05}. */
    @Test
    public void required_1_05_entityCountReadEveryPhase() {
        PhaseModel model = PhaseModel.of("supplied-count",
                SystemModel.ranged("counted", 100).withSuppliedCount().withWrites("A").withCommands(1),
                SystemModel.once("next").withRunsAfter("counted").withCommands(1),
                SystemModel.ranged("other", 500).withCommands(1));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(model);
        for (int count : new int[] {100, 0, 1000, 7, 5000, 1}) {
            v.setEntityCount(0, count);
            executeClean(backend, v, FailurePolicy.CONTINUE, 2);
        }
        for (int broken : new int[] {-1, PhaseInstance.SUPPLIER_THROWS}) {
            v.setEntityCount(0, broken);
            Execution e = executeClean(backend, v, FailurePolicy.CONTINUE, 1);
            assertEquals(SystemOutcome.FAILED, e.result().outcome("counted"), "a broken count fails its system");
            assertEquals(SystemOutcome.COMPLETED, e.result().outcome("other"), "an independent system completes");
            executeClean(backend, v, FailurePolicy.FAIL_FAST, 1);
        }
        v.setEntityCount(0, 300);
        assertTrue(executeClean(backend, v, FailurePolicy.FAIL_FAST, 1).result().succeeded(),
                "the system must work again once its count is valid");
    }

    /** Verifies {@link Rule#CONTEXT_DESCRIBES_THE_TASK rule 1.06}. */
    @Test
    public void required_1_06_contextDescribesTheTask() {
        SchedulerBackend backend = newBackend();
        for (int i = 0; i < 6; i++) {
            executeClean(backend, random(1060 + i, i % 2 == 0 ? PhaseShape.wide() : PhaseShape.typical()),
                    FailurePolicy.FAIL_FAST, 3);
        }
    }

    /** Verifies {@link Rule#EXECUTE_RETURNS_AFTER_EVERY_TASK rule 1.07}. */
    @Test
    public void required_1_07_executeReturnsAfterEveryTask() {
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            systems.add(i % 2 == 0 ? SystemModel.once("s" + i).withWork(20_000 * (i + 1))
                    : SystemModel.ranged("s" + i, 3000 * i).withWork(5 * i).withMinBatch(1));
        }
        SchedulerBackend backend = newBackend();
        executeClean(backend, verifier(new PhaseModel("uneven-ends", "hand-written", systems)),
                FailurePolicy.FAIL_FAST, 20);
    }

    /** Verifies {@link Rule#ENTITY_COUNT_READ_WHEN_READY rule 1.08}. */
    @Test
    public void required_1_08_entityCountReadWhenReady() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            CountProbe probe = new CountProbe();
            for (int round = 1; round <= 120; round++) {
                // Counts change every phase, 0 included; some phases make a bad count or fail the maker.
                int made = round % 11 == 0 ? -1 : round % 7 == 0 ? 0 : (round * 37) % 500 + 1;
                boolean makerThrows = round % 13 == 0;
                FailurePolicy policy = round % 2 == 0 ? FailurePolicy.CONTINUE : FailurePolicy.FAIL_FAST;
                probe.beforeExecute(made, makerThrows);
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = probe.check(r, Thread.currentThread());
                if (!seen.isEmpty()) {
                    fail(Rule.ENTITY_COUNT_READ_WHEN_READY.label() + ": with " + workers + " workers, phase " + round
                            + " (" + policy + ", 'make' makes " + made + (makerThrows ? " and throws" : "") + "):\n  "
                            + String.join("\n  ", seen) + "\nresult: " + r + "\n"
                            + Rule.ENTITY_COUNT_READ_WHEN_READY.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.08: {@code make} (run once) sets the count of {@code use}, which runs after it; {@code
     * root} has a supplied count and no predecessor. The suppliers note how often and on which thread they are
     * read, and whether {@code make} had finished; the range bodies mark the entities they visit.
     */
    private static final class CountProbe {
        static final int MAX = 512;
        final AtomicInteger[] visits = new AtomicInteger[MAX];
        final AtomicInteger useReads = new AtomicInteger();
        final AtomicInteger rootReads = new AtomicInteger();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        volatile Thread makerThread;
        volatile Thread rootReader;
        volatile boolean makerDone;
        int toMake;
        boolean makerThrows;
        int made;
        final Plan<Object> plan;

        CountProbe() {
            for (int i = 0; i < MAX; i++) {
                visits[i] = new AtomicInteger();
            }
            this.plan = Phase.named("count-when-ready")
                    .add(SystemSpec.named("root").minBatchSize(1).forEachEntity(() -> {
                        rootReads.incrementAndGet();
                        rootReader = Thread.currentThread();
                        return 3;
                    }, (start, end, ctx) -> { }))
                    .add(SystemSpec.named("make").runs(ctx -> {
                        made = toMake; // plain: the count-down publishes it to the supplier of 'use'
                        makerThread = Thread.currentThread();
                        makerDone = true;
                        if (makerThrows) {
                            throw new IllegalStateException("'make' fails this phase");
                        }
                    }))
                    .add(SystemSpec.named("use").runsAfter("make").minBatchSize(7).forEachEntity(() -> {
                        useReads.incrementAndGet();
                        if (!makerDone) {
                            seen.add("the count of 'use' was read before 'make' ended");
                        } else if (makerThread != Thread.currentThread()) {
                            seen.add("the count of 'use' was read on " + Thread.currentThread().getName()
                                    + ", not on " + makerThread.getName() + ", which ran 'make'");
                        }
                        return made;
                    }, (start, end, ctx) -> {
                        for (int e = start; e < end; e++) {
                            if (e >= MAX) {
                                throw new AssertionError("entity " + e + " is beyond any count made");
                            }
                            visits[e].incrementAndGet();
                        }
                    }))
                    .add(SystemSpec.named("afterUse").runsAfter("use").runs(ctx -> { }))
                    .compile();
        }

        void beforeExecute(int count, boolean fail) {
            toMake = count;
            makerThrows = fail;
            makerDone = false;
            makerThread = null;
            rootReader = null;
            useReads.set(0);
            rootReads.set(0);
            for (AtomicInteger v : visits) {
                v.set(0);
            }
        }

        List<String> check(PhaseResult<Object> r, Thread caller) {
            List<String> out = new ArrayList<>(seen);
            seen.clear();
            if (rootReads.get() != 1 || rootReader != caller) {
                out.add("the count of 'root' (no predecessor) was read " + rootReads.get() + " times, on "
                        + (rootReader == null ? "no thread" : rootReader.getName()) + "; expected once, on the"
                        + " thread calling execute, " + caller.getName());
            }
            SystemOutcome use = r.outcome("use");
            if (makerThrows) {
                if (useReads.get() != 0 || use != SystemOutcome.SKIPPED) {
                    out.add("'make' failed, yet 'use' is " + use + " and its count was read " + useReads.get()
                            + " times (expected SKIPPED, never read)");
                }
                return out;
            }
            if (useReads.get() != 1) {
                out.add("the count of 'use' was read " + useReads.get() + " times, expected once");
            }
            if (toMake < 0) {
                if (use != SystemOutcome.FAILED || r.outcome("afterUse") == SystemOutcome.COMPLETED
                        || r.outcome("root") != SystemOutcome.COMPLETED && r.policy() == FailurePolicy.CONTINUE) {
                    out.add("a negative count made by 'make' must fail 'use' only: " + r);
                }
                return out;
            }
            if (use != SystemOutcome.COMPLETED) {
                out.add("'use' is " + use + " though its count " + toMake + " is valid");
            }
            for (int e = 0; e < MAX; e++) {
                int v = visits[e].get();
                if (v != (e < toMake ? 1 : 0)) {
                    out.add("entity " + e + " of 'use' was visited " + v + " times; 'make' made " + toMake
                            + " entities in the same phase");
                    break;
                }
            }
            return out;
        }
    }

    /** Verifies {@link Rule#SPARSE_SETS_RUN_OVER_THEIR_IDS rule 1.09}. */
    @Test
    public void required_1_09_sparseSetsRunOverTheirIds() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            SparseProbe probe = new SparseProbe();
            for (int round = 1; round <= 60; round++) {
                int size = round % 9 == 0 ? 0 : round % 4 == 0 ? 1 : (round * 53) % 700 + 2;
                int failAt = round % 5 == 0 && size > 0 ? (size * 2) / 3 : -1;
                FailurePolicy policy = round % 2 == 0 ? FailurePolicy.CONTINUE : FailurePolicy.FAIL_FAST;
                probe.beforeExecute(round, size, failAt);
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = probe.check(r);
                if (!seen.isEmpty()) {
                    fail(Rule.SPARSE_SETS_RUN_OVER_THEIR_IDS.label() + ": with " + workers + " workers, phase "
                            + round + " (" + policy + ", " + size + " ids" + (failAt >= 0 ? ", position " + failAt
                            + " throws" : "") + "):\n  " + String.join("\n  ", seen) + "\nresult: " + r + "\n"
                            + Rule.SPARSE_SETS_RUN_OVER_THEIR_IDS.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.09: {@code fill} (run once) refills a sparse set, different each phase; {@code visit}
     * (over that set, after {@code fill}) marks the positions it gets and records each id as a command, and may
     * throw at one position.
     */
    private static final class SparseProbe {
        static final int MIN_BATCH = 4;
        final EntityIds set = new EntityIds();
        final AtomicInteger reads = new AtomicInteger();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<int[]> ranges = new ConcurrentLinkedQueue<>();
        int round;
        int size;
        int failAt;
        final Plan<Object> plan;

        SparseProbe() {
            this.plan = Phase.named("sparse")
                    .add(SystemSpec.named("fill").runs(ctx -> {
                        set.clear();
                        for (int p = 0; p < size; p++) {
                            set.add(idAt(p));
                        }
                    }))
                    .add(SystemSpec.named("visit").runsAfter("fill").minBatchSize(MIN_BATCH).forEachEntityIn(() -> {
                        reads.incrementAndGet();
                        return set;
                    }, (ids, from, to, ctx) -> {
                        ranges.add(new int[] {from, to});
                        if (ids != set || ctx.entitySet() != set) {
                            seen.add("range [" + from + ", " + to + ") got the set " + ids + " and the context's "
                                    + ctx.entitySet() + ", not the set its supplier gave");
                        }
                        if (ctx.rangeStart() != from || ctx.rangeEnd() != to) {
                            seen.add("range [" + from + ", " + to + ") has a context saying [" + ctx.rangeStart()
                                    + ", " + ctx.rangeEnd() + ")");
                        }
                        for (int p = from; p < to; p++) {
                            if (p == failAt) {
                                throw new IllegalStateException("position " + p);
                            }
                            ctx.add(ids.id(p));
                        }
                    }))
                    .compile();
        }

        int idAt(int position) {
            return position * 3 + round % 3 + 1;
        }

        void beforeExecute(int round, int size, int failAt) {
            this.round = round;
            this.size = size;
            this.failAt = failAt;
            reads.set(0);
            ranges.clear();
        }

        List<String> check(PhaseResult<Object> r) {
            List<String> out = new ArrayList<>(seen);
            seen.clear();
            if (reads.get() != 1) {
                out.add("the set of 'visit' was read " + reads.get() + " times, expected once");
            }
            List<int[]> sorted = new ArrayList<>(ranges);
            sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
            int next = 0;
            boolean contiguous = true;
            for (int[] range : sorted) {
                if (range[0] < next || range[1] <= range[0] || range[1] > size
                        || (range[1] - range[0] < MIN_BATCH && range[1] != size)) {
                    out.add("the ranges " + rangesText(sorted) + " are not disjoint ranges of positions in [0, "
                            + size + ") of at least " + MIN_BATCH + " (but the last)");
                    break;
                }
                contiguous &= range[0] == next;
                next = range[1];
            }
            if (failAt < 0) { // (after a failure, FAIL_FAST may skip what was left: only disjointness holds)
                if (!contiguous || next != size) {
                    out.add("the ranges " + rangesText(sorted) + " do not cover [0, " + size + ")");
                }
                List<Object> want = new ArrayList<>();
                for (int p = 0; p < size; p++) {
                    want.add(idAt(p));
                }
                if (!r.succeeded() || !want.equals(List.copyOf(r.commands()))) {
                    out.add("the commands are " + r.commands() + ", expected the ids in order " + want);
                }
                return out;
            }
            int failedId = idAt(failAt);
            if (r.outcome("visit") != SystemOutcome.FAILED || r.failures().size() != 1) {
                out.add("'visit' threw at position " + failAt + " but is " + r.outcome("visit") + " with failures "
                        + r.failures());
                return out;
            }
            SystemFailure f = r.failures().get(0);
            if (f.rangeStart() > failAt || f.rangeEnd() <= failAt || f.firstEntityId() != idAt(f.rangeStart())
                    || f.lastEntityId() != idAt(f.rangeEnd() - 1) || f.firstEntityId() > failedId) {
                out.add("the failure " + f + " does not name the positions and ids of a range holding position "
                        + failAt + " (id " + failedId + ")");
            }
            return out;
        }

        private static String rangesText(List<int[]> ranges) {
            StringBuilder sb = new StringBuilder();
            for (int[] range : ranges) {
                sb.append('[').append(range[0]).append(", ").append(range[1]).append(") ");
            }
            return sb.toString().trim();
        }
    }

    /** Verifies {@link Rule#BEGIN_AND_END_BRACKET_THE_RANGES rule 1.10}. */
    @Test
    public void required_1_10_beginAndEndBracketTheRanges() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            BracketProbe probe = new BracketProbe();
            for (int round = 1; round <= 60; round++) {
                int n = round % 7 == 0 ? 0 : (round * 97) % 900 + 1;
                boolean beginThrows = round % 5 == 0;
                int rangeThrowsAt = round % 5 == 3 && n > 0 ? n / 2 : -1;
                FailurePolicy policy = round % 2 == 0 ? FailurePolicy.CONTINUE : FailurePolicy.FAIL_FAST;
                probe.beforeExecute(round, n, beginThrows, rangeThrowsAt);
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = probe.check(r);
                if (!seen.isEmpty()) {
                    fail(Rule.BEGIN_AND_END_BRACKET_THE_RANGES.label() + ": with " + workers + " workers, phase "
                            + round + " (" + policy + ", " + n + " entities" + (beginThrows ? ", begin throws" : "")
                            + (rangeThrowsAt >= 0 ? ", entity " + rangeThrowsAt + " throws" : "") + "):\n  "
                            + String.join("\n  ", seen) + "\nresult: " + r + "\n"
                            + Rule.BEGIN_AND_END_BRACKET_THE_RANGES.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.10: {@code before} writes X, {@code bracketed} (writes X: after it) has a begin, ranges
     * and an end, {@code after} reads X (after it). Each body checks the stage the system is in; {@code begin}
     * leaves a plain token the ranges check, the ranges count their entities in plain per-entity slots that
     * {@code end} sums.
     */
    private static final class BracketProbe {
        static final int MAX = 1024;
        final AtomicInteger stage = new AtomicInteger(); // 0 before begin, 1 begun, 2 ended
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger rangesRun = new AtomicInteger();
        final AtomicInteger endRuns = new AtomicInteger();
        final AtomicInteger beginRuns = new AtomicInteger();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final int[] done = new int[MAX];
        int token;
        int round;
        int n;
        boolean beginThrows;
        int rangeThrowsAt;
        final Plan<Object> plan;

        BracketProbe() {
            this.plan = Phase.named("bracketed")
                    .add(SystemSpec.named("before").writes("X").runs(ctx -> ctx.add("before")))
                    .add(SystemSpec.named("bracketed").writes("X").minBatchSize(3)
                            .begin(ctx -> {
                                beginRuns.incrementAndGet();
                                if (stage.get() != 0 || rangesRun.get() != 0) {
                                    seen.add("'begin' ran after a range or twice");
                                }
                                token = round; // plain: the ranges must see it
                                stage.set(1);
                                ctx.add("begin");
                                if (beginThrows) {
                                    throw new IllegalStateException("begin fails");
                                }
                            })
                            .end(ctx -> {
                                endRuns.incrementAndGet();
                                int sum = 0;
                                for (int e = 0; e < Math.min(n, MAX); e++) {
                                    sum += done[e]; // plain: every range happens-before end
                                }
                                if (stage.get() != 1 || active.get() != 0 || sum != n) {
                                    seen.add("'end' ran with " + active.get() + " ranges running and " + sum
                                            + " of " + n + " entities done (stage " + stage.get() + ")");
                                }
                                stage.set(2);
                                ctx.add("end");
                            })
                            .forEachEntity(() -> n, (start, end, ctx) -> {
                                active.incrementAndGet();
                                rangesRun.incrementAndGet();
                                if (stage.get() != 1 || token != round) {
                                    seen.add("range [" + start + ", " + end + ") ran in stage " + stage.get()
                                            + " seeing begin's token " + token + " (expected " + round + ")");
                                }
                                try {
                                    for (int e = start; e < end; e++) {
                                        if (e == rangeThrowsAt) {
                                            throw new IllegalStateException("entity " + e);
                                        }
                                        done[e] = 1;
                                        ctx.add(e);
                                    }
                                } finally {
                                    active.decrementAndGet();
                                }
                            }))
                    .add(SystemSpec.named("after").reads("X").runs(ctx -> {
                        if (stage.get() != 2) {
                            seen.add("'after' ran before 'bracketed' ended (stage " + stage.get() + ")");
                        }
                        ctx.add("after");
                    }))
                    .compile();
        }

        void beforeExecute(int round, int n, boolean beginThrows, int rangeThrowsAt) {
            this.round = round;
            this.n = n;
            this.beginThrows = beginThrows;
            this.rangeThrowsAt = rangeThrowsAt;
            stage.set(0);
            rangesRun.set(0);
            beginRuns.set(0);
            endRuns.set(0);
            java.util.Arrays.fill(done, 0);
        }

        List<String> check(PhaseResult<Object> r) {
            List<String> out = new ArrayList<>(seen);
            seen.clear();
            SystemOutcome outcome = r.outcome("bracketed");
            if (beginThrows || rangeThrowsAt >= 0) {
                if (outcome != SystemOutcome.FAILED || endRuns.get() != 0 || beginRuns.get() != 1
                        || (beginThrows && rangesRun.get() != 0)) {
                    out.add("'bracketed' is " + outcome + " after its " + (beginThrows ? "begin" : "range")
                            + " threw, with begin run " + beginRuns.get() + " times, " + rangesRun.get()
                            + " ranges and end run " + endRuns.get() + " times (expected FAILED, once, "
                            + (beginThrows ? "none, " : "") + "never)");
                }
                if (!List.of("before").equals(List.copyOf(r.commands()))) {
                    out.add("the commands are " + r.commands() + ", expected only 'before''s");
                }
                return out;
            }
            List<Object> want = new ArrayList<>(List.of("before", "begin"));
            for (int e = 0; e < n; e++) {
                want.add(e);
            }
            want.addAll(List.of("end", "after"));
            if (!r.succeeded() || beginRuns.get() != 1 || endRuns.get() != 1) {
                out.add("begin ran " + beginRuns.get() + " times and end " + endRuns.get() + " times; expected once");
            }
            if (!want.equals(List.copyOf(r.commands()))) {
                out.add("the commands are " + r.commands() + ", expected " + want);
            }
            return out;
        }
    }

    /** Verifies {@link Rule#RUN_CONDITIONS_DECIDE_WHEN_READY rule 1.11}. */
    @Test
    public void required_1_11_runConditionsDecideWhenReady() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            ConditionProbe probe = new ConditionProbe();
            for (int round = 1; round <= 60; round++) {
                boolean enable = round % 2 == 0; // flips every phase
                boolean conditionThrows = round % 7 == 0;
                // A throwing condition under FAIL_FAST may stop the phase before 'rootGated' is ready: CONTINUE.
                FailurePolicy policy = round % 3 == 0 || conditionThrows ? FailurePolicy.CONTINUE
                        : FailurePolicy.FAIL_FAST;
                probe.beforeExecute(enable, conditionThrows);
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = probe.check(r, Thread.currentThread());
                if (!seen.isEmpty()) {
                    fail(Rule.RUN_CONDITIONS_DECIDE_WHEN_READY.label() + ": with " + workers + " workers, phase "
                            + round + " (" + policy + ", 'decide' chose " + enable
                            + (conditionThrows ? ", the condition throws" : "") + "):\n  " + String.join("\n  ", seen)
                            + "\nresult: " + r + "\n" + Rule.RUN_CONDITIONS_DECIDE_WHEN_READY.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.11: {@code decide} sets whether {@code gated} (after it, entity-parallel) runs;
     * {@code after} runs after {@code gated}; {@code rootGated} (no predecessor) is disabled in every phase and
     * its condition is asked on the calling thread.
     */
    private static final class ConditionProbe {
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger gatedBodies = new AtomicInteger();
        final AtomicInteger rootAsked = new AtomicInteger();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        volatile Thread decider;
        volatile Thread rootAsker;
        volatile boolean decided;
        boolean toDecide;
        boolean enabled;
        boolean conditionThrows;
        final Plan<Object> plan;

        ConditionProbe() {
            this.plan = Phase.named("run-conditions")
                    .add(SystemSpec.named("decide").runs(ctx -> {
                        enabled = toDecide; // plain: the condition of 'gated' is asked after this body
                        decider = Thread.currentThread();
                        decided = true;
                        ctx.add("decide");
                    }))
                    .add(SystemSpec.named("gated").runsAfter("decide").minBatchSize(8).runIf(() -> {
                        asked.incrementAndGet();
                        if (!decided || decider != Thread.currentThread()) {
                            seen.add("the condition of 'gated' was asked " + (decided ? "on "
                                    + Thread.currentThread().getName() + ", not on " + decider.getName()
                                    + ", which ran 'decide'" : "before 'decide' ended"));
                        }
                        if (conditionThrows) {
                            throw new IllegalStateException("condition fails");
                        }
                        return enabled;
                    }).forEachEntity(64, (start, end, ctx) -> {
                        gatedBodies.incrementAndGet();
                        for (int e = start; e < end; e++) {
                            ctx.add(e);
                        }
                    }))
                    .add(SystemSpec.named("after").runsAfter("gated").runs(ctx -> ctx.add("after")))
                    .add(SystemSpec.named("rootGated").runIf(() -> {
                        rootAsked.incrementAndGet();
                        rootAsker = Thread.currentThread();
                        return false;
                    }).runs(ctx -> seen.add("'rootGated' ran though its condition is false")))
                    .compile();
        }

        void beforeExecute(boolean enable, boolean fail) {
            toDecide = enable;
            conditionThrows = fail;
            decided = false;
            decider = null;
            rootAsker = null;
            asked.set(0);
            rootAsked.set(0);
            gatedBodies.set(0);
        }

        List<String> check(PhaseResult<Object> r, Thread caller) {
            List<String> out = new ArrayList<>(seen);
            seen.clear();
            if (rootAsked.get() != 1 || rootAsker != caller || r.outcome("rootGated") != SystemOutcome.DISABLED) {
                out.add("'rootGated' (no predecessor) is " + r.outcome("rootGated") + ", its condition asked "
                        + rootAsked.get() + " times on " + (rootAsker == null ? "no thread" : rootAsker.getName())
                        + "; expected DISABLED, asked once on the calling thread " + caller.getName());
            }
            if (asked.get() != 1) {
                out.add("the condition of 'gated' was asked " + asked.get() + " times, expected once");
            }
            SystemOutcome gated = r.outcome("gated");
            if (conditionThrows) {
                if (gated != SystemOutcome.FAILED || gatedBodies.get() != 0) {
                    out.add("'gated' is " + gated + " with " + gatedBodies.get() + " bodies run after its condition"
                            + " threw; expected FAILED, none");
                }
                return out;
            }
            List<Object> want = new ArrayList<>(List.of("decide"));
            for (int e = 0; toDecide && e < 64; e++) {
                want.add(e);
            }
            want.add("after");
            if (gated != (toDecide ? SystemOutcome.COMPLETED : SystemOutcome.DISABLED)
                    || (!toDecide && gatedBodies.get() != 0)) {
                out.add("'gated' is " + gated + " with " + gatedBodies.get() + " bodies run; 'decide' chose "
                        + toDecide);
            }
            if (!r.succeeded() || r.outcome("after") != SystemOutcome.COMPLETED) {
                out.add("the phase must succeed and 'after' complete whether 'gated' runs or not");
            }
            if (!want.equals(List.copyOf(r.commands()))) {
                out.add("the commands are " + r.commands() + ", expected " + want);
            }
            return out;
        }
    }

    /** Verifies {@link Rule#EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER rule 1.12}. */
    @Test
    public void required_1_12_exclusiveSystemsRunAloneOnTheCaller() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            ExclusiveProbe probe = new ExclusiveProbe();
            for (int round = 1; round <= 40; round++) {
                FailurePolicy policy = round % 2 == 0 ? FailurePolicy.CONTINUE : FailurePolicy.FAIL_FAST;
                probe.seen.clear();
                probe.active.set(0);
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = new ArrayList<>(probe.seen);
                if (!r.succeeded()) {
                    seen.add("the phase did not succeed");
                }
                if (!probe.expected.equals(List.copyOf(r.commands()))) {
                    seen.add("the commands are " + r.commands() + ", expected " + probe.expected);
                }
                if (!seen.isEmpty()) {
                    fail(Rule.EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER.label() + ": with " + workers + " workers,"
                            + " phase " + round + " (" + policy + "), called on " + Thread.currentThread().getName()
                            + ":\n  " + String.join("\n  ", seen) + "\nresult: " + r + "\nplan:\n"
                            + probe.plan.describe() + Rule.EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.12: an exclusive root, two independent entity-parallel systems, an exclusive
     * entity-parallel system, two more independent systems, and an exclusive last system. Every body notes how
     * many bodies are inside; an exclusive one requires to be alone and on the calling thread (the thread that
     * built the probe, which is the one calling execute).
     */
    private static final class ExclusiveProbe {
        final Thread caller = Thread.currentThread();
        final AtomicInteger active = new AtomicInteger();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final List<Object> expected = new ArrayList<>();
        final Plan<Object> plan;

        ExclusiveProbe() {
            Phase.Builder<Object> b = Phase.named("exclusive");
            b.add(SystemSpec.named("first").exclusive().runs(ctx -> exclusive(ctx, "first")));
            expected.add("first");
            for (String name : new String[] {"a", "b"}) {
                b.add(SystemSpec.named(name).writes(name).minBatchSize(4).forEachEntity(64,
                        (start, end, ctx) -> shared(ctx, name, start, end)));
                for (int e = 0; e < 64; e++) {
                    expected.add(name + e);
                }
            }
            b.add(SystemSpec.named("middle").exclusive().minBatchSize(1).forEachEntity(16, (start, end, ctx) -> {
                exclusive(ctx, "middle");
                for (int e = start; e < end; e++) {
                    ctx.add("middle" + e);
                }
            }));
            for (int e = 0; e < 16; e++) {
                expected.add("middle" + e);
            }
            for (String name : new String[] {"c", "d"}) {
                b.add(SystemSpec.named(name).reads("a").minBatchSize(4).forEachEntity(64,
                        (start, end, ctx) -> shared(ctx, name, start, end)));
                for (int e = 0; e < 64; e++) {
                    expected.add(name + e);
                }
            }
            b.add(SystemSpec.named("last").exclusive().runs(ctx -> exclusive(ctx, "last")));
            expected.add("last");
            this.plan = b.compile();
        }

        private void exclusive(org.ecsched.scheduler.api.SystemContext<Object> ctx, String name) {
            int inside = active.incrementAndGet();
            if (Thread.currentThread() != caller) {
                seen.add("'" + name + "' ran on " + Thread.currentThread().getName()
                        + ", not on the thread that called execute");
            }
            if (inside != 1) {
                seen.add("'" + name + "' ran while " + (inside - 1) + " other bodies were running");
            }
            if (!name.equals("middle")) {
                ctx.add(name);
            }
            active.decrementAndGet();
        }

        private void shared(org.ecsched.scheduler.api.SystemContext<Object> ctx, String name, int start, int end) {
            active.incrementAndGet();
            for (int e = start; e < end; e++) {
                ctx.add(name + e);
            }
            active.decrementAndGet();
        }
    }

    /** Verifies {@link Rule#EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM rule 1.14}. */
    @Test
    public void required_1_14_exclusiveSystemsDrainTheCommandsBeforeThem() {
        for (int workers : new int[] {1, 2, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            DrainProbe probe = new DrainProbe();
            for (int round = 1; round <= 40; round++) {
                FailurePolicy policy = round % 2 == 0 ? FailurePolicy.CONTINUE : FailurePolicy.FAIL_FAST;
                probe.reset();
                PhaseResult<Object> r = backend.execute(probe.plan, policy);
                List<String> seen = new ArrayList<>(probe.seen);
                if (!r.succeeded()) {
                    seen.add("the phase did not succeed: " + r.failures());
                }
                if (!probe.expectedFirst.equals(probe.drainedFirst)) {
                    seen.add("'sync' drained " + probe.drainedFirst + ", expected the commands of 'a', 'b' and 'c'"
                            + " in plan, range and recording order: " + probe.expectedFirst);
                }
                if (!probe.expectedSecond.equals(probe.drainedSecond)) {
                    seen.add("'sync2' drained " + probe.drainedSecond + ", expected those completed since 'sync'"
                            + " drained: " + probe.expectedSecond);
                }
                if (!probe.expectedResult.equals(List.copyOf(r.commands()))) {
                    seen.add("the result delivered " + r.commands() + ", expected only what no drain took: "
                            + probe.expectedResult);
                }
                if (!seen.isEmpty()) {
                    fail(Rule.EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM.label() + ": with " + workers
                            + " workers, phase " + round + " (" + policy + "):\n  " + String.join("\n  ", seen)
                            + "\nplan:\n" + probe.plan.describe()
                            + Rule.EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.14: two independent entity-parallel systems of several ranges and a run-once system,
     * then an exclusive {@code sync} that records, drains, drains again (nothing new) and records; an
     * entity-parallel system, an exclusive {@code sync2} that drains once, and a last system. A non-exclusive body
     * of {@code b} also tries to drain and must be refused.
     */
    private static final class DrainProbe {
        final Thread caller = Thread.currentThread();
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final List<Object> drainedFirst = new ArrayList<>();
        final List<Object> drainedSecond = new ArrayList<>();
        final List<Object> expectedFirst = new ArrayList<>();
        final List<Object> expectedSecond = new ArrayList<>();
        final List<Object> expectedResult = new ArrayList<>();
        final Plan<Object> plan;

        DrainProbe() {
            Phase.Builder<Object> b = Phase.named("drain");
            for (String name : new String[] {"a", "b"}) {
                b.add(SystemSpec.named(name).writes(name).minBatchSize(4).forEachEntity(64, (start, end, ctx) -> {
                    for (int e = start; e < end; e++) {
                        ctx.add(name + e);
                        ctx.add(name + e + "'");
                    }
                    if (name.equals("b") && start == 0) {
                        refused(ctx);
                    }
                }));
                for (int e = 0; e < 64; e++) {
                    expectedFirst.add(name + e);
                    expectedFirst.add(name + e + "'");
                }
            }
            b.add(SystemSpec.named("c").writes("c").runs(ctx -> {
                ctx.add("c1");
                ctx.add("c2");
            }));
            expectedFirst.addAll(List.of("c1", "c2"));
            b.add(SystemSpec.named("sync").exclusive().runs(ctx -> {
                ctx.add("sync-before");
                drain(ctx, "sync", drainedFirst);
                drain(ctx, "sync (again)", drainedSecond); // nothing completed since: must add nothing
                ctx.add("sync-after");
            }));
            b.add(SystemSpec.named("d").minBatchSize(3).forEachEntity(20, (start, end, ctx) -> {
                for (int e = start; e < end; e++) {
                    ctx.add("d" + e);
                }
            }));
            expectedSecond.addAll(List.of("sync-before", "sync-after"));
            for (int e = 0; e < 20; e++) {
                expectedSecond.add("d" + e);
            }
            b.add(SystemSpec.named("sync2").exclusive().runs(ctx -> {
                ctx.add("sync2");
                drain(ctx, "sync2", drainedSecond);
            }));
            b.add(SystemSpec.named("last").runs(ctx -> ctx.add("last")));
            expectedResult.addAll(List.of("sync2", "last"));
            this.plan = b.compile();
        }

        private void drain(org.ecsched.scheduler.api.SystemContext<Object> ctx, String who, List<Object> into) {
            ctx.drainCommands(c -> {
                if (Thread.currentThread() != caller) {
                    seen.add("the sink of " + who + " ran on " + Thread.currentThread().getName()
                            + ", not on the thread that called execute");
                }
                into.add(c);
            });
        }

        private void refused(org.ecsched.scheduler.api.SystemContext<Object> ctx) {
            try {
                ctx.drainCommands(c -> seen.add("'b', not exclusive, was handed " + c + " by drainCommands"));
                seen.add("drainCommands in the body of 'b', not exclusive, did not throw");
            } catch (IllegalStateException expected) {
                if (!String.valueOf(expected.getMessage()).contains("'b'")) {
                    seen.add("drainCommands in 'b' threw without naming the system: " + expected.getMessage());
                }
            } catch (RuntimeException wrong) {
                seen.add("drainCommands in 'b', not exclusive, threw " + wrong + ", not IllegalStateException");
            }
        }

        void reset() {
            seen.clear();
            drainedFirst.clear();
            drainedSecond.clear();
        }
    }

    /** Verifies {@link Rule#BEFORE_EACH_RUN_HOOKS_RUN_FIRST rule 1.13}. */
    @Test
    public void required_1_13_beforeEachRunHooksRunFirst() {
        for (int workers : new int[] {1, workers()}) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            HookProbe probe = new HookProbe();
            for (int round = 1; round <= 40; round++) {
                probe.reset(round, round % 9 == 0);
                List<String> seen = new ArrayList<>();
                try {
                    PhaseResult<Object> r = backend.execute(probe.plan, FailurePolicy.FAIL_FAST);
                    if (probe.hookThrows) {
                        seen.add("execute returned " + r + " though a hook threw");
                    } else if (!r.succeeded()) {
                        seen.add("the phase failed: " + r.failures());
                    }
                } catch (RuntimeException e) {
                    if (e != probe.thrown) {
                        seen.add("execute threw " + e + ", not what the hook threw");
                    }
                }
                seen.addAll(probe.check(Thread.currentThread()));
                if (!seen.isEmpty()) {
                    fail(Rule.BEFORE_EACH_RUN_HOOKS_RUN_FIRST.label() + ": with " + workers + " workers, phase "
                            + round + (probe.hookThrows ? " (the second hook throws)" : "") + ":\n  "
                            + String.join("\n  ", seen) + "\n" + Rule.BEFORE_EACH_RUN_HOOKS_RUN_FIRST.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 1.13: two hooks, recording their order and thread and leaving a plain token; two roots (one
     * with a supplied count) and a successor check the token and that no body started before the hooks ended.
     */
    private static final class HookProbe {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final List<String> hooks = new ArrayList<>(); // written by the hooks only: on the calling thread
        final List<Thread> hookThreads = new ArrayList<>();
        final AtomicInteger bodies = new AtomicInteger();
        int round;
        int token;
        boolean hookThrows;
        RuntimeException thrown;
        final Plan<Object> plan;

        HookProbe() {
            Phase.Builder<Object> b = Phase.named("hooks");
            b.beforeEachRun(() -> {
                hookThreads.add(Thread.currentThread());
                hooks.add("first");
                if (bodies.get() != 0) {
                    seen.add("the first hook ran after " + bodies.get() + " bodies had started");
                }
            });
            b.beforeEachRun(() -> {
                hookThreads.add(Thread.currentThread());
                hooks.add("second");
                if (hookThrows) {
                    thrown = new IllegalStateException("hook fails in phase " + round);
                    throw thrown;
                }
                token = round; // plain: every body must see it
            });
            b.add(SystemSpec.named("a").runs(ctx -> body("a")));
            b.add(SystemSpec.named("counted").minBatchSize(1).forEachEntity(() -> {
                if (token != round) {
                    seen.add("the count of 'counted' was read before the hooks ended (token " + token + ")");
                }
                return 8;
            }, (start, end, ctx) -> body("counted")));
            b.add(SystemSpec.named("b").runsAfter("a").runs(ctx -> body("b")));
            this.plan = b.compile();
        }

        private void body(String name) {
            bodies.incrementAndGet();
            if (token != round) {
                seen.add("'" + name + "' saw the token " + token + ", not the hooks' " + round
                        + (hookThrows ? " (a hook threw: no body may run)" : ""));
            }
        }

        void reset(int round, boolean hookThrows) {
            this.round = round;
            this.hookThrows = hookThrows;
            this.thrown = null;
            hooks.clear();
            hookThreads.clear();
            bodies.set(0);
        }

        List<String> check(Thread caller) {
            List<String> out = new ArrayList<>(seen);
            seen.clear();
            List<String> want = List.of("first", "second"); // the second runs (and throws) in a failing phase too
            if (!want.equals(hooks)) {
                out.add("the hooks ran as " + hooks + ", expected " + want);
            }
            for (Thread t : hookThreads) {
                if (t != caller) {
                    out.add("a hook ran on " + t.getName() + ", not on the thread that called execute");
                    break;
                }
            }
            if (hookThrows && bodies.get() != 0) {
                out.add(bodies.get() + " bodies ran though a hook threw");
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2. Ordering and isolation
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#ORDERINGS_HOLD rule 2.01}. */
    @Test
    public void required_2_01_orderingsHold() {
        PhaseModel model = PhaseModel.of("orderings",
                SystemModel.once("a").withRunsAfter("d").withWork(2000).withCommands(1),
                SystemModel.ranged("b", 2000).withRunsBefore("a").withWork(3).withMinBatch(8),
                SystemModel.ranged("c", 500).withRunsAfter("b").withMinBatch(1).withCommands(1),
                SystemModel.once("d").withWork(5000),
                SystemModel.ranged("e", 3000).withWrites("X").withWork(2),
                SystemModel.ranged("f", 3000).withWrites("X").withWork(2).withMinBatch(16),
                SystemModel.ranged("g", 3000).withReads("X").withCommands(1),
                SystemModel.once("h").withRunsAfter("a", "g").withCommands(2));
        SchedulerBackend backend = newBackend();
        executeClean(backend, verifier(model), FailurePolicy.FAIL_FAST, 20);
        for (int i = 0; i < 6; i++) {
            executeClean(backend, random(2010 + i, PhaseShape.typical()), FailurePolicy.FAIL_FAST, 3);
        }
    }

    /** Verifies {@link Rule#CONFLICTING_SYSTEMS_NEVER_OVERLAP rule 2.02}. */
    @Test
    public void required_2_02_conflictingSystemsNeverOverlap() {
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SystemModel m = i % 3 == 0 ? SystemModel.ranged("w" + i, 4000).withWrites("X").withMinBatch(32)
                    : i % 3 == 1 ? SystemModel.ranged("r" + i, 4000).withReads("X").withMinBatch(32)
                    : SystemModel.once("y" + i).withWrites("Y").withReads("X");
            systems.add(m.withWork(20).withCommands(1));
        }
        SchedulerBackend backend = newBackend();
        executeClean(backend, verifier(new PhaseModel("conflicts", "hand-written", systems)),
                FailurePolicy.FAIL_FAST, 20);
        for (int i = 0; i < 6; i++) {
            executeClean(backend, random(2020 + i, PhaseShape.typical()), FailurePolicy.FAIL_FAST, 3);
        }
    }

    /** Verifies {@link Rule#HAPPENS_BEFORE_ALONG_ORDERINGS rule 2.03}. */
    @Test
    public void required_2_03_happensBeforeAlongOrderings() {
        for (int workers : workerCounts()) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            VisibilityProbe probe = new VisibilityProbe(300);
            for (int round = 1; round <= 200; round++) {
                probe.token = round; // plain, before execute
                PhaseResult<Object> r = backend.execute(probe.plan, FailurePolicy.FAIL_FAST);
                List<String> seen = probe.afterExecute(round);
                if (!r.succeeded() || !seen.isEmpty()) {
                    fail(Rule.HAPPENS_BEFORE_ALONG_ORDERINGS.label() + ": with " + workers + " workers, phase "
                            + round + " saw stale plain fields:\n  " + String.join("\n  ", seen)
                            + "\nresult: " + r + "\nplan:\n" + probe.plan.describe()
                            + Rule.HAPPENS_BEFORE_ALONG_ORDERINGS.explain());
                }
            }
            backend.close();
        }
    }

    /**
     * The phase of rule 2.03, sharing only plain fields: {@code produce} reads the caller's token and writes
     * {@code produced}; the ranges of {@code spread} (after it) read that and write one cell each; {@code gather}
     * (after {@code spread}) reads every cell and writes {@code gathered}; {@code side}, unordered, reads the token
     * and writes cells of its own. A stale value read by a body is kept (only then, so that recording it adds no
     * synchronisation to a correct run); the caller checks {@code gathered} and {@code side}'s cells itself.
     */
    private static final class VisibilityProbe {
        final int n;
        final int[] cells;
        final int[] sideCells;
        int token;
        int produced;
        int gathered;
        final ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        final Plan<Object> plan;

        VisibilityProbe(int n) {
            this.n = n;
            this.cells = new int[n];
            this.sideCells = new int[n];
            this.plan = Phase.named("happens-before")
                    .add(SystemSpec.named("produce").runs(ctx -> {
                        int t = token;
                        if (t != produced + 1) {
                            stale.add("'produce' read the caller's token " + t + ", expected " + (produced + 1));
                        }
                        produced = t;
                    }))
                    .add(SystemSpec.named("spread").runsAfter("produce").minBatchSize(1)
                            .forEachEntity(n, (start, end, ctx) -> {
                                int p = produced;
                                if (p != token) {
                                    stale.add("'spread' [" + start + ", " + end + ") read 'produce''s value " + p
                                            + ", expected " + token);
                                }
                                for (int e = start; e < end; e++) {
                                    cells[e] = p;
                                }
                            }))
                    .add(SystemSpec.named("gather").runsAfter("spread").runs(ctx -> {
                        int t = token;
                        for (int e = 0; e < n; e++) {
                            if (cells[e] != t) {
                                stale.add("'gather' read cell " + e + " of 'spread' as " + cells[e] + ", expected "
                                        + t);
                                break;
                            }
                        }
                        gathered = t;
                    }))
                    .add(SystemSpec.named("side").minBatchSize(1).forEachEntity(n, (start, end, ctx) -> {
                        int t = token;
                        for (int e = start; e < end; e++) {
                            sideCells[e] = t;
                        }
                    }))
                    .compile();
        }

        /** What the caller saw after {@code execute} returned, with what the bodies saw; clears the latter. */
        List<String> afterExecute(int round) {
            List<String> seen = new ArrayList<>(stale);
            stale.clear();
            if (gathered != round) {
                seen.add("the caller read 'gather''s value " + gathered + ", expected " + round);
            }
            for (int e = 0; e < n; e++) {
                if (sideCells[e] != round) {
                    seen.add("the caller read cell " + e + " of 'side' as " + sideCells[e] + ", expected " + round);
                    break;
                }
            }
            produced = round; // resynchronise, so that one stale phase is reported once
            return seen;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3. Commands
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#COMMANDS_IN_DETERMINISTIC_ORDER rule 3.01}. */
    @Test
    public void required_3_01_commandsInDeterministicOrder() {
        PhaseModel model = PhaseModel.of("command-order",
                SystemModel.once("declaredFirstRunsLast").withRunsAfter("last").withCommands(3),
                SystemModel.ranged("wide", 5000).withMinBatch(1).withCommands(2).withWork(1),
                SystemModel.ranged("slow", 300).withMinBatch(1).withCommands(1).withWork(300),
                SystemModel.once("last").withCommands(2).withWork(3000),
                SystemModel.ranged("failing", 1000).withCommands(1).withFault(Fault.runtime(999)),
                SystemModel.once("afterFailing").withRunsAfter("failing").withCommands(1));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(model);
        executeClean(backend, v, FailurePolicy.CONTINUE, 10);
        executeClean(backend, v, FailurePolicy.FAIL_FAST, 5);
    }

    /** Verifies {@link Rule#COMMANDS_SAME_OVER_REPEATED_RUNS rule 3.02}. */
    @Test
    public void required_3_02_commandsSameOverRepeatedRuns() {
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = random(3020, PhaseShape.typical().withMaxWork(8).withSystems(6, 14));
        PhaseVerifier other = random(3021, PhaseShape.small());
        for (int i = 0; i < TestkitSettings.repeats(); i++) {
            v.execute(backend, FailurePolicy.FAIL_FAST).assertClean();
            if (i % 10 == 9) {
                other.execute(backend, FailurePolicy.CONTINUE).assertClean();
            }
        }
    }

    /** Verifies {@link Rule#COMMANDS_SAME_FOR_EVERY_WORKER_COUNT rule 3.03}. */
    @Test
    public void required_3_03_commandsSameForEveryWorkerCount() {
        List<PhaseVerifier> phases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            phases.add(random(3030 + i, i == 3 ? PhaseShape.faulty() : PhaseShape.typical()));
        }
        for (int workers : workerCounts()) {
            SchedulerBackend backend = newBackend(config().toBuilder().workers(workers).build());
            for (PhaseVerifier v : phases) {
                executeClean(backend, v, FailurePolicy.CONTINUE, 2);
                executeClean(backend, v, FailurePolicy.FAIL_FAST, 1);
            }
            backend.close();
        }
    }

    /** Verifies {@link Rule#NO_COMMAND_DROPPED rule 3.04}. */
    @Test
    public void required_3_04_noCommandDropped() {
        PhaseModel model = PhaseModel.of("command-flood",
                SystemModel.ranged("flood", 60_000).withCommands(3),
                SystemModel.once("burst").withCommands(40_000),
                SystemModel.ranged("oneRange", 30_000).withMinBatch(30_000).withCommands(2));
        SchedulerBackend backend = newBackend();
        executeClean(backend, verifier(model), FailurePolicy.FAIL_FAST, 3);
    }

    /** Verifies {@link Rule#RESULT_VALID_UNTIL_SAME_PLAN_RUNS_AGAIN rule 3.05}. */
    @Test
    public void required_3_05_resultValidUntilSamePlanRunsAgain() {
        SchedulerBackend backend = newBackend();
        PhaseVerifier a = verifier(PhaseModel.of("first",
                SystemModel.ranged("a0", 1000).withCommands(2),
                SystemModel.once("a1").withCommands(3).withFault(Fault.runtime(0)),
                SystemModel.once("a2").withRunsAfter("a1").withCommands(1)));
        PhaseVerifier b = random(3050, PhaseShape.typical());
        PhaseResult<TestCommand> first = a.execute(backend, FailurePolicy.CONTINUE).assertClean().result();
        List<TestCommand> commands = List.copyOf(first.commands());
        List<SystemOutcome> outcomes = List.of(first.outcome(0), first.outcome(1), first.outcome(2));
        int failures = first.failures().size();
        for (int i = 0; i < 3; i++) {
            b.execute(backend, FailurePolicy.FAIL_FAST).assertClean();
        }
        assertEquals(commands, List.copyOf(first.commands()), "executing another plan changed an earlier result's"
                + " commands");
        assertEquals(outcomes, List.of(first.outcome(0), first.outcome(1), first.outcome(2)),
                "executing another plan changed an earlier result's outcomes");
        assertEquals(failures, first.failures().size(), "executing another plan changed an earlier result's"
                + " failures");
    }

    /** Verifies {@link Rule#STALE_RESULT_THROWS rule 3.06}. */
    @Test
    public void required_3_06_staleResultThrows() {
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(PhaseModel.of("stale",
                SystemModel.ranged("s0", 500).withCommands(1),
                SystemModel.once("s1").withCommands(2).withFault(Fault.runtime(0)),
                SystemModel.once("s2").withCommands(1)));
        PhaseResult<TestCommand> first = v.execute(backend, FailurePolicy.CONTINUE).assertClean().result();
        List<TestCommand> copy = List.copyOf(first.commands());
        List<TestCommand> commandsView = first.commands();
        List<SystemFailure> failuresView = first.failures();
        v.execute(backend, FailurePolicy.CONTINUE).assertClean();
        Map<String, Executable> uses = new LinkedHashMap<>();
        uses.put("commands()", first::commands);
        uses.put("commandCount()", first::commandCount);
        uses.put("command(0)", () -> first.command(0));
        uses.put("outcome(0)", () -> first.outcome(0));
        uses.put("failures()", first::failures);
        uses.put("succeeded()", first::succeeded);
        uses.put("commands().size() of the earlier view", commandsView::size);
        uses.put("commands().get(0) of the earlier view", () -> commandsView.get(0));
        uses.put("failures().size() of the earlier view", failuresView::size);
        for (Map.Entry<String, Executable> use : uses.entrySet()) {
            assertThrows(IllegalStateException.class, use.getValue(), Rule.STALE_RESULT_THROWS.label()
                    + ": " + use.getKey() + " of a result whose plan was executed again returned instead of"
                    + " throwing IllegalStateException");
        }
        assertEquals(v.execute(backend, FailurePolicy.CONTINUE).assertClean().result().commands(), copy,
                "a copy taken before must keep the phase's commands");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4. Failures
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#FAIL_FAST_STOPS_NEW_TASKS rule 4.01}. */
    @Test
    public void required_4_01_failFastStopsNewTasks() {
        PhaseModel model = PhaseModel.of("fail-fast",
                SystemModel.once("root").withCommands(1),
                SystemModel.once("thrower").withRunsAfter("root").withCommands(2).withFault(Fault.runtime(0)),
                SystemModel.ranged("after1", 1000).withRunsAfter("thrower").withCommands(1),
                SystemModel.once("after2").withRunsAfter("after1").withCommands(1),
                SystemModel.ranged("independent", 2000).withCommands(1).withWork(2));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(model);
        for (int i = 0; i < 10; i++) {
            PhaseResult<TestCommand> r = v.execute(backend, FailurePolicy.FAIL_FAST).assertClean().result();
            assertEquals(SystemOutcome.COMPLETED, r.outcome("root"));
            assertEquals(SystemOutcome.FAILED, r.outcome("thrower"));
            assertEquals(SystemOutcome.SKIPPED, r.outcome("after1"));
            assertEquals(SystemOutcome.SKIPPED, r.outcome("after2"));
            assertEquals(1, r.failures().size(), "one failure: " + r.failures());
            assertEquals("thrower", r.failures().get(0).systemName());
            assertTrue(r.failures().get(0).cause() instanceof Fault.InjectedRuntimeException,
                    "the failure carries the thrown exception itself: " + r.failures().get(0));
        }
        for (int i = 0; i < 8; i++) {
            executeClean(backend, random(4010 + i, PhaseShape.faulty()), FailurePolicy.FAIL_FAST, 2);
        }
    }

    /** Verifies {@link Rule#CONTINUE_SKIPS_ONLY_DEPENDENTS rule 4.02}. */
    @Test
    public void required_4_02_continueSkipsOnlyDependents() {
        PhaseModel model = PhaseModel.of("continue",
                SystemModel.once("a").withCommands(1),
                SystemModel.ranged("b", 3000).withWrites("X").withCommands(1).withFault(Fault.runtime(1234)),
                SystemModel.once("c").withReads("X").withCommands(1),
                SystemModel.once("d").withRunsAfter("c").withCommands(1),
                SystemModel.ranged("e", 3000).withCommands(1).withWork(2),
                SystemModel.once("f").withFault(Fault.checked(0)).withCommands(1),
                SystemModel.once("g").withRunsAfter("a").withCommands(1));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(model);
        for (int i = 0; i < 10; i++) {
            PhaseResult<TestCommand> r = v.execute(backend, FailurePolicy.CONTINUE).assertClean().result();
            assertEquals(List.of(SystemOutcome.COMPLETED, SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                    SystemOutcome.SKIPPED, SystemOutcome.COMPLETED, SystemOutcome.FAILED, SystemOutcome.COMPLETED),
                    List.of(r.outcome(0), r.outcome(1), r.outcome(2), r.outcome(3), r.outcome(4), r.outcome(5),
                            r.outcome(6)));
        }
        for (int i = 0; i < 8; i++) {
            executeClean(backend, random(4020 + i, PhaseShape.faulty()), FailurePolicy.CONTINUE, 2);
        }
    }

    /** Verifies {@link Rule#ERRORS_ARE_FAILURES_TOO rule 4.03}. */
    @Test
    public void required_4_03_errorsAreFailuresToo() {
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SystemModel m = i % 2 == 0 ? SystemModel.once("e" + i) : SystemModel.ranged("e" + i, 2000).withMinBatch(1);
            Fault fault = i % 3 == 0 ? Fault.error(i * 97 % 2000) : i % 3 == 1 ? Fault.checked(i * 31 % 2000)
                    : Fault.NONE;
            systems.add(m.withFault(fault).withCommands(1));
        }
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(new PhaseModel("errors", "hand-written", systems));
        for (int i = 0; i < 10; i++) {
            executeClean(backend, v, FailurePolicy.CONTINUE, 1);
            executeClean(backend, v, FailurePolicy.FAIL_FAST, 1);
        }
        PhaseVerifier wide = random(4030, PhaseShape.wide());
        executeClean(backend, wide, FailurePolicy.FAIL_FAST, 20);
    }

    /** Verifies {@link Rule#RANGE_FAILURE_FAILS_THE_SYSTEM rule 4.04}. */
    @Test
    public void required_4_04_rangeFailureFailsTheSystem() {
        PhaseModel model = PhaseModel.of("range-failure",
                SystemModel.ranged("big", 10_000).withCommands(1).withFault(Fault.runtime(7777)),
                SystemModel.ranged("other", 10_000).withCommands(1),
                SystemModel.ranged("bigError", 5000).withMinBatch(1).withCommands(2).withFault(Fault.error(0)));
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(model);
        for (FailurePolicy policy : FailurePolicy.values()) {
            for (int i = 0; i < 8; i++) {
                PhaseResult<TestCommand> r = v.execute(backend, policy).assertClean().result();
                assertTrue(r.commands().stream().noneMatch(c -> c.system() != 1),
                        "only the commands of 'other' may be delivered");
            }
        }
    }

    /** Verifies {@link Rule#REUSABLE_AFTER_FAILURES rule 4.05}. */
    @Test
    public void required_4_05_reusableAfterFailures() {
        SchedulerBackend backend = newBackend();
        PhaseShape faulty = PhaseShape.faulty().withFaults(0.4).withMaxWork(8);
        for (int i = 0; i < 24; i++) {
            random(4050 + i, faulty).execute(backend, i % 2 == 0 ? FailurePolicy.FAIL_FAST : FailurePolicy.CONTINUE)
                    .assertClean();
            Execution clean = random(4150 + i, PhaseShape.small()).execute(backend, FailurePolicy.FAIL_FAST)
                    .assertClean();
            assertTrue(clean.result().succeeded(), "a clean phase after a failed one must succeed: "
                    + clean.result() + "\n" + clean.context());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5. Lifecycle and misuse
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Verifies {@link Rule#CLOSE_LEAVES_NO_THREAD rule 5.01}.
     *
     * <p>The backend's threads are the threads new since just before it was created, seen while it is open (after
     * creation, and again after its phases, for threads started lazily). Every one of them must be dead when
     * {@code close()} returns, with no grace period: {@code close()} stops and joins. Threads that appear only
     * later (started by {@code close()} itself) get a short grace, for threads of the JVM that end at that time.
     */
    @Test
    public void required_5_01_closeLeavesNoThread() {
        SchedulerConfig config = config().toBuilder().threadNamePrefix("ecsched-testkit-leakcheck-").build();
        Set<Thread> before = ThreadLeaks.snapshot();
        SchedulerBackend unused = newBackend(config);
        closeAndCheckThreads(unused, before, List.of(), Rule.CLOSE_LEAVES_NO_THREAD, "an unused backend");
        Set<Thread> beforeUsed = ThreadLeaks.snapshot();
        SchedulerBackend used = newBackend(config);
        List<Thread> seen = ThreadLeaks.newSince(beforeUsed);
        random(5010, PhaseShape.typical()).execute(used, FailurePolicy.FAIL_FAST).assertClean();
        random(5011, PhaseShape.faulty().withFaults(0.5)).execute(used, FailurePolicy.CONTINUE).assertClean();
        closeAndCheckThreads(used, beforeUsed, seen, Rule.CLOSE_LEAVES_NO_THREAD, "a backend after two phases");
        List<Thread> leaked = ThreadLeaks.newThreadsAfter(before, TestkitSettings.scaled(Duration.ofSeconds(2)));
        if (!leaked.isEmpty()) {
            fail(leaked.size() + " threads that started while the backends closed are alive "
                    + TestkitSettings.scaled(Duration.ofSeconds(2)).toMillis() + " ms later:"
                    + ThreadLeaks.describe(leaked) + "\n" + Rule.CLOSE_LEAVES_NO_THREAD.explain());
        }
    }

    /**
     * Closes {@code backend} and fails {@code rule} if a thread it started is alive when {@code close()} returns:
     * the threads new since {@code before} now (the backend is open) and those in {@code seenEarlier}.
     */
    private static void closeAndCheckThreads(SchedulerBackend backend, Set<Thread> before,
                                             List<Thread> seenEarlier, Rule rule, String which) {
        Set<Thread> started = new LinkedHashSet<>(seenEarlier);
        started.addAll(ThreadLeaks.newSince(before));
        backend.close();
        List<Thread> alive = ThreadLeaks.stillAlive(started);
        if (!alive.isEmpty()) {
            fail(alive.size() + " of the " + started.size() + " threads " + which + " started " + (alive.size() == 1
                    ? "was" : "were") + " still alive when close() returned (close() must stop and join them; no"
                    + " grace is given):" + ThreadLeaks.describe(alive) + "\n" + rule.explain());
        }
    }

    /**
     * Verifies {@link Rule#CLOSE_IS_IDEMPOTENT rule 5.02}.
     *
     * @throws InterruptedException if the test thread is interrupted
     */
    @Test
    public void required_5_02_closeIsIdempotent() throws InterruptedException {
        SchedulerBackend backend = newBackend();
        random(5020, PhaseShape.small()).execute(backend, FailurePolicy.FAIL_FAST).assertClean();
        backend.close();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread again = new Thread(() -> {
            try {
                backend.close();
                backend.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "ecsched-testkit-close-again");
        again.setDaemon(true);
        again.start();
        join(again, "a second close()");
        assertNull(thrown.get(), "a second close() threw " + thrown.get());
    }

    /** Verifies {@link Rule#EXECUTE_AFTER_CLOSE_REJECTED rule 5.03}. */
    @Test
    public void required_5_03_executeAfterCloseRejected() {
        SchedulerBackend backend = newBackend();
        backend.execute(trivialPlan()).throwIfFailed();
        backend.close();
        Throwable t = null;
        try {
            backend.execute(trivialPlan());
        } catch (Throwable e) {
            t = e;
        }
        assertRejected(t, "closed", Rule.EXECUTE_AFTER_CLOSE_REJECTED.label());
    }

    /**
     * Verifies {@link Rule#CONCURRENT_EXECUTE_REJECTED rule 5.04}.
     *
     * @throws InterruptedException if the test thread is interrupted
     */
    @Test
    public void required_5_04_concurrentExecuteRejected() throws InterruptedException {
        SchedulerBackend backend = newBackend();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Plan<Object> blocker = onePlan("blocker", SystemSpec.named("block").runs(ctx -> {
            entered.countDown();
            holdUntil(release);
            ctx.add("blocked");
        }));
        Caller first = new Caller(backend, blocker, "ecsched-testkit-first-caller");
        first.start();
        Throwable t = null;
        try {
            await(entered, "the first phase's system runs");
            backend.execute(trivialPlan());
        } catch (Throwable e) {
            t = e;
        } finally {
            release.set(true);
        }
        join(first, "the first caller's execute");
        assertNull(first.thrown, "the running phase was disturbed: " + first.thrown);
        assertTrue(first.result.succeeded(), "the running phase must complete: " + first.result);
        assertRejected(t, "concurren", Rule.CONCURRENT_EXECUTE_REJECTED.label());
        backend.execute(trivialPlan()).throwIfFailed();
    }

    /** Verifies {@link Rule#REENTRANT_EXECUTE_REJECTED rule 5.05}. */
    @Test
    public void required_5_05_reentrantExecuteRejected() {
        SchedulerBackend backend = newBackend();
        List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
        Plan<Object> inner = trivialPlan();
        Plan<Object> outer = Phase.named("outer")
                .add(SystemSpec.named("once").runs(ctx -> {
                    try {
                        backend.execute(inner);
                        seen.add(null);
                    } catch (Throwable t) {
                        seen.add(t);
                    }
                }))
                .add(SystemSpec.named("ranged").forEachEntity(4, (start, end, ctx) -> {
                    try {
                        backend.execute(inner);
                        seen.add(null);
                    } catch (Throwable t) {
                        seen.add(t);
                    }
                }))
                .compile();
        PhaseResult<Object> r = backend.execute(outer);
        assertTrue(r.succeeded(), "the outer phase must complete: " + r + " " + r.failures());
        assertTrue(seen.size() >= 2, "the nested calls did not happen: " + seen);
        for (Throwable t : seen) {
            assertRejected(t, "reentran", Rule.REENTRANT_EXECUTE_REJECTED.label());
        }
        backend.execute(trivialPlan()).throwIfFailed();
    }

    /**
     * Verifies {@link Rule#INTERRUPT_KEEPS_FLAG_AND_COMPLETES rule 5.06}.
     *
     * @throws InterruptedException if the test thread is interrupted
     */
    @Test
    public void required_5_06_interruptKeepsFlagAndCompletes() throws InterruptedException {
        SchedulerBackend backend = newBackend();
        for (int round = 0; round < 3; round++) {
            CountDownLatch entered = new CountDownLatch(1);
            AtomicBoolean release = new AtomicBoolean();
            Plan<Object> plan = Phase.named("interrupted")
                    .add(SystemSpec.named("block").runs(ctx -> {
                        entered.countDown();
                        holdUntil(release);
                        ctx.add("block");
                    }))
                    .add(SystemSpec.named("after").runsAfter("block").runs(ctx -> ctx.add("after")))
                    .compile();
            Caller caller = new Caller(backend, plan, "ecsched-testkit-interrupted-caller");
            caller.start();
            try {
                await(entered, "the phase's system runs");
                caller.interrupt();
                LockSupport.parkNanos(20_000_000L);
            } finally {
                release.set(true);
            }
            join(caller, "execute on an interrupted thread");
            assertNull(caller.thrown, "execute threw on an interrupted caller: " + caller.thrown);
            assertTrue(caller.result.succeeded(), "the phase must complete: " + caller.result);
            assertEquals(List.of("block", "after"), List.copyOf(caller.result.commands()), "the whole phase ran");
            assertTrue(caller.interruptedOnReturn, "the interrupt flag must be set when execute returns");
        }
    }

    /**
     * Verifies {@link Rule#CLOSE_WAITS_FOR_RUNNING_PHASE rule 5.07}.
     *
     * @throws InterruptedException if the test thread is interrupted
     */
    @Test
    public void required_5_07_closeWaitsForRunningPhase() throws InterruptedException {
        SchedulerBackend backend = newBackend();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        // The phase's work is done when every entity of "after" was visited: the bodies tell, not the caller's
        // stored result, which the caller's thread stores only after the backend let close() go on.
        AtomicInteger visited = new AtomicInteger();
        Plan<Object> plan = Phase.named("closing")
                .add(SystemSpec.named("block").runs(ctx -> {
                    entered.countDown();
                    holdUntil(release);
                    ctx.add("block");
                }))
                .add(SystemSpec.named("after").runsAfter("block").forEachEntity(1000, (s, e, ctx) -> {
                    ctx.add(s);
                    visited.addAndGet(e - s);
                }))
                .compile();
        Caller caller = new Caller(backend, plan, "ecsched-testkit-closing-caller");
        caller.start();
        AtomicBoolean phaseDoneWhenCloseReturned = new AtomicBoolean();
        AtomicReference<Throwable> closeThrew = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                backend.close();
                phaseDoneWhenCloseReturned.set(visited.get() == 1000);
            } catch (Throwable t) {
                closeThrew.set(t);
            }
        }, "ecsched-testkit-closer");
        closer.setDaemon(true);
        try {
            await(entered, "the phase's system runs");
            closer.start();
            awaitInsideClose(closer);
        } finally {
            release.set(true);
        }
        join(caller, "execute during close()");
        join(closer, "close() during a phase");
        assertNull(closeThrew.get(), "close() threw: " + closeThrew.get());
        assertNull(caller.thrown, "the running phase threw: " + caller.thrown);
        assertTrue(caller.result.succeeded(), "the running phase must complete: " + caller.result);
        assertTrue(phaseDoneWhenCloseReturned.get(), "close() returned before the running phase completed");
    }

    /**
     * Returns once the closer is inside {@code close()} and waiting there: its thread WAITING, TIMED_WAITING or
     * BLOCKED (a close that waits for the phase), or finished (a close that did not wait, which the rule then
     * reports). The first thing the closer's thread does is call {@code close()}, so a waiting state is reached
     * inside it. A close that spins instead of blocking stays RUNNABLE: after {@link #awaitTimeout()} it is
     * inside close just as surely, and the rule goes on. No verdict depends on how long the closer took to start.
     */
    private void awaitInsideClose(Thread closer) {
        long deadline = System.nanoTime() + awaitTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            Thread.State state = closer.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Verifies {@link Rule#CLOSE_FROM_INSIDE_FAILS_FAST rule 5.08}.
     *
     * <p>The bodies of a system that runs once and of an entity-parallel system after it call {@code close()}, so
     * that the call comes from worker threads and, where the backend runs bodies on it, from the thread executing
     * the phase. First nobody else closes (then the backend must execute again); then another thread calls
     * {@code close()} while the first system holds the phase open, and the systems call it while that closer waits.
     * A deadlock fails the rule after {@link #awaitTimeout()} with the stacks of the threads involved, instead of
     * hanging it; "at once" is that: a close from inside that waits for its own phase never returns.
     *
     * @throws InterruptedException if the test thread is interrupted
     */
    @Test
    public void required_5_08_closeFromInsideFailsFast() throws InterruptedException {
        SchedulerBackend alone = newBackend();
        InsideCloses quiet = new InsideCloses(alone, null, null);
        Caller caller = new Caller(alone, quiet.plan, "ecsched-testkit-inside-close-caller");
        caller.start();
        joinAll(List.of(caller), quiet, "execute of a phase whose systems call close()");
        assertNull(caller.thrown, "the phase whose systems called close() threw: " + caller.thrown);
        assertTrue(caller.result.succeeded(), "the phase whose systems called close() must complete: "
                + caller.result + " " + caller.result.failures());
        quiet.assertEveryCloseRejected("nobody else closing");
        Throwable after = null;
        try {
            alone.execute(trivialPlan()).throwIfFailed();
        } catch (RuntimeException | Error e) {
            after = e;
        }
        if (after != null) {
            throw new AssertionError("after close() was called from inside its systems, and rejected, the backend"
                    + " must still execute a phase; it threw " + after, after);
        }

        SchedulerBackend backend = newBackend();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        InsideCloses inside = new InsideCloses(backend, entered, release);
        Caller running = new Caller(backend, inside.plan, "ecsched-testkit-inside-close-caller");
        running.start();
        AtomicBoolean phaseDoneWhenCloseReturned = new AtomicBoolean();
        AtomicReference<Throwable> closeThrew = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                backend.close();
                phaseDoneWhenCloseReturned.set(inside.phaseDone());
            } catch (Throwable t) {
                closeThrew.set(t);
            }
        }, "ecsched-testkit-other-closer");
        closer.setDaemon(true);
        try {
            await(entered, "the phase's first system runs");
            closer.start();
            awaitWaiting(closer);
        } finally {
            release.set(true);
        }
        joinAll(List.of(running, closer), inside, "execute, and close() on another thread,");
        assertNull(closeThrew.get(), "the other thread's close() threw: " + closeThrew.get());
        assertNull(running.thrown, "the phase whose systems called close() threw: " + running.thrown);
        assertTrue(running.result.succeeded(), "the phase whose systems called close() must complete: "
                + running.result + " " + running.result.failures());
        inside.assertEveryCloseRejected("while another thread closes");
        assertTrue(phaseDoneWhenCloseReturned.get(), "the other thread's close() returned before the phase"
                + " completed");
    }

    /**
     * Waits until {@code t} waits or is blocked (inside {@code close()}, here) or has ended, at most
     * {@link #awaitTimeout()}, then a little longer. Only orders the test's steps; decides nothing.
     */
    private void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + awaitTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED
                    || s == Thread.State.TERMINATED) {
                break;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        LockSupport.parkNanos(20_000_000L);
    }

    /**
     * Waits for the rule's threads, {@link #awaitTimeout()} in all; if one is stuck, fails with the stacks of the
     * stuck threads and of the threads that ran the systems, and leaves the backends open (closing one would wait
     * for the stuck phase).
     */
    private void joinAll(List<Thread> threads, InsideCloses inside, String what) throws InterruptedException {
        long deadline = System.nanoTime() + awaitTimeout().toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
        List<Thread> stuck = ThreadLeaks.stillAlive(threads);
        if (!stuck.isEmpty()) {
            List<Thread> bodies = new ArrayList<>(inside.bodyThreads);
            bodies.removeAll(stuck);
            fail(what + " did not return within " + awaitTimeout().toMillis() + " ms: a deadlock. The stuck"
                    + " threads:" + ThreadLeaks.describe(stuck, 16) + "\nThe threads that ran the systems calling"
                    + " close():" + ThreadLeaks.describe(bodies, 16)
                    + abandonBackends("a phase whose systems called close() is stuck") + "\n"
                    + Rule.CLOSE_FROM_INSIDE_FAILS_FAST.explain());
        }
    }

    /**
     * A phase whose bodies call {@code close()} on their own backend, and what those calls did: a system that
     * runs once ("hold", which first waits for the test's release if there is one), then an entity-parallel
     * system over {@value #INSIDE_ENTITIES} entities in ranges of at least one.
     */
    private final class InsideCloses {
        static final int INSIDE_ENTITIES = 16;

        final SchedulerBackend backend;
        final Plan<Object> plan;
        final List<String> rejectedWrongly = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> bodyThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger covered = new AtomicInteger();
        volatile boolean holdDone;

        InsideCloses(SchedulerBackend backend, CountDownLatch entered, AtomicBoolean release) {
            this.backend = backend;
            this.plan = Phase.named("close-from-inside")
                    .add(SystemSpec.named("hold").runs(ctx -> {
                        started.incrementAndGet();
                        if (entered != null) {
                            entered.countDown();
                            holdUntil(release);
                        }
                        closeFromInside("hold");
                        holdDone = true;
                        finished.incrementAndGet();
                    }))
                    .add(SystemSpec.named("ranged").runsAfter("hold").minBatchSize(1)
                            .forEachEntity(INSIDE_ENTITIES, (start, end, ctx) -> {
                                started.incrementAndGet();
                                closeFromInside("ranged [" + start + ", " + end + ")");
                                covered.addAndGet(end - start);
                                finished.incrementAndGet();
                            }))
                    .compile();
        }

        private void closeFromInside(String where) {
            Thread me = Thread.currentThread();
            bodyThreads.add(me);
            calls.incrementAndGet();
            String on = where + " on '" + me.getName() + "'";
            try {
                backend.close();
                rejectedWrongly.add(on + ": close() returned normally; it must throw IllegalStateException");
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("close")) {
                    rejectedWrongly.add(on + ": the message must mention close but was: " + e.getMessage());
                }
            } catch (Throwable t) {
                rejectedWrongly.add(on + ": expected IllegalStateException but got " + t);
            }
        }

        /** Whether every body has finished and the ranges covered every entity. */
        boolean phaseDone() {
            return holdDone && covered.get() == INSIDE_ENTITIES && finished.get() == started.get();
        }

        void assertEveryCloseRejected(String where) {
            assertTrue(calls.get() >= 2, where + ": the systems calling close() did not run: " + calls.get()
                    + " calls");
            if (!rejectedWrongly.isEmpty()) {
                fail(where + ": " + rejectedWrongly.size() + " of " + calls.get() + " calls of close() from inside"
                        + " a running system were not rejected as they must be:\n  "
                        + String.join("\n  ", rejectedWrongly));
            }
        }
    }

    /**
     * Verifies {@link Rule#BODY_INTERRUPT_STAYS_IN_BODY rule 5.09}.
     *
     * <p>Phases of many small systems and many ranges, every third of them interrupting itself before it returns
     * (the "restore the flag" idiom of code that caught an {@link InterruptedException}), run back to back; every
     * body records whether its thread's flag was set when it started. The flag of the thread calling
     * {@code execute} is the caller's business, outside this rule: it is cleared after each phase, since a body
     * that ran on that thread may leave it set.
     */
    @Test
    public void required_5_09_bodyInterruptStaysInBody() {
        SchedulerBackend backend = newBackend();
        InterruptProbe probe = new InterruptProbe();
        Plan<Object> plan = probe.plan(24, 256);
        for (int phase = 0; phase < 10; phase++) {
            probe.phase = phase;
            PhaseResult<Object> r = backend.execute(plan, FailurePolicy.CONTINUE);
            Thread.interrupted(); // the caller's flag: a body run on this thread may have set it
            assertTrue(r.succeeded(), "a phase whose bodies interrupt themselves must complete: " + r + " "
                    + r.failures());
        }
        assertTrue(probe.interrupters.size() > 0, "no body interrupted itself");
        if (!probe.startedInterrupted.isEmpty()) {
            List<String> seen = List.copyOf(probe.startedInterrupted);
            fail(seen.size() + " of " + probe.bodies.get() + " bodies started on a thread whose interrupt flag was"
                    + " set, set by an earlier body that interrupted itself. Per thread: " + probe.perThread
                    + ". The first ones:\n  " + String.join("\n  ", seen.subList(0, Math.min(8, seen.size())))
                    + "\nThe threads that ran bodies interrupting themselves: " + probe.interrupters
                    + " (the thread calling execute, if it runs bodies, is one of them: the flag a body sets on it must"
                    + " not reach the next body either; it may be restored when execute returns)");
        }
    }

    /** Bodies that note whether they start interrupted; every third interrupts its own thread as it returns. */
    private static final class InterruptProbe {
        final List<String> startedInterrupted = Collections.synchronizedList(new ArrayList<>());
        final Set<String> interrupters = new ConcurrentSkipListSet<>();
        /** Bodies that started interrupted, per thread name. */
        final Map<String, Integer> perThread = new ConcurrentSkipListMap<>();
        final AtomicLong bodies = new AtomicLong();
        volatile int phase;

        /** Independent systems, then a ranged system after them, then more systems after that. */
        Plan<Object> plan(int systems, int entities) {
            Phase.Builder<Object> b = Phase.named("interrupting");
            String[] first = new String[systems];
            for (int i = 0; i < systems; i++) {
                String name = "s" + i;
                first[i] = name;
                boolean interrupts = i % 3 == 0;
                b.add(SystemSpec.named(name).runs(ctx -> body(name, interrupts)));
            }
            b.add(SystemSpec.named("ranged").runsAfter(first).minBatchSize(4).forEachEntity(entities,
                    (start, end, ctx) -> body("ranged [" + start + ", " + end + ")", start / 4 % 3 == 1)));
            for (int i = 0; i < 8; i++) {
                String name = "late" + i;
                boolean interrupts = i % 3 == 0;
                b.add(SystemSpec.named(name).runsAfter("ranged").runs(ctx -> body(name, interrupts)));
            }
            return b.compile();
        }

        private void body(String where, boolean interrupts) {
            Thread me = Thread.currentThread();
            if (me.isInterrupted()) {
                startedInterrupted.add("phase " + phase + ", " + where + " on '" + me.getName() + "'");
                perThread.merge(me.getName(), 1, Integer::sum);
            }
            bodies.incrementAndGet();
            spin(20_000L); // a little work, so that several workers take part
            if (interrupts) {
                interrupters.add(me.getName());
                me.interrupt();
            }
        }
    }

    /** Works (spins) for about {@code nanos}. */
    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Verifies {@link Rule#IDLE_BACKEND_USES_NO_CPU rule 5.10}.
     *
     * <p>The backend's threads are the threads new since just before it was created (found again after the burst,
     * for threads started lazily); the test's own thread is not one of them. Up to {@value #IDLE_WINDOWS}
     * consecutive windows are measured, and the backend passes at the first under the bound: one that spins briefly
     * before parking reaches its park within the first, however the machine schedules it, and no sleep of a guessed
     * length decides the verdict. The bound is a resource claim measured over a window, the one place where the kit
     * decides from time; the window is not scaled by the timeout factor (the bound is a share of it).
     */
    @Test
    public void required_5_10_idleBackendUsesNoCpu() {
        if (!ThreadCpu.supported()) {
            Assumptions.abort("rule " + Rule.IDLE_BACKEND_USES_NO_CPU.label() + " is skipped: this JVM does not"
                    + " measure the CPU time of threads (ThreadMXBean.isThreadCpuTimeSupported)");
        }
        Set<Thread> before = ThreadLeaks.snapshot();
        SchedulerBackend backend = newBackend();
        assertGoesIdle(ThreadLeaks.newSince(before), "right after creation, before any phase");
        Set<String> interrupters = new ConcurrentSkipListSet<>();
        int phases = burst(backend, interrupters);
        assertGoesIdle(ThreadLeaks.newSince(before), "after a burst of " + phases
                + " phases (bodies interrupted themselves on " + interrupters + ")");
    }

    /** Consecutive idle windows rule 5.10 measures before it fails a backend that has not gone quiet. */
    private static final int IDLE_WINDOWS = 5;

    /**
     * At least 200 and at most 2000 short phases, for about 600 ms: independent systems and ranges that work a
     * few microseconds each (so that every worker gets some), and a chain; every fourth body interrupts itself.
     * Returns how many ran, and adds to {@code interrupters} the threads that ran a body interrupting itself.
     */
    private int burst(SchedulerBackend backend, Set<String> interrupters) {
        Phase.Builder<Object> wide = Phase.named("burst-wide");
        for (int i = 0; i < 12; i++) {
            boolean interrupts = i % 4 == 0;
            wide.add(SystemSpec.named("w" + i).runs(ctx -> {
                spin(10_000L);
                ctx.add("w");
                if (interrupts) {
                    interruptSelf(interrupters);
                }
            }));
        }
        Plan<Object> ranged = onePlan("burst-ranged", SystemSpec.named("r").minBatchSize(8)
                .forEachEntity(512, (start, end, ctx) -> {
                    spin(2_000L);
                    if (start / 8 % 4 == 1) {
                        interruptSelf(interrupters);
                    }
                }));
        Plan<Object> chain = Phase.named("burst-chain")
                .add(SystemSpec.named("a").runs(ctx -> ctx.add("a")))
                .add(SystemSpec.named("b").runsAfter("a").runs(ctx -> interruptSelf(interrupters)))
                .add(SystemSpec.named("c").runsAfter("b").runs(ctx -> ctx.add("c")))
                .add(SystemSpec.named("d").runsAfter("c").runs(ctx -> ctx.add("d")))
                .compile();
        List<Plan<Object>> plans = List.of(wide.compile(), ranged, chain);
        long end = System.nanoTime() + 600_000_000L;
        int n = 0;
        while (n < 2000 && (n < 200 || System.nanoTime() - end < 0)) {
            PhaseResult<Object> r = backend.execute(plans.get(n % plans.size()), FailurePolicy.CONTINUE);
            Thread.interrupted(); // the caller's flag: a body run on this thread may have set it
            assertTrue(r.succeeded(), "a short phase of the burst must complete: " + r + " " + r.failures());
            n++;
        }
        return n;
    }

    private static void interruptSelf(Set<String> interrupters) {
        interrupters.add(Thread.currentThread().getName());
        Thread.currentThread().interrupt();
    }

    private void assertGoesIdle(List<Thread> threads, String when) {
        ThreadCpu.Usage usage = null;
        for (int w = 0; w < IDLE_WINDOWS; w++) {
            usage = ThreadCpu.measure(threads, idleWindow());
            if (usage.shareOfOneCore() < 0.01) {
                return;
            }
        }
        fail(String.format(Locale.ROOT, "%s the backend started used %.1f ms of CPU in the last of %d windows of"
                        + " %d ms of idleness %s: %.1f%% of one core, where less than 1%% is allowed in at least one."
                        + " Per thread, CPU time over that window:%s",
                threads.size() == 1 ? "the thread" : "the " + threads.size() + " threads",
                usage.totalCpuNanos() / 1e6, IDLE_WINDOWS, usage.window().toMillis(), when,
                100 * usage.shareOfOneCore(), usage.describe()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // 6. Capabilities
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#STATS_AGREE_WITH_WHAT_RAN rule 6.01}. */
    @Test
    public void optional_6_01_statsAgreeWithWhatRan() {
        abortUnless(countsTasks(), Rule.STATS_AGREE_WITH_WHAT_RAN);
        SchedulerBackend backend = newBackend();
        for (int i = 0; i < 12; i++) {
            PhaseVerifier v = random(6010 + i, i % 2 == 0 ? PhaseShape.typical() : PhaseShape.faulty());
            BackendStats before = backend.stats();
            Execution e = v.execute(backend, i % 4 < 2 ? FailurePolicy.FAIL_FAST : FailurePolicy.CONTINUE)
                    .assertClean();
            BackendStats after = backend.stats();
            PhaseResult<TestCommand> r = e.result();
            String where = "\n" + e.context();
            if (e.tasksRan() > 0) {
                assertTrue(r.tasksExecuted() > 0, "tasksExecuted() is 0 though " + e.tasksRan() + " bodies ran"
                        + where);
            }
            assertEquals(r.tasksExecuted(), after.tasksExecuted() - before.tasksExecuted(),
                    "BackendStats.tasksExecuted() must grow by the phase's tasksExecuted()" + where);
            assertEquals(1, after.phases() - before.phases(), "BackendStats.phases() must grow by one" + where);
            long recorded = v.instance().probe().commandsRecorded();
            long delta = after.commandsRecorded() - before.commandsRecorded();
            assertEquals(recorded, delta, "BackendStats.commandsRecorded() must grow by the commands the bodies"
                    + " recorded" + where);
        }
    }

    /** Verifies {@link Rule#LISTENER_EVENTS_BALANCED rule 6.02}. */
    @Test
    public void optional_6_02_listenerEventsBalanced() {
        abortUnless(supportsListener(), Rule.LISTENER_EVENTS_BALANCED);
        ListenerRecorder recorder = new ListenerRecorder();
        SchedulerBackend backend = newBackend(config().toBuilder().listener(recorder).build());
        for (int i = 0; i < 12; i++) {
            PhaseVerifier v = random(6020 + i, i % 2 == 0 ? PhaseShape.typical() : PhaseShape.faulty());
            Execution e = v.execute(backend, i % 4 < 2 ? FailurePolicy.FAIL_FAST : FailurePolicy.CONTINUE)
                    .assertClean();
            recorder.checkPhase(e.result(), e.result().failures().size()).assertNone(e.context());
        }
    }

    /** Verifies {@link Rule#THROWING_LISTENER_LOSES_ONLY_EVENTS rule 6.06}. */
    @Test
    public void optional_6_06_throwingListenerLosesOnlyEvents() {
        abortUnless(supportsListener(), Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS);
        Set<Thread> before = ThreadLeaks.snapshot();
        SchedulerBackend backend = newBackend(config().toBuilder().listener(new ThrowingListener())
                .threadNamePrefix("ecsched-testkit-throwing-listener-").build());
        List<Thread> seen = ThreadLeaks.newSince(before);
        for (int i = 0; i < 8; i++) {
            PhaseVerifier v = random(6060 + i, i % 2 == 0 ? PhaseShape.typical() : PhaseShape.faulty());
            Execution e;
            try {
                e = v.execute(backend, i % 4 < 2 ? FailurePolicy.FAIL_FAST : FailurePolicy.CONTINUE);
            } catch (RuntimeException | Error thrown) {
                throw new AssertionError("[" + Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS.label() + "] execute threw"
                        + " what the listener threw: " + thrown + "\n"
                        + Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS.explain(), thrown);
            }
            e.assertClean();
        }
        closeAndCheckThreads(backend, before, seen, Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS,
                "a backend with a throwing listener");
    }

    /** Verifies {@link Rule#INDEPENDENT_SYSTEMS_RUN_IN_PARALLEL rule 6.03}. */
    @Test
    public void optional_6_03_independentSystemsRunInParallel() {
        abortUnless(runsSystemsInParallel(), Rule.INDEPENDENT_SYSTEMS_RUN_IN_PARALLEL);
        SchedulerBackend backend = newBackend();
        abortIfOneWorker(backend, Rule.INDEPENDENT_SYSTEMS_RUN_IN_PARALLEL);
        for (int round = 0; round < 5; round++) {
            CyclicBarrier barrier = new CyclicBarrier(2);
            Plan<Object> plan = Phase.named("rendezvous")
                    .add(SystemSpec.named("left").runs(ctx -> meet(barrier)))
                    .add(SystemSpec.named("right").runs(ctx -> meet(barrier)))
                    .compile();
            PhaseResult<Object> r = backend.execute(plan, FailurePolicy.CONTINUE);
            assertTrue(r.succeeded(), "two independent systems never ran at the same time (each waited "
                    + awaitTimeout().toMillis() + " ms for the other): " + r.failures());
        }
    }

    private void meet(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException, TimeoutException {
        barrier.await(awaitTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Verifies {@link Rule#SPLITS_LARGE_SYSTEMS rule 6.04}. */
    @Test
    public void optional_6_04_splitsLargeSystems() {
        abortUnless(splitsEntityRanges(), Rule.SPLITS_LARGE_SYSTEMS);
        SchedulerBackend backend = newBackend();
        PhaseVerifier v = verifier(PhaseModel.of("split", SystemModel.ranged("large", 100_000).withMinBatch(1)
                .withWork(1)));
        executeClean(backend, v, FailurePolicy.FAIL_FAST, 1);
        List<TaskRecord> tasks = v.instance().probe().tasks();
        assertTrue(tasks.size() > 1, "a system of 100000 entities with minimum batch 1 ran as " + tasks);
    }

    /** Verifies {@link Rule#STEALS_ON_IMBALANCED_PHASE rule 6.05}. */
    @Test
    public void optional_6_05_stealsOnImbalancedPhase() {
        abortUnless(supportsStealing(), Rule.STEALS_ON_IMBALANCED_PHASE);
        SchedulerBackend backend = newBackend();
        abortIfOneWorker(backend, Rule.STEALS_ON_IMBALANCED_PHASE);
        PhaseVerifier v = verifier(PhaseModel.of("imbalanced",
                SystemModel.ranged("large", 200_000).withMinBatch(16).withWork(4),
                SystemModel.once("small1").withWork(100),
                SystemModel.once("small2").withWork(100)));
        long stolenBefore = backend.stats().tasksStolen();
        long deadline = System.nanoTime() + awaitTimeout().toNanos();
        BackendStats stats;
        do {
            v.execute(backend, FailurePolicy.FAIL_FAST).assertClean();
            stats = backend.stats();
        } while (stats.tasksStolen() == stolenBefore && System.nanoTime() - deadline < 0);
        assertTrue(stats.tasksStolen() > stolenBefore, "no task was stolen in " + stats.phases() + " phases:\n"
                + stats.toTable());
        assertTrue(stats.stealSuccesses() <= stats.stealAttempts(), "more steal successes than attempts:\n"
                + stats.toTable());
        assertTrue(stats.tasksStolen() >= stats.stealSuccesses(), "fewer tasks stolen than successful steals:\n"
                + stats.toTable());
    }

    // ------------------------------------------------------------------------------------------------------------
    // 7. Random phases and stress
    // ------------------------------------------------------------------------------------------------------------

    /** Verifies {@link Rule#RANDOM_PHASES_MATCH_ORACLE rule 7.01}. */
    @Test
    public void stochastic_7_01_randomPhasesMatchOracle() {
        List<PhaseShape> shapes = List.of(PhaseShape.small(), PhaseShape.typical(), PhaseShape.wide(),
                PhaseShape.stealStorm().withSystems(10, 30), PhaseShape.uneven().withMaxEntities(20_000));
        SchedulerBackend backend = newBackend();
        for (int i = 0; i < TestkitSettings.randomPhases(); i++) {
            PhaseVerifier v = random(7010 + i, shapes.get(i % shapes.size()));
            v.execute(backend, FailurePolicy.FAIL_FAST).assertClean();
            v.execute(backend, FailurePolicy.CONTINUE).assertClean();
        }
    }

    /** Verifies {@link Rule#RANDOM_FAULTY_PHASES_MATCH_ORACLE rule 7.02}. */
    @Test
    public void stochastic_7_02_randomFaultyPhasesMatchOracle() {
        SchedulerBackend backend = newBackend();
        for (int i = 0; i < TestkitSettings.randomPhases(); i++) {
            PhaseVerifier v = random(7020 + i, PhaseShape.faulty());
            v.execute(backend, FailurePolicy.CONTINUE).assertClean();
            v.execute(backend, FailurePolicy.FAIL_FAST).assertClean();
        }
    }

    /** Verifies {@link Rule#STEAL_STORM rule 7.03}. */
    @Test
    public void stochastic_7_03_stealStorm() {
        stress(new StealStorm());
    }

    /** Verifies {@link Rule#SHORT_PHASES_BACK_TO_BACK rule 7.04}. */
    @Test
    public void stochastic_7_04_shortPhasesBackToBack() {
        stress(new ShortPhases());
    }

    /** Verifies {@link Rule#LONG_UNEVEN_PHASES rule 7.05}. */
    @Test
    public void stochastic_7_05_longUnevenPhases() {
        stress(new UnevenPhases());
    }

    /** Verifies {@link Rule#OVERSUBSCRIPTION rule 7.06}. */
    @Test
    public void stochastic_7_06_oversubscription() {
        stress(new Oversubscription());
    }

    /** Verifies {@link Rule#FAULT_INJECTION rule 7.07}. */
    @Test
    public void stochastic_7_07_faultInjection() {
        stress(new FaultInjection());
    }

    private void stress(StressHarness harness) {
        StressOptions options = StressOptions.defaults().withWorkers(workers()).withSeed(seed()).withQuiet(true)
                .withCountsTasks(countsTasks());
        harness.run(c -> newBackend(config().toBuilder().workers(c.workers()).build()), options)
                .assertNoFailures();
    }
}
