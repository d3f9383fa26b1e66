package org.ecsched.scheduler.api.backend;

import java.util.Objects;
import java.util.function.Function;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;

/**
 * The outline every backend's {@code execute} follows, written once: extend it and write how a started phase is
 * driven to its end. The JDK's {@code AbstractExecutorService} does the same for {@code ThreadPoolExecutor} and
 * {@code ForkJoinPool}, and slf4j's {@code helpers.AbstractLogger} for logging providers.
 *
 * <h2>What {@link #execute} does, in order</h2>
 * <ol>
 *   <li>Rejects a null plan or policy, then claims the backend through its {@link ExecutionGuard} (closed,
 *       concurrent and re-entrant misuse fail here, before any state is touched; {@link #isOwnThread()} tells the
 *       guard whether the caller is one of the backend's threads).</li>
 *   <li>Runs the plan's before-each-run hooks ({@code Phase.Builder.beforeEachRun}) on the calling thread; if
 *       one throws, {@code execute} throws it and nothing else happens (the guard is released).</li>
 *   <li>Numbers the phase and finds the plan's {@link PhaseRun} and the backend's per-plan state in a
 *       {@link PlanRunCache} (made on a miss by {@link #newPlanState}; nothing is allocated on a hit).</li>
 *   <li>Sends {@code phaseStarted} to the configured listener, shielded by {@link GuardedListener}.</li>
 *   <li>Starts the run on the calling thread as worker 0, the per-plan state receiving the ready systems.</li>
 *   <li>Calls {@link #drive}: the backend's one method. If the phase then waits for an exclusive system
 *       ({@link PhaseRun#exclusivePending()}), runs it on the calling thread as worker 0 and drives again, until
 *       no exclusive system waits: a backend needs nothing of its own for exclusive systems but a drive that
 *       returns when {@link PhaseRun#isFinished()} (or on {@link ReadyHandler#phaseFinished}).</li>
 *   <li>Finishes the run (the deterministic merge), sends {@code phaseFinished} with the result, and only then
 *       throws what {@code drive} returned, if anything: the listener sees every phase end, and a fault of the
 *       backend's own loop reaches the caller once no task of the phase can still run.</li>
 *   <li>In a {@code finally} block, calls {@link #afterExecute()} and releases the guard.</li>
 * </ol>
 * So phase events are always sent (testkit rule 6.02) and always through a guard (rule 6.06): a subclass cannot
 * skip them. {@link #close()} waits for a running phase and stops the backend's threads once
 * ({@link ExecutionGuard#close}, no monitor, no polling), then forgets every plan; {@link #stats()} reports the
 * phase count and the per-worker counters that {@link PhaseRun} keeps.
 *
 * <h2>Threads and orderings</h2>
 * Everything here runs on the thread holding the guard, one phase at a time, except {@link #stats()} (any thread)
 * and {@link #close()} (see {@link ExecutionGuard#close}). The phase count is written only by the guard holder and
 * read by anyone: a volatile long, stored (not incremented atomically: there is one writer) so that a reader sees
 * a whole value. The plan cache is touched only under the guard, whose CAS on entry and volatile store on exit
 * order one phase's accesses before the next phase's, whichever thread runs it.
 *
 * <h2>Garbage</h2>
 * A steady state allocates nothing here: the cache lookup is an array scan, its factory is made once in the
 * constructor, and nothing captures per-call values.
 *
 * @param <S> the backend's per-plan state; it receives the run's ready systems, so it is the run's
 *            {@link ReadyHandler}
 */
public abstract class AbstractSchedulerBackend<S extends ReadyHandler> implements SchedulerBackend {

    private final String name;
    private final SchedulerConfig config;
    /** The configured listener behind a guard, or null when there is none (one null check on the hot path). */
    private final SchedulerListener listener;
    private final ExecutionGuard guard;
    private final WorkerCounters[] counters;
    /** Read and written only by the guard holder (see "Threads and orderings"). */
    private final PlanRunCache<PlanSlot<S>> plans = new PlanRunCache<>();
    /** Made once: a lambda made per call would allocate. */
    private final Function<Plan<?>, PlanSlot<S>> newSlot;
    /** Phases started; written by the guard holder only, read by {@link #stats()} on any thread. */
    private volatile long phases;

    /**
     * Sets up the guard, the counters and the plan cache; the subclass starts its threads after this returns.
     *
     * @param name    the backend's name, used in messages and stats
     * @param config  its configuration (listener, minimum batch, ...)
     * @param workers how many worker indices its tasks run on (worker 0 is the thread calling {@code execute})
     */
    protected AbstractSchedulerBackend(String name, SchedulerConfig config, int workers) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
        this.listener = GuardedListener.of(config);
        this.guard = new ExecutionGuard(name);
        this.counters = new WorkerCounters[workers];
        for (int i = 0; i < workers; i++) {
            counters[i] = new WorkerCounters(i);
        }
        this.newSlot = plan -> {
            PhaseRun<?> run = new PhaseRun<>(plan, counters.length, this.config, counters);
            return new PlanSlot<>(run, newPlanState(run));
        };
    }

    /**
     * The backend's state for one plan, made the first time the plan is executed (and again if the cache dropped
     * it), on the thread holding the guard, between phases. It receives the run's ready systems.
     *
     * @param run the plan's reusable run, made by this class with {@link #workerCount()} worker indices and the
     *            backend's {@link #counters()}
     * @return the backend's state for the plan, kept as long as the run is cached
     */
    protected abstract S newPlanState(PhaseRun<?> run);

    /**
     * Drives a started run to its end: runs the tasks that {@code state} receives (on this thread, other threads,
     * or both) and returns once {@link PhaseRun#isFinished()}, with every write of the phase ordered before the
     * return (the run's completion, seen through a volatile read or a monitor, does that).
     *
     * <p>A {@code Throwable} from the backend's own code is not thrown from here while tasks of the phase may
     * still run: keep driving until the run is finished and return the first one; {@code execute} throws it after
     * {@code phaseFinished} was sent. Return null when nothing went wrong.
     *
     * @param run   the started run
     * @param state the backend's state for the run's plan, from {@link #newPlanState}
     * @return the first throwable of the backend's own code, or null
     */
    protected abstract Throwable drive(PhaseRun<?> run, S state);

    /**
     * Whether the calling thread is one of this backend's own threads (or runs one of its tasks): such a caller
     * is refused by {@code execute} and {@code close}. The default, false, suits a backend without threads of its
     * own; the guard still recognises a re-entrant call from the thread executing the phase.
     *
     * @return true on a thread of this backend
     */
    protected boolean isOwnThread() {
        return false;
    }

    /**
     * Stops and joins the backend's threads: called once, by the first {@code close()}, when no phase runs. The
     * default does nothing (no threads).
     */
    protected void stopThreads() {
    }

    /**
     * Called at the end of every {@code execute} that entered, on the calling thread, in a {@code finally} block
     * before the guard is released (also when the phase threw): restore what the phase changed on the caller's
     * thread. The default does nothing.
     */
    protected void afterExecute() {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SchedulerConfig config() {
        return config;
    }

    /** {@return the worker indices: the {@code workers} given to the constructor} */
    protected final int workerCount() {
        return counters.length;
    }

    /** {@return the per-worker counters the runs update, for the backend's own counts (steals, parks)} */
    protected final WorkerCounters[] counters() {
        return counters;
    }

    /**
     * {@return the configured listener behind a guard, or null} For events the backend sends itself (parks,
     * steals).
     */
    protected final SchedulerListener listener() {
        return listener;
    }

    /** {@return whether {@link #close()} was called (the threads may still be stopping)} */
    protected final boolean isClosed() {
        return guard.isClosed();
    }

    @Override
    public final <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(policy, "policy");
        guard.enter(isOwnThread());
        try {
            plan.runBeforeEachRun(); // the phase's hooks: a throw here runs no phase
            long phase = phases + 1;
            phases = phase; // volatile store; one writer, the guard holder (see "Threads and orderings")
            PlanSlot<S> slot = plans.get(plan, newSlot);
            @SuppressWarnings("unchecked") // the slot was made for this plan, whose commands are C
            PhaseRun<C> run = (PhaseRun<C>) slot.run;
            if (listener != null) {
                listener.phaseStarted(plan, phase, System.nanoTime());
            }
            run.start(policy, 0, slot.state);
            Throwable fault = drive(run, slot.state);
            if (run.exclusivePending() >= 0) {
                fault = driveExclusive(run, slot.state, fault);
            }
            PhaseResult<C> result = run.finish();
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            if (fault != null) {
                throw rethrow(fault); // only now: no task of the phase can still run
            }
            return result;
        } finally {
            try {
                afterExecute();
            } finally {
                guard.exit();
            }
        }
    }

    /**
     * The phase waits for an exclusive system: runs it here, on the calling thread as worker 0 (nothing else of the
     * phase runs meanwhile), and drives the rest, as often as exclusive systems come. The caller's interrupt flag
     * is kept away from the exclusive bodies and set again on return if it was set (as a backend running bodies on
     * the calling thread must). Returns the first fault of the drives.
     */
    private Throwable driveExclusive(PhaseRun<?> run, S state, Throwable fault) {
        boolean interrupted = false;
        while (run.exclusivePending() >= 0) {
            interrupted |= Thread.interrupted();
            run.runExclusive(0, state);
            interrupted |= Thread.interrupted();
            Throwable more = drive(run, state);
            if (fault == null) {
                fault = more;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return fault;
    }

    private RuntimeException rethrow(Throwable fault) {
        if (fault instanceof RuntimeException r) {
            throw r;
        }
        if (fault instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("backend '" + name + "' failed while driving a phase", fault);
    }

    /** The phase count and every worker's counters. */
    @Override
    public BackendStats stats() {
        return WorkerCounters.snapshot(name, phases, counters);
    }

    /**
     * Closes the backend once: see {@link ExecutionGuard#close} for the rules (a running phase is waited for
     * without a monitor, so a system that calls {@code close()} gets an exception instead of a deadlock). The
     * first closer runs {@link #stopThreads()} and forgets every plan.
     */
    @Override
    public final void close() {
        guard.close(isOwnThread(), this::stopThreadsAndForget);
    }

    private void stopThreadsAndForget() {
        try {
            stopThreads();
        } finally {
            plans.clear(); // no phase runs: the closer holds the backend as the guard holder would
        }
    }

    /** One plan's run and the backend's state for it. */
    private static final class PlanSlot<S> {
        final PhaseRun<?> run;
        final S state;

        PlanSlot(PhaseRun<?> run, S state) {
            this.run = run;
            this.state = state;
        }
    }
}
