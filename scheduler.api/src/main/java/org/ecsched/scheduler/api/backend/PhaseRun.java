package org.ecsched.scheduler.api.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.ecsched.scheduler.api.EntitySet;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.IdRangeBody;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * The reusable state of one plan on one backend: everything about a phase except where its tasks run.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>The coordinating thread calls {@link #start}. It resets the state (including whatever a phase abandoned
 *       before its {@link #finish()} left behind) and reports each root system through
 *       {@link ReadyHandler#ready}.</li>
 *   <li>For each ready system the backend runs tasks through {@link #runTask}: one task {@code [0, 0)} for a
 *       system that is not {@link #isSplittable(int) splittable}, else disjoint ranges that together cover
 *       {@code [0, entityCount)} exactly once, none shorter than {@link #minBatchSize(int)} except a tail. Each
 *       worker index must be used by one thread at a time. A task the backend cannot run because its own code
 *       failed is ended with {@link #failTask} instead.</li>
 *   <li>A system with begin or end bodies ({@code SystemSpec.Builder.begin/end}) is reported ready once per
 *       stage, on the thread that ended the previous stage's last task: first one task {@code [0, 0)} (not
 *       splittable) that runs its begin body, then its ranges, then one task {@code [0, 0)} for its end body (see
 *       "begin and end bodies" in the code). The backend needs nothing more than the steps above.</li>
 *   <li>When a system's last task ends, its successors' predecessor counts drop, and each that reaches zero is
 *       reported ready on the finishing thread. When every system has an outcome,
 *       {@link ReadyHandler#phaseFinished} is called once.</li>
 *   <li>A system's entity count, when a supplier gives it, is read once per phase, when the system becomes ready
 *       and just before it is reported so: on the thread that finished its last predecessor, or on the
 *       coordinating thread inside {@link #start} for a root. So a count may depend on what a system ordered
 *       before it built in the same phase (the predecessor's bodies happen-before the read, through the
 *       count-down). A system skipped without running (poisoned, or the phase stopped) has no count read.</li>
 *   <li>The coordinating thread then calls {@link #finish()}, which merges commands and returns the result. A
 *       backend whose coordinating thread threw may skip it (once every task it handed out has ended): the next
 *       {@link #start} still produces a correct phase.</li>
 * </ol>
 *
 * <h2>Parts</h2>
 * This class is the dependency countdown and the failure policies. Each worker index has a {@link WorkerContext}
 * (the {@code SystemContext} its bodies get, with its command log); {@link CommandMerge} merges the logs in the
 * deterministic order after the phase; {@link ReusableResult} is the result view, which knows the generation it
 * belongs to and refuses to be read once the plan started again.
 *
 * <h2>Concurrency</h2>
 * Per-system counters are {@link AtomicIntegerArray}s updated with volatile read-modify-writes: the thread whose
 * decrement reaches zero sees every write made before the other decrements (they form one modification order),
 * so the flags written before a decrement ({@code poisoned}, {@code failed}, {@code stoppedSkip}) are visible to
 * the thread that acts on zero. Outcomes start COMPLETED (written by {@link #start}) and only a FAILED or SKIPPED
 * system's is written during the phase: plain writes published by the decrement of {@code remainingSystems}; the
 * backend's own hand-off (a volatile flag, a latch) orders them before {@link #finish()} reads them.
 *
 * <h2>Release order</h2>
 * A system that is done releases its successors in successor order: each that reaches zero is reported ready at
 * once, unless it must be skipped (it is poisoned, the phase is stopped, or its entity count, read at that moment,
 * could not be);
 * those are done without running, after the first system's other successors, and release their own successors the
 * same way. It is not written as a recursion, because a chain of thousands of skipped systems would overflow the
 * stack: the releasing thread keeps the systems still to skip on a stack threaded through one per-system array
 * ({@code releaseLink}). Each system is done exactly once per phase, by one thread (the one whose decrement brought
 * it to zero), so its slot is written and read by that thread alone: plain accesses, no allocation, and a nested
 * release (a {@code ready} that runs a task inline) only ever touches its own systems' slots. Only skipped systems
 * use the array, so a phase without failures writes nothing per system but its outcome.
 *
 * <h2>Policies</h2>
 * See {@link FailurePolicy}. A failure under FAIL_FAST sets the volatile {@code stopped} flag; every task that
 * starts afterwards is skipped (its units still count down, so the phase completes). Under CONTINUE a system that
 * ends FAILED or SKIPPED poisons its successors, which are then skipped without running, transitively.
 *
 * <h2>Faults in the scheduler's own code</h2>
 * {@link #runTask}, {@link #runPiece}, {@link #completeRange}, {@link #recordTaskFailure} and {@link #failTask}
 * never throw because of the bookkeeping around a body (they throw only for misuse, such as an empty completed
 * range). A {@code Throwable} from that bookkeeping, typically an {@link OutOfMemoryError} growing a command log,
 * becomes a failure of the task's system, and the task still counts down, so a worker thread never dies of it and
 * a phase never hangs. Recording a failure sets everything that decides the outcome first, without allocating
 * (the {@code failed} flag, {@code firstFailure}, {@code stopped}); only then does it allocate the
 * {@link SystemFailure}. If that allocation fails, the failure is kept in preallocated per-system slots and listed
 * by {@link #finish()} (at most one such failure per system: later ones of the same system that cannot be
 * allocated either are dropped; its outcome and first failure are unaffected). Tests inject these faults through
 * {@code InternalFaults}.
 *
 * @param <C> the ECS's command type
 */
public final class PhaseRun<C> {

    private static final int COMPLETED = SystemOutcome.COMPLETED.ordinal();
    private static final int FAILED = SystemOutcome.FAILED.ordinal();
    private static final int SKIPPED = SystemOutcome.SKIPPED.ordinal();
    private static final int DISABLED = SystemOutcome.DISABLED.ordinal();

    private final Plan<C> plan;
    /** The plan's DAG as indices, walked by {@link #start} and the release loop. */
    private final PlanGraph graph;
    private final int systems;
    private final SchedulerListener listener;

    private final AtomicIntegerArray pendingPredecessors;
    /** Entities (or 1 for a single task) still to finish, per system. */
    private final AtomicIntegerArray remainingUnits;
    private final AtomicIntegerArray poisoned;
    private final AtomicIntegerArray failed;
    private final AtomicIntegerArray stoppedSkip;
    private final AtomicInteger remainingSystems = new AtomicInteger();
    private final int[] entityCounts;
    /**
     * Per system, how its entity count is read, fixed at construction so that a phase's start reads no spec:
     * {@link #RUNS_ONCE}, {@link #COUNTED_EACH_PHASE}, {@link #SPARSE_SET} (counted each phase too: the set's
     * size), or the fixed count itself (at least 0).
     */
    private final int[] countKinds;
    private static final int RUNS_ONCE = -1, COUNTED_EACH_PHASE = -2, SPARSE_SET = -3;
    /**
     * Per system, its body, fixed at construction (exactly one of the two is non-null): the task loop calls these
     * instead of reading the spec, one object fewer per task, which counts in a phase of thousands of systems.
     */
    private final SystemBody<C>[] onceBodies;
    private final RangeBody<C>[] rangeBodies;
    /**
     * What a pair of back-to-back clock reads measures on this machine, subtracted from each measured body so that
     * a system whose body does nothing is measured at about nothing: uncorrected, an empty body measured at the
     * clock's own cost (25 ns here) would make a phase of ten thousand empty systems look like 250 µs of work.
     */
    private static final long CLOCK_OVERHEAD_NANOS = clockOverheadNanos();
    /**
     * Per system over a sparse set, the set read when it became ready this phase (kept until then from the last
     * phase); null for a plan without such systems. Written like {@code entityCounts}, by the thread that makes
     * the system ready, and published to its tasks by their hand-off.
     */
    private final EntitySet[] entitySets;
    /**
     * Per system with a begin or end body, the stage it is in this phase (see "begin and end bodies" below); null
     * for a plan without such systems, so the only cost of the feature elsewhere is a null check where a system's
     * tasks end. Written by the thread that moves the system on (the one that ended the last task of the previous
     * stage), read by the threads running the current stage's tasks: the hand-off of those tasks orders the two.
     */
    private final byte[] stages;
    /** The entity count of a system while it is in its begin or end stage (when {@code entityCounts} is 0). */
    private final int[] stagedCounts;
    private static final byte NO_STAGE = 0, BEGIN_STAGE = 1, RANGE_STAGE = 2, END_STAGE = 3;
    /**
     * Per system, whether its run condition was false this phase; null for a plan without run conditions. Written
     * and read by the one thread that makes the system ready and then, at once, done (plain); reset by start.
     */
    private final boolean[] disabled;
    /** Per system, whether it is exclusive; null for a plan without exclusive systems. */
    private final boolean[] exclusive;
    /**
     * The exclusive system waiting for the coordinating thread ({@link #runExclusive}), or -1. Written by the thread
     * that made it ready, before its volatile write of {@code finished}, and read by the coordinating thread after
     * it saw {@code finished} (or after the backend's own hand-off from {@code phaseFinished}): plain.
     */
    private int pendingExclusive = -1;
    /** Whether an exclusive body's drain is handing commands to its sink; coordinating thread only. */
    private boolean draining;
    /** Each system's minimum batch, resolved against the configuration once (asked once per task). */
    private final int[] minBatchSizes;
    private final int[] outcomes;
    /** Each system's first failure this phase; written under the {@code failures} monitor. */
    private final Throwable[] firstFailure;
    /** Failures in the order recorded; guarded by its own monitor. */
    private final List<SystemFailure> failures = new ArrayList<>();
    /**
     * Per system, a failure whose {@link SystemFailure} could not be allocated when it was recorded, listed by
     * {@link #finish()}: its cause, and its range and worker as {@code [3s] = start, [3s+1] = end, [3s+2] = worker}.
     * All guarded by the {@code failures} monitor, like {@code anyUnlisted} (true when a slot is in use).
     */
    private final Throwable[] unlistedCause;
    private final int[] unlistedWhere;
    private boolean anyUnlisted;
    /**
     * The release stack (see "Release order"): for a system being done, the system below it on its releasing
     * thread's stack (-1 at the bottom) and its next successor to count down. Written and read only by the thread
     * that is releasing that system: plain.
     */
    private final int[] releaseLink;
    private volatile boolean stopped;
    private volatile boolean finished;
    private FailurePolicy policy = FailurePolicy.FAIL_FAST;
    private long startNanos;

    /** One reusable context per worker index, handed to the bodies that worker runs. */
    private final WorkerContext<C>[] workers;
    /**
     * Per-system nanoseconds spent in bodies in the last phase that measured them ({@link #measureBodies}); read by
     * cost-aware backends between phases.
     */
    private final AtomicLongArray systemNanos;
    /**
     * Whether phases time their bodies (two clock reads per task, about 50 ns here: half the cost of dispatching
     * an empty system). Only a backend that schedules by measured cost needs it, and not in every phase; see
     * {@link #measureBodies}. Written by the coordinating thread between phases, read by tasks after the hand-off
     * that gave them their task (which orders the write before the read): plain.
     */
    private boolean measuringBodies = true;
    /** Folded into once per phase, by {@link #finish()}: tasks executed and commands recorded per worker. */
    private final WorkerCounters[] counters;
    private final CommandMerge merge;
    /**
     * The views {@link #finish()} hands out, alternately: phase {@code g} returns {@code results[g & 1]}, so the
     * result of the phase before stays a distinct object whose stale generation its accessors detect.
     */
    private final ReusableResult<C>[] results;
    /**
     * Counts {@link #start}s: a result belongs to the generation it was finished in and is stale once this moves
     * on. Written by the coordinating thread at start; read plainly by result accessors. The user reads a result
     * on the coordinating thread or on one the result was handed to (a hand-off that orders this write before the
     * read), so the check is exact there; like {@code ArrayList}'s {@code modCount} it is a best-effort check for
     * a thread racing with the next execution, which the result's contract rules out anyway.
     */
    private int generation;

    /**
     * Makes the reusable run of a plan, without counters.
     *
     * @param plan    the plan this state serves
     * @param workers how many worker indices tasks may run on
     * @param config  the backend's configuration (default minimum batch, listener)
     */
    public PhaseRun(Plan<C> plan, int workers, SchedulerConfig config) {
        this(plan, workers, config, null);
    }

    /**
     * Makes the reusable run of a plan; it allocates here what its phases reuse.
     *
     * @param plan     the plan this state serves
     * @param workers  how many worker indices tasks may run on
     * @param config   the backend's configuration (default minimum batch, listener)
     * @param counters per-worker counters to which {@link #finish()} adds the phase's tasks executed and commands
     *                 recorded per worker index (so they are exact once {@code execute} returns), or null. Busy
     *                 time, steals and idling are the backend's to count: only it knows when a worker is busy.
     */
    @SuppressWarnings("unchecked")
    public PhaseRun(Plan<C> plan, int workers, SchedulerConfig config, WorkerCounters[] counters) {
        this.plan = Objects.requireNonNull(plan, "plan");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
        this.graph = PlanGraph.of(plan);
        this.systems = plan.systemCount();
        this.listener = GuardedListener.of(config);
        this.pendingPredecessors = new AtomicIntegerArray(systems);
        this.remainingUnits = new AtomicIntegerArray(systems);
        this.poisoned = new AtomicIntegerArray(systems);
        this.failed = new AtomicIntegerArray(systems);
        this.stoppedSkip = new AtomicIntegerArray(systems);
        this.entityCounts = new int[systems];
        this.minBatchSizes = new int[systems];
        this.countKinds = new int[systems];
        this.onceBodies = new SystemBody[systems];
        this.rangeBodies = new RangeBody[systems];
        boolean anySparse = false;
        boolean anyBracketed = false;
        boolean anyConditional = false;
        boolean anyExclusive = false;
        for (int s = 0; s < systems; s++) {
            SystemSpec<C> spec = plan.system(s);
            if (spec.isEntityParallel()) {
                rangeBodies[s] = spec.rangeBody();
            } else {
                onceBodies[s] = spec.body();
            }
            int own = spec.minBatchSize();
            minBatchSizes[s] = own == SystemSpec.DEFAULT_MIN_BATCH ? config.minBatchSize() : own;
            countKinds[s] = !spec.isEntityParallel() ? RUNS_ONCE : spec.isSparse() ? SPARSE_SET
                    : spec.fixedEntityCount() >= 0 ? spec.fixedEntityCount() : COUNTED_EACH_PHASE;
            anySparse |= spec.isSparse();
            anyBracketed |= spec.beginBody() != null || spec.endBody() != null;
            anyConditional |= spec.runCondition() != null;
            anyExclusive |= spec.isExclusive();
            entityCounts[s] = Math.max(0, countKinds[s]); // a supplied count is read when ready (countWhenReady)
        }
        this.entitySets = anySparse ? new EntitySet[systems] : null;
        this.stages = anyBracketed ? new byte[systems] : null;
        this.stagedCounts = anyBracketed ? new int[systems] : null;
        this.disabled = anyConditional ? new boolean[systems] : null;
        this.exclusive = anyExclusive ? new boolean[systems] : null;
        for (int s = 0; anyExclusive && s < systems; s++) {
            exclusive[s] = plan.system(s).isExclusive();
        }
        this.outcomes = new int[systems];
        this.firstFailure = new Throwable[systems];
        this.unlistedCause = new Throwable[systems];
        this.unlistedWhere = new int[3 * systems];
        this.releaseLink = new int[systems];
        this.workers = new WorkerContext[workers];
        for (int w = 0; w < workers; w++) {
            this.workers[w] = new WorkerContext<>(this, w);
        }
        if (counters != null && counters.length < workers) {
            throw new IllegalArgumentException("counters must have one entry per worker (" + workers + ") but has "
                    + counters.length);
        }
        this.counters = counters;
        this.systemNanos = new AtomicLongArray(systems);
        this.merge = new CommandMerge(systems, this.workers, outcomes);
        this.results = new ReusableResult[] {new ReusableResult<>(this), new ReusableResult<>(this)};
    }

    /** {@return the plan} */
    public Plan<C> plan() {
        return plan;
    }

    /** {@return the number of worker indices} */
    public int workerCount() {
        return workers.length;
    }

    /** {@return the policy of the current (or last) phase} */
    public FailurePolicy policy() {
        return policy;
    }

    /**
     * Sets whether the phases from the next {@link #start} on time their bodies for {@link #systemNanos} (default
     * true). Timing costs two clock reads per task; a backend that orders work by measured cost can measure some
     * phases and skip the clock in the others. Call between phases, on the coordinating thread.
     *
     * @param on whether to time the bodies
     */
    public void measureBodies(boolean on) {
        this.measuringBodies = on;
    }

    /** {@return whether the current (or last) phase times its bodies (see {@link #measureBodies})} */
    public boolean isMeasuringBodies() {
        return measuringBodies;
    }

    /**
     * Whether the backend has nothing left to drive: every system of the current phase has an outcome, or the
     * phase waits for an exclusive system that the coordinating thread must run ({@link #exclusivePending()} is
     * then its position; {@code AbstractSchedulerBackend} runs it with {@link #runExclusive} and drives again).
     *
     * @return true if nothing is left to drive
     */
    public boolean isFinished() {
        return finished;
    }

    /**
     * The exclusive system waiting for the coordinating thread, or -1. When one becomes ready (nothing else of the
     * phase can be running then: it conflicts with every other system, so each is ordered before or after it),
     * the run reports it to no backend: it marks the run {@link #isFinished() finished} for now and calls
     * {@link ReadyHandler#phaseFinished}, so that the backend's drive returns to the coordinating thread, which
     * runs it ({@link #runExclusive}). Read it on the coordinating thread once the drive returned.
     *
     * @return the waiting exclusive system's position, or -1
     */
    public int exclusivePending() {
        return pendingExclusive;
    }

    /**
     * Runs the waiting exclusive system on the calling thread (the coordinating one) as {@code worker}, as one
     * task over all its entities, and releases its successors through {@code handler} on this thread: the phase
     * goes on, and the backend must drive it again. Never throws for the system's failure (it is recorded).
     *
     * @param worker  the calling thread's worker index
     * @param handler where the system's successors are reported ready
     * @throws IllegalStateException if no exclusive system is waiting
     */
    public void runExclusive(int worker, ReadyHandler handler) {
        int s = pendingExclusive;
        if (s < 0 || !finished) {
            throw new IllegalStateException("phase '" + plan.name() + "' has no exclusive system waiting");
        }
        pendingExclusive = -1;
        finished = false; // volatile: the phase goes on; nothing of it runs before the successors are released
        runTask(worker, s, 0, wholeEnd(s), handler);
    }

    /**
     * {@code SystemContext.drainCommands} of {@code w}: allowed only while {@code w} runs an exclusive system's body
     * (on the coordinating thread, nothing else of the phase running), and not from inside a drain's sink. The
     * merge runs early over the logs present ({@link CommandMerge#drain}).
     */
    void drainCommands(WorkerContext<C> w, java.util.function.Consumer<? super C> sink) {
        int s = w.system;
        if (s < 0) {
            throw new IllegalStateException("phase '" + plan.name() + "': drainCommands was called outside the"
                    + " task its context was handed to");
        }
        if (exclusive == null || !exclusive[s]) {
            throw new IllegalStateException("system '" + plan.system(s).name() + "' is not exclusive: only the"
                    + " body of an exclusive system (SystemSpec.Builder.exclusive()) may drain the phase's"
                    + " commands");
        }
        if (draining) {
            throw new IllegalStateException("system '" + plan.system(s).name() + "' called drainCommands from"
                    + " the sink of its own drain");
        }
        draining = true;
        try {
            merge.drain(w, sink);
        } finally {
            draining = false;
        }
    }

    /**
     * An exclusive system is ready: the backend's drive returns (see {@link #exclusivePending()}). Called last
     * in what the releasing thread does with this system; what it does afterwards touches no per-worker state.
     */
    private void pauseForExclusive(int worker, int system, ReadyHandler handler) {
        pendingExclusive = system; // plain, published by the volatile write below
        finished = true;
        handler.phaseFinished(worker);
    }

    /**
     * Whether the system runs as range tasks this phase: entity-parallel with at least one entity.
     *
     * @param system the system's position in the plan
     * @return true if it runs as range tasks
     */
    public boolean isSplittable(int system) {
        return entityCounts[system] > 0; // 0 for a system that runs once, or whose count failed (countWhenReady)
    }

    /**
     * The system's entity count this phase: its fixed count, 0 for a system that runs once, or the count its
     * supplier gave when the system became ready. Before that (and for a system skipped this phase) a supplied
     * count is the one read in an earlier phase, 0 if none: an estimate, for a backend that plans ahead. Read it
     * on the thread the system was reported ready on, or one its task was handed to.
     *
     * @param system the system's position in the plan
     * @return the count, 0 for a system that runs once
     */
    public int entityCount(int system) {
        return entityCounts[system];
    }

    /**
     * The end of a task that covers the whole system this phase: its entity count if it runs as range tasks
     * ({@link #isSplittable}), else 0 (the {@code [0, 0)} of a system that runs once, or of a ranged system with no
     * entities). Read it where {@link #entityCount} may be read.
     *
     * @param system the system's position in the plan
     * @return the whole task's end
     */
    public int wholeEnd(int system) {
        return isSplittable(system) ? entityCounts[system] : 0;
    }

    /**
     * The smallest range the backend may hand the system.
     *
     * @param system the system's position in the plan
     * @return the system's own minimum, else the configuration's
     */
    public int minBatchSize(int system) {
        return minBatchSizes[system];
    }

    /**
     * Starts a phase: resets the state and reports the roots ready (in declaration order) on the calling thread.
     * A plan with no systems finishes here.
     *
     * <p>The reset covers everything {@link #finish()} would have cleared, so a phase abandoned between start and
     * finish (its coordinating thread threw) leaves nothing behind: its commands, failures, outcomes and counts
     * are gone. Call it only when no task of the previous phase can still run. It costs a few stores per worker
     * and allocates nothing. Per-worker state is touched only before the first root is reported, so tasks the
     * handler hands to other threads meanwhile may run on any worker index, {@code worker} included.
     *
     * @param policy  the phase's failure policy
     * @param worker  the worker index of the calling thread, passed to the handler
     * @param handler receives the roots, on the calling thread
     */
    public void start(FailurePolicy policy, int worker, ReadyHandler handler) {
        this.policy = Objects.requireNonNull(policy, "policy");
        generation++; // plain: every result handed out so far is stale from here (see the field)
        this.startNanos = System.nanoTime();
        stopped = false;
        finished = false;
        pendingExclusive = -1;
        // Plain resets from here: no other thread looks at this run until the backend hands it a task, and that
        // hand-off (a queue or deque publication, or starting a thread) orders these writes before anything it
        // reads.
        failures.clear();
        Arrays.fill(firstFailure, null);
        if (anyUnlisted) { // only after a failure could not be allocated, and the phase was not finished
            Arrays.fill(unlistedCause, null);
            anyUnlisted = false;
        }
        for (WorkerContext<C> w : workers) {
            w.tasksExecuted = 0;
            w.commandsRecorded = 0;
            w.pendingNanos = 0;
            w.log.reset(); // empty already unless the last phase was abandoned before its merge
        }
        for (int s = 0; s < systems; s++) {
            pendingPredecessors.setPlain(s, graph.predecessorCount(s));
            clearPlain(poisoned, s);
            clearPlain(failed, s);
            clearPlain(stoppedSkip, s);
            if (outcomes[s] != COMPLETED) {
                // COMPLETED until a failure or skip says otherwise (see release); the test saves a store, as in
                // clearPlain, since a steady state leaves every entry COMPLETED.
                outcomes[s] = COMPLETED;
            }
        }
        if (measuringBodies) {
            for (int s = 0; s < systems; s++) {
                systemNanos.setPlain(s, 0);
            }
        }
        if (stages != null) {
            resetStages();
        }
        if (disabled != null) {
            Arrays.fill(disabled, false);
        }
        for (int s = 0; s < systems; s++) {
            // A supplied count is read, and its units set again, when the system becomes ready (countWhenReady).
            remainingUnits.setPlain(s, Math.max(1, entityCounts[s]));
        }
        remainingSystems.set(systems);
        if (systems == 0) {
            finished = true;
            handler.phaseFinished(worker);
            return;
        }
        for (int k = 0, roots = graph.rootCount(); k < roots; k++) {
            becomeReady(worker, graph.root(k), handler);
        }
    }

    /** The least of many back-to-back clock-read pairs: the clock's own cost in a measured interval. */
    private static long clockOverheadNanos() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 1_000; i++) {
            long t0 = System.nanoTime();
            least = Math.min(least, System.nanoTime() - t0);
        }
        return Math.max(0, least);
    }

    /**
     * Zeroes a flag that is almost always zero already, without storing when it is: a store of the same value
     * still takes the cache line from the cores that read it last phase.
     */
    private static void clearPlain(AtomicIntegerArray flags, int i) {
        if (flags.getPlain(i) != 0) {
            flags.setPlain(i, 0);
        }
    }

    /**
     * Asks a ready system's run condition, on the thread making it ready; true if the system is disabled this
     * phase (it is then done at once, DISABLED, with no task), or failed because the condition threw (done at once,
     * FAILED). False for a system without a condition.
     */
    private boolean disabledWhenReady(int s, int worker) {
        BooleanSupplier condition = plan.system(s).runCondition();
        if (condition == null) {
            return false;
        }
        try {
            if (condition.getAsBoolean()) {
                return false;
            }
            disabled[s] = true;
        } catch (Throwable t) {
            recordFailure(s, 0, 0, worker, t);
        }
        return true;
    }

    /**
     * Reads a supplied entity count as the system becomes ready, on the thread making it ready, and sets its units
     * to match; one branch for a system without a supplier. Returns false if the count failed (negative, or the
     * supplier threw): the failure is recorded, and the caller ends the system FAILED without running it. The
     * count is a plain write, published to other threads by the hand-off of the system's tasks (or, after the
     * phase, by its completion).
     */
    private boolean countWhenReady(int s, int worker) {
        int kind = countKinds[s];
        if (kind > COUNTED_EACH_PHASE) {
            return true;
        }
        SystemSpec<C> spec = plan.system(s);
        int n;
        try {
            if (kind == SPARSE_SET) {
                EntitySet set = spec.entitySet().get();
                if (set == null) {
                    throw new NullPointerException("system '" + spec.name() + "': its entity set supplier gave null");
                }
                entitySets[s] = set;
                n = set.size();
            } else {
                n = spec.entityCount().getAsInt();
            }
            if (n < 0) {
                recordFailure(s, 0, 0, worker, new IllegalStateException("system '" + spec.name()
                        + "': entity count must be >= 0 but was " + n));
            }
        } catch (Throwable t) {
            recordFailure(s, 0, 0, worker, t);
            n = -1;
        }
        entityCounts[s] = Math.max(0, n);
        remainingUnits.setPlain(s, Math.max(1, n));
        return n >= 0;
    }

    /**
     * Runs one task of a ready system on the calling thread (unless FAIL_FAST has stopped the phase), records its
     * commands or its failure, and, if it was the system's last task, releases the system's successors through
     * {@code handler} on this thread. The same as {@link #runPiece} followed by {@link #completeRange} for a range,
     * or by the system's completion for a system that runs once. Never throws for a fault of the bookkeeping
     * around the body (see the class comment): such a fault fails the system and the task still counts.
     *
     * @param worker  the calling thread's worker index
     * @param system  the ready system's position in the plan
     * @param start   range start ({@code 0} for a single task)
     * @param end     range end, exclusive ({@code 0} for a single task)
     * @param handler receives the successors this task releases, on this thread
     * @return false if the task was skipped (FAIL_FAST had stopped the phase), true if it ran (its body was
     *         called, or the task failed before the body could be)
     */
    public boolean runTask(int worker, int system, int start, int end, ReadyHandler handler) {
        boolean ran = runPiece(worker, system, start, end);
        if (isSplittable(system)) {
            completeRange(worker, system, end - start, handler);
        } else if (stages != null && stages[system] != NO_STAGE) {
            stageSingleTaskDone(worker, system, handler); // a begin or end task, or the ranges of an empty system
        } else {
            // A system that runs once has this one task: nobody else writes its duration, and systemDone's
            // countdown (remainingSystems, a volatile read-modify-write) publishes it to whoever reads it after
            // the phase. Saves a contended read-modify-write per task on phases of many small systems.
            if (measuringBodies) {
                WorkerContext<C> w = workers[worker];
                systemNanos.setRelease(system, w.pendingNanos);
                w.pendingNanos = 0;
            }
            systemDone(worker, system, handler); // ... and is done with it
        }
        return ran;
    }

    /**
     * Runs the body over one piece of a range on the calling thread (unless FAIL_FAST has stopped the phase) and
     * records its commands or its failure, without counting the piece as done: a backend that cuts one range task
     * into several pieces reports them together with {@link #completeRange} once the task is over, so that the
     * system's shared counters see one update per task instead of one per piece. Until then the calling worker may
     * run pieces of this system only. Never throws for a fault of the bookkeeping around the body.
     *
     * @param worker the calling thread's worker index
     * @param system the range system's position in the plan
     * @param start  the piece's first entity
     * @param end    the piece's end entity, exclusive
     * @return false if the piece was skipped (FAIL_FAST had stopped the phase), true if it ran (or failed before
     *         its body could be called)
     */
    public boolean runPiece(int worker, int system, int start, int end) {
        if (policy == FailurePolicy.FAIL_FAST && stopped) {
            stoppedSkip.set(system, 1);
            return false;
        }
        WorkerContext<C> w = workers[worker];
        w.tasksExecuted++;
        if (measuringBodies) {
            long t0 = System.nanoTime();
            invokeBody(w, system, start, end);
            // Folded into systemNanos once per task (completeRange, or runTask for a single).
            w.pendingNanos += Math.max(0, System.nanoTime() - t0 - CLOCK_OVERHEAD_NANOS);
        } else {
            invokeBody(w, system, start, end);
        }
        w.commandsRecorded += w.lastCommandCount;
        return true;
    }

    /**
     * Counts {@code entities} of a range system, run by {@link #runPiece} on this worker, as done; when they are the
     * system's last, releases its successors through {@code handler} on this thread. Allocates nothing.
     *
     * @param worker   the calling thread's worker index, the one that ran the pieces
     * @param system   the range system's position in the plan
     * @param entities how many entities the finished task covered
     * @param handler  receives the successors released, on this thread
     * @throws IllegalArgumentException if {@code entities <= 0} (misuse: the system could be done twice)
     */
    public void completeRange(int worker, int system, int entities, ReadyHandler handler) {
        checkRange(system, entities);
        WorkerContext<C> w = workers[worker];
        if (w.pendingNanos != 0) { // zero when every piece was skipped
            systemNanos.addAndGet(system, w.pendingNanos);
            w.pendingNanos = 0;
        }
        if (remainingUnits.addAndGet(system, -entities) == 0) {
            if (stages != null && stages[system] != NO_STAGE) {
                stageTaskDone(worker, system, handler); // the last range: the end body, if any, comes next
            } else {
                systemDone(worker, system, handler);
            }
        }
    }

    private void checkRange(int system, int entities) {
        if (entities <= 0) { // zero would let a finished system finish again
            throw new IllegalArgumentException("system '" + plan.system(system).name()
                    + "': a completed range must hold at least one entity but held " + entities);
        }
    }

    /**
     * Calls the body with everything around it inside one try: opening the log segment (which may grow the log,
     * and so allocate) and the listener's callbacks (guarded, so they should not throw) fail the task exactly like
     * the body would. Never throws.
     */
    private void invokeBody(WorkerContext<C> w, int system, int start, int end) {
        boolean threw = false;
        try {
            w.begin(system, start, end, stages == null ? start : mergeKey(system, start));
            if (listener != null) {
                listener.taskStarted(w.index, plan, system, start, end, System.nanoTime());
            }
            SystemBody<C> once = onceBodies[system];
            if (once != null) {
                once.run(w);
            } else {
                SystemSpec<C> spec = plan.system(system); // range tasks are few and long: the spec's read is cheap
                if (end > start) {
                    IdRangeBody<C> ids = spec.idRangeBody();
                    if (ids == null) {
                        rangeBodies[system].run(start, end, w);
                    } else {
                        ids.run(entitySets[system], start, end, w); // the set read when the system became ready
                    }
                } else if (stages != null) {
                    runStageBody(spec, system, w); // [0, 0) of a bracketed system: its begin or end body
                }
            }
        } catch (Throwable t) {
            threw = true;
            recordFailure(system, start, end, w.index, t);
        } finally {
            w.lastCommandCount = w.log.end(); // 0 if begin failed: no segment was opened
            w.system = -1;
        }
        if (listener != null) {
            try {
                listener.taskFinished(w.index, plan, system, start, end, threw, System.nanoTime());
            } catch (Throwable t) {
                recordFailure(system, start, end, w.index, t);
            }
        }
    }

    // ---- begin and end bodies (SystemSpec.Builder.begin / end) -------------------------------------------------

    /*
     * A system with a begin or end body goes through stages, each reported ready to the backend in turn, so that
     * no backend needs to know about them: BEGIN is one task [0, 0) (isSplittable false) that runs the begin body;
     * RANGE is the system's ranges as usual; END is one task [0, 0) that runs the end body. The thread that ends
     * the last task of a stage moves the system to the next and reports it ready again (ReadyHandler.ready may so
     * be called up to three times for one system in a phase, each after the previous stage's tasks all ended),
     * or, when a stage failed or was skipped (or it was the last), is done with it. While in BEGIN or END,
     * entityCounts holds 0 (so isSplittable is false for every backend) and the real count waits in stagedCounts.
     * A system without a begin body starts in RANGE; one without an end body is done when its ranges are.
     */

    /** Restores counts a phase left in a begin or end stage (a fault can end a stage's task early). */
    private void resetStages() {
        for (int s = 0; s < systems; s++) {
            if (stages[s] == BEGIN_STAGE || stages[s] == END_STAGE) {
                entityCounts[s] = stagedCounts[s];
            }
            stages[s] = NO_STAGE;
        }
    }

    /** The system is ready (its count read): enter its first stage; nothing for a system without begin or end. */
    private void enterFirstStage(int s) {
        SystemSpec<C> spec = plan.system(s);
        if (spec.beginBody() != null) {
            enterSingleTaskStage(s, BEGIN_STAGE);
        } else if (spec.endBody() != null) {
            stages[s] = RANGE_STAGE;
        }
    }

    /** The system runs one task [0, 0) next: its begin or end body. */
    private void enterSingleTaskStage(int s, byte stage) {
        stagedCounts[s] = entityCounts[s];
        entityCounts[s] = 0;
        remainingUnits.setPlain(s, 1); // plain: published with the stage by the task's hand-off
        stages[s] = stage;
    }

    /**
     * The last task of a stage ended on this thread: the system moves to its next stage and is reported ready
     * again, or, if the stage failed or was skipped (or it was the last), it is done. A stage about to start once
     * FAIL_FAST stopped the phase is skipped, as a system becoming ready then would be.
     */
    private void stageTaskDone(int worker, int s, ReadyHandler handler) {
        byte stage = stages[s];
        boolean ok = failed.get(s) == 0 && stoppedSkip.get(s) == 0;
        if (stage == BEGIN_STAGE || stage == END_STAGE) {
            entityCounts[s] = stagedCounts[s];
        }
        if (ok && stage == BEGIN_STAGE) {
            stages[s] = RANGE_STAGE;
            remainingUnits.setPlain(s, Math.max(1, entityCounts[s]));
            if (!stoppedBeforeStage(s)) {
                handler.ready(worker, s);
                return;
            }
        } else if (ok && stage == RANGE_STAGE && plan.system(s).endBody() != null) {
            if (!stoppedBeforeStage(s)) {
                enterSingleTaskStage(s, END_STAGE);
                handler.ready(worker, s);
                return;
            }
        }
        stages[s] = NO_STAGE;
        systemDone(worker, s, handler);
    }

    /** A single task of a staged system ended: its time adds to the system's (a stage is one of several tasks). */
    private void stageSingleTaskDone(int worker, int system, ReadyHandler handler) {
        WorkerContext<C> w = workers[worker];
        if (w.pendingNanos != 0) {
            systemNanos.addAndGet(system, w.pendingNanos);
            w.pendingNanos = 0;
        }
        stageTaskDone(worker, system, handler);
    }

    /** Whether FAIL_FAST has stopped the phase before the system's next stage; if so, marks it skipped. */
    private boolean stoppedBeforeStage(int s) {
        if (policy == FailurePolicy.FAIL_FAST && stopped) {
            stoppedSkip.set(s, 1);
            return true;
        }
        return false;
    }

    /** Runs the begin or end body of a bracketed system's single-task stage. */
    private void runStageBody(SystemSpec<C> spec, int system, WorkerContext<C> w) throws Exception {
        byte stage = stages[system];
        if (stage == BEGIN_STAGE) {
            spec.beginBody().run(w);
        } else if (stage == END_STAGE) {
            spec.endBody().run(w);
        }
    }

    /**
     * The range start under which a task's commands are merged: its range start, except a begin body's (-1: before
     * every range) and an end body's ({@code Integer.MAX_VALUE}: after every range, which all start below it).
     */
    private int mergeKey(int system, int start) {
        byte stage = stages[system];
        return stage == BEGIN_STAGE ? -1 : stage == END_STAGE ? Integer.MAX_VALUE : start;
    }

    /**
     * Nanoseconds the system's bodies took in the last phase that measured them ({@link #measureBodies}), summed
     * over its tasks. Exact once that phase is finished; backends use it for cost-aware scheduling.
     *
     * @param system the system's position in the plan
     * @return the summed nanoseconds
     */
    public long systemNanos(int system) {
        return systemNanos.get(system);
    }

    /**
     * Commands recorded by the last task {@link #runTask} ran on {@code worker}.
     *
     * @param worker a worker index
     * @return the command count
     */
    public int lastTaskCommandCount(int worker) {
        return workers[worker].lastCommandCount;
    }

    /**
     * Records a {@code Throwable} that the backend's own code hit while it ran (or prepared to run) a task of the
     * system over {@code [start, end)}, such as an {@link OutOfMemoryError} allocating a range task: the system
     * ends FAILED exactly as if its body had thrown there, and under FAIL_FAST the phase stops. The backend must
     * still count the task's entities done ({@link #completeRange}) so that the phase completes, or end the task
     * with {@link #failTask} instead of calling this. Never throws; see the class comment for a failure that cannot
     * be allocated.
     *
     * @param worker  the calling thread's worker index
     * @param system  the system's position in the plan
     * @param start   the task's first entity ({@code 0} for a system that runs once)
     * @param end     the task's end entity, exclusive ({@code 0} for a system that runs once)
     * @param failure what the backend's code threw
     */
    public void recordTaskFailure(int worker, int system, int start, int end, Throwable failure) {
        recordFailure(system, start, end, worker, failure);
    }

    /**
     * Ends a task that the backend could not run because its own code failed (allocating the task, handing it to
     * a thread, ...): records {@code failure} as {@link #recordTaskFailure} does, then counts the task done as
     * {@link #runTask} would have, releasing the system's successors through {@code handler} on this thread if it
     * was the system's last task. For a system that runs once pass {@code [0, 0)}: the system is done (FAILED). For
     * a range system pass the range that will not run; its entities are counted done.
     *
     * <p>Touches no per-worker state, so it may be called from {@link ReadyHandler#ready} on any thread, the
     * coordinating thread inside {@link #start} included. Never throws, except for misuse.
     *
     * @param worker  the calling thread's worker index (reported in the failure and passed to the handler)
     * @param system  the system's position in the plan
     * @param start   the first entity that will not run ({@code 0} for a system that runs once)
     * @param end     the end of the range that will not run, exclusive ({@code 0} for a system that runs once)
     * @param failure what the backend's code threw
     * @param handler receives the successors released, on this thread
     * @throws IllegalArgumentException if the system is splittable and {@code end <= start}
     */
    public void failTask(int worker, int system, int start, int end, Throwable failure, ReadyHandler handler) {
        if (isSplittable(system)) {
            checkRange(system, end - start);
            recordFailure(system, start, end, worker, failure);
            if (remainingUnits.addAndGet(system, -(end - start)) == 0) { // volatile RMW, after the failed flag
                systemDone(worker, system, handler);
            }
        } else {
            recordFailure(system, start, end, worker, failure);
            systemDone(worker, system, handler);
        }
    }

    /**
     * Records a failure of the system. Never throws: everything that decides the phase's course is set first,
     * without allocating; the {@link SystemFailure} is allocated last, and kept for {@link #finish()} to list if
     * that allocation fails.
     */
    private void recordFailure(int system, int start, int end, int worker, Throwable t) {
        failed.set(system, 1); // volatile write, before the task's countdown: seen by whoever completes the system
        if (policy == FailurePolicy.FAIL_FAST) {
            stopped = true;    // volatile write: tasks that start after it see it and are skipped
        }
        synchronized (failures) {
            if (firstFailure[system] == null) {
                firstFailure[system] = t; // plain under the monitor; read after the phase (see finish)
            }
            try {
                InternalFaults.check(InternalFaults.Site.FAILURE_RECORD);
                failures.add(failureOf(system, start, end, worker, t));
            } catch (Throwable cannotList) { // out of memory: nothing was added (ArrayList grows before storing)
                if (unlistedCause[system] == null) {
                    unlistedCause[system] = t;
                    unlistedWhere[3 * system] = start;
                    unlistedWhere[3 * system + 1] = end;
                    unlistedWhere[3 * system + 2] = worker;
                    anyUnlisted = true;
                }
            }
        }
    }

    /**
     * The failure of a task: for a system over a sparse set, with the ids at the range's first and last position
     * (a set whose {@code id} throws gives -1: the failure is reported anyway).
     */
    private SystemFailure failureOf(int system, int start, int end, int worker, Throwable t) {
        String name = plan.system(system).name();
        if (entitySets == null || entitySets[system] == null || end <= start) {
            return new SystemFailure(name, system, start, end, worker, t);
        }
        int first = -1;
        int last = -1;
        try {
            first = entitySets[system].id(start);
            last = entitySets[system].id(end - 1);
        } catch (RuntimeException brokenSet) {
            t.addSuppressed(brokenSet);
        }
        return new SystemFailure(name, system, start, end, worker, t, first, last);
    }

    /** The sparse set the system runs over this phase, or null (see {@link WorkerContext#entitySet()}). */
    EntitySet entitySet(int system) {
        return entitySets == null ? null : entitySets[system];
    }

    /** Lists the failures that could not be allocated when they happened, by system position. */
    private void listUnlisted() {
        synchronized (failures) {
            for (int s = 0; s < systems; s++) {
                Throwable t = unlistedCause[s];
                if (t != null) {
                    failures.add(failureOf(s, unlistedWhere[3 * s], unlistedWhere[3 * s + 1],
                            unlistedWhere[3 * s + 2], t));
                    unlistedCause[s] = null;
                }
            }
            anyUnlisted = false;
        }
    }

    /** A ready root either gets scheduled or, when it must be skipped, is done at once (releasing its successors). */
    private void becomeReady(int worker, int system, ReadyHandler handler) {
        if (skipsWhenReady(system) || (disabled != null && disabledWhenReady(system, worker))
                || !countWhenReady(system, worker)) {
            systemDone(worker, system, handler);
        } else {
            if (stages != null) {
                enterFirstStage(system);
            }
            if (exclusive != null && exclusive[system]) {
                pauseForExclusive(worker, system, handler);
            } else {
                handler.ready(worker, system);
            }
        }
    }

    /**
     * Whether a system whose predecessors are all done is done at once instead of running: it has already failed
     * (FAILED), or it is poisoned, or FAIL_FAST has stopped the phase (SKIPPED). A system that passes this has its
     * entity count read next ({@link #countWhenReady}), which may still fail it.
     */
    private boolean skipsWhenReady(int system) {
        if (failed.get(system) != 0) {
            return true;
        }
        if (poisoned.get(system) != 0 || (policy == FailurePolicy.FAIL_FAST && stopped)) {
            stoppedSkip.set(system, 1);
            return true;
        }
        return false;
    }

    /**
     * The system has its outcome: releases its successors and counts it done, in the depth-first order described
     * under "Release order", on an explicit stack (constant Java stack, no allocation). Successors that must be
     * skipped are pushed and done here; the others are handed to {@code handler.ready}, which may re-enter this
     * run (a backend running the task inline): the nested call has its own stack and touches only its own
     * systems' slots. {@code remainingSystems} drops when a system leaves the stack, after its skipped
     * descendants, as in the recursion.
     */
    private void systemDone(int worker, int system, ReadyHandler handler) {
        int skipped = release(worker, system, -1, handler);
        while (skipped >= 0) { // successors to skip, released the same way: a loop, not a recursion (see above)
            int s = skipped;
            skipped = release(worker, s, releaseLink[s], handler);
        }
    }

    /**
     * Gives a done system its outcome, counts its successors down (each that reaches zero is reported ready, or,
     * if it must be skipped, pushed on the release stack {@code skipped}), and counts the system done. Returns the
     * new top of the stack. Only systems that are skipped touch {@code releaseLink}, so the common path writes
     * nothing per system but its outcome.
     */
    private int release(int worker, int system, int skipped, ReadyHandler handler) {
        int outcome = failed.get(system) != 0 ? FAILED : stoppedSkip.get(system) != 0 ? SKIPPED : COMPLETED;
        if (outcome == COMPLETED && disabled != null && disabled[system]) {
            outcome = DISABLED; // poisons nothing: its successors go on as after a completed system
        }
        if (outcome != COMPLETED) {
            // start set COMPLETED; writing only the exceptions keeps the workers from stealing the array's lines
            // from each other once per system (neighbouring systems finish on different workers).
            outcomes[system] = outcome;
        }
        for (int k = 0, n = graph.successorCount(system); k < n; k++) {
            int next = graph.successor(system, k);
            if (outcome == FAILED || outcome == SKIPPED) {
                poisoned.set(next, 1); // volatile write, ordered before our decrement below
            }
            if (pendingPredecessors.decrementAndGet(next) == 0) {
                if (skipsWhenReady(next) || (disabled != null && disabledWhenReady(next, worker))
                        || !countWhenReady(next, worker)) {
                    releaseLink[next] = skipped; // plain: only this thread, whose decrement reached zero, owns it
                    skipped = next;
                } else {
                    if (stages != null) {
                        enterFirstStage(next);
                    }
                    if (exclusive != null && exclusive[next]) {
                        pauseForExclusive(worker, next, handler);
                    } else {
                        handler.ready(worker, next);
                    }
                }
            }
        }
        // Counted done before its skipped successors are: they are still pending, so this cannot reach zero early.
        if (remainingSystems.decrementAndGet() == 0) {
            finished = true;
            handler.phaseFinished(worker);
        }
        return skipped;
    }

    /**
     * Ends the phase: lists any failure that could not be allocated when it happened, merges the completed
     * systems' commands in the deterministic order and returns the result (this object's reusable view). Call only
     * after {@link ReadyHandler#phaseFinished}, on the thread that observed it (or one ordered after it). The result
     * is valid until the next {@link #start} of this run; used after that, its accessors throw
     * {@link IllegalStateException} (at least the result of the phase before the current one: results alternate
     * between two views, see {@code results}). It runs
     * on the coordinating thread, outside any task: if memory is still short, it may throw
     * {@link OutOfMemoryError} to its caller (and the next {@link #start} resets the run as usual).
     *
     * @return the phase's result, a reused view
     */
    public PhaseResult<C> finish() {
        if (!finished || pendingExclusive >= 0) {
            throw new IllegalStateException("phase '" + plan.name() + "' has not finished");
        }
        // Plain read: written under the failures monitor by a task before its countdown, which the phase's
        // completion (and the backend's hand-off to this thread) orders before this read.
        if (anyUnlisted) {
            listUnlisted();
        }
        long duration = System.nanoTime() - startNanos;
        int executed = 0;
        for (WorkerContext<C> w : workers) {
            executed += w.tasksExecuted;
            if (counters != null) {
                // Once per phase instead of per task: the counters are exact when execute returns, and a task
                // writes nothing to a line that a statistics reader may be reading.
                // A worker that ran nothing (every worker but the caller, in a phase run inline) is skipped: an
                // add of zero would still store into the line that worker writes its own counters to.
                WorkerCounters c = counters[w.index];
                if (w.tasksExecuted != 0) {
                    c.add(WorkerCounters.TASKS_EXECUTED, w.tasksExecuted);
                }
                if (w.commandsRecorded != 0) {
                    c.add(WorkerCounters.COMMANDS_RECORDED, w.commandsRecorded);
                }
            }
            w.commandsRecorded = 0;
        }
        merge.run();
        ReusableResult<C> result = results[generation & 1];
        result.publish(generation, duration, executed);
        return result;
    }

    // ---- read by ReusableResult (on the coordinating thread, after finish) ----------------------------------------

    int generation() {
        return generation;
    }

    int outcomeOrdinal(int system) {
        return outcomes[system];
    }

    Throwable firstFailure(int system) {
        return firstFailure[system];
    }

    List<SystemFailure> failureList() {
        return failures;
    }

    CommandMerge merge() {
        return merge;
    }

    int systemCount() {
        return systems;
    }
}
