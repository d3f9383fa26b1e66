package org.ecsched.scheduler.workstealing.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.GuardedListener;
import org.ecsched.scheduler.api.backend.ExecutionGuard;
import org.ecsched.scheduler.api.backend.PlanRunCache;
import org.ecsched.scheduler.api.backend.ThreadJoins;
import org.ecsched.scheduler.api.backend.WorkerCounters;
import org.ecsched.scheduler.deque.Injector;

/**
 * The work-stealing backend.
 *
 * <h2>Implementation overview</h2>
 * Workers 1..n-1 are persistent daemon threads started by the constructor; the thread calling
 * {@link #execute} is worker 0 for the length of its phase. Each worker owns a Chase-Lev deque and a LIFO slot
 * ({@link Worker}); tasks submitted from outside a worker and deque overflow go to a shared {@link Injector}.
 *
 * <p><b>A phase.</b> Worker 0 starts the plan's {@code PhaseRun}, which reports the root systems; they are put
 * into the injector longest-expected-first ({@link PlanState}) and one parked worker is woken. Every worker then
 * loops: find a task (LIFO slot, own deque, injector, steal), run it. A task counts down its system's remaining
 * entities (or its one unit); when a system's last task ends, {@code PhaseRun} counts the phase down by one
 * system, whichever system it is, and reports its successors ready on the finishing worker, which puts one in
 * its LIFO slot and the rest in its deque. Completion is the run's remaining-systems count reaching zero after
 * every system has ended (completed, failed or skipped): no barrier; worker 0 sees it and returns.
 *
 * <p><b>Idling and wake-ups</b> live in {@link Idle}, which states the protocol and its invariants: at most half
 * the workers search at a time, publishing work wakes one parked worker if nobody searches, the last searcher to
 * find work wakes one more, and a worker that gives up empty-handed wakes nobody, so an idle backend goes quiet.
 *
 * <p><b>Failures.</b> A body's {@code Throwable} is recorded by {@code PhaseRun}; one from the backend's own code
 * while it runs a task fails that task's system ({@link Worker#execute}); one between tasks is reported and the
 * worker goes on ({@link #reportInternalFault}). If worker 0's own loop throws, {@code execute} keeps driving the
 * phase until no task of it can still run, ends the run so that the plan's next phase starts clean, and then
 * throws. Interrupts: see {@link org.ecsched.scheduler.api.SchedulerBackend}; workers clear their flag before each
 * task and park, worker 0 remembers the caller's and sets it again on return.
 *
 * <p><b>Garbage.</b> A steady state allocates nothing: per-plan state comes from a {@link PlanRunCache}, system
 * tasks are per plan, range halves come from per-worker {@link TaskPool}s rebalanced between phases, and the
 * deques and injector never allocate.
 */
public final class WorkStealingBackend implements SchedulerBackend {

    private static final String NAME = "workstealing";
    private static final System.Logger LOG = System.getLogger(WorkStealingBackend.class.getName());

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final ExecutionGuard guard = new ExecutionGuard(NAME);
    private final WorkerCounters[] counters;
    private final Worker[] workers;
    private final TaskPool[] pools;
    /** Worker 0's hunger and the phase count, on lines of their own: worker 0 writes them during a phase. */
    private final CallerState caller = new CallerState();
    private final Idle idle;
    private final PlanRunCache<PlanState<?>> plans = new PlanRunCache<>();
    private final Function<Plan<?>, PlanState<?>> newPlanState; // made once: a lambda per call would allocate
    /** Faults the backend's own code hit between tasks (see reportInternalFault). */
    private final AtomicLong internalFaults = new AtomicLong();
    /** Replaced only between phases, when it is empty; read by searching workers at any time. */
    private volatile Injector<Task> injector;
    private volatile boolean shutdown;

    /** Starts workers 1..n-1. */
    public WorkStealingBackend(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = GuardedListener.of(config);
        int n = config.workers();
        this.counters = new WorkerCounters[n];
        for (int i = 0; i < n; i++) {
            counters[i] = new WorkerCounters(i);
        }
        this.idle = new Idle(this, n, caller, listener);
        this.workers = new Worker[n];
        this.pools = new TaskPool[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i, idle.sleeper(i), listener);
            pools[i] = workers[i].pool;
        }
        this.injector = new Injector<>(1024);
        this.newPlanState = p -> new PlanState<>(this, p);
        String prefix = config.threadNamePrefix().orElse("ecsched-" + NAME + "-");
        Thread[] threads = new Thread[n];
        for (int i = 1; i < n; i++) {
            threads[i] = new WorkerThread(this, workers[i], prefix + i);
            idle.sleeper(i).thread = threads[i]; // before any start: Thread.start publishes it
        }
        for (int i = 1; i < n; i++) {
            threads[i].start();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    int workerCount() {
        return workers.length;
    }

    WorkerCounters[] counters() {
        return counters;
    }

    Worker[] workers() {
        return workers;
    }

    Worker worker(int index) {
        return workers[index];
    }

    Idle idle() {
        return idle;
    }

    Injector<Task> injector() {
        return injector;
    }

    boolean isShutdown() {
        return shutdown;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(policy, "policy");
        guard.enter(isWorkerThread());
        Worker me = workers[0];
        try {
            long phase = caller.nextPhase();
            PlanState<C> state = (PlanState<C>) plans.get(plan, newPlanState);
            ensureInjectorCapacity(plan.systemCount());
            if (listener != null) {
                listener.phaseStarted(plan, phase, System.nanoTime());
            }
            int roots = state.collectRoots(policy);
            for (int k = 0; k < roots; k++) {
                inject(state.rootTask(k));
            }
            if (roots > 0) {
                idle.notifyWork(); // P1
            }
            Throwable fault = drive(state, me);
            PhaseResult<C> result = state.run.finish();
            state.recordCosts();
            TaskPool.rebalance(pools);
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            if (fault != null) {
                throw rethrow(fault); // only now: no task of the phase can still run
            }
            return result;
        } finally {
            caller.setHungry(false);
            if (me.takeCallerInterrupt()) {
                Thread.currentThread().interrupt(); // the caller's own flag, kept away from the bodies
            }
            guard.exit();
        }
    }

    /**
     * Worker 0's part of a phase: run tasks until every system has an outcome. A {@code Throwable} from this loop's
     * own code (not from a task: {@link Worker#execute} handles those) does not end the loop, because tasks of the
     * phase may still be running or queued; the first one is returned for {@code execute} to throw once the phase
     * is over.
     */
    private Throwable drive(PlanState<?> state, Worker me) {
        Throwable fault = null;
        int idleSteps = 0;
        while (!state.run.isFinished()) {
            try {
                FaultInjection.at(FaultInjection.Site.CALLER_LOOP, 0);
                Task t = me.findWork();
                if (t != null) {
                    caller.setHungry(false);
                    me.execute(t);
                    idleSteps = 0;
                } else {
                    caller.setHungry(true);
                    idle.callerIdleStep(++idleSteps, me.counters);
                }
            } catch (Throwable t) {
                if (fault == null) {
                    fault = t;
                }
            }
        }
        return fault;
    }

    private static RuntimeException rethrow(Throwable fault) {
        if (fault instanceof RuntimeException r) {
            throw r;
        }
        if (fault instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the work-stealing backend failed while driving a phase", fault);
    }

    /**
     * Reports a {@code Throwable} that a worker's own code threw between tasks; the worker goes on. The first is
     * logged at {@code WARNING} with its stack trace, later ones only counted, and the report itself never throws
     * (it may run out of memory too).
     */
    void reportInternalFault(int worker, Throwable fault) {
        try {
            if (internalFaults.getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, "work-stealing worker " + worker + " hit an error between tasks"
                        + " and goes on (logged once; later ones are counted)", fault);
            }
        } catch (Throwable ignored) {
            // Out of memory while reporting: the count above is what is left of it.
        }
    }

    /** Faults the workers' own code hit between tasks since creation (see {@link #reportInternalFault}). */
    long internalFaults() {
        return internalFaults.get();
    }

    /**
     * The injector must hold every task that can be queued at once: at most one per system (range halves only go
     * to deques, never overflow). Grown between phases, when it is empty.
     */
    private void ensureInjectorCapacity(int systems) {
        if (injector.capacity() < systems + 1) {
            injector = new Injector<>(Integer.highestOneBit(systems) << 2);
        }
    }

    void inject(Task task) {
        if (!injector.offer(task)) {
            // Cannot happen: see ensureInjectorCapacity. Failing loudly beats losing a task.
            throw new IllegalStateException("work-stealing injector full (capacity " + injector.capacity()
                    + "): a task would be lost");
        }
    }

    /** Whether any queue visibly holds work (a parking worker's last look). */
    boolean workVisible() {
        if (!injector.isEmptyApproximately()) {
            return true;
        }
        for (Worker w : workers) {
            if (!w.deque.isEmptyApproximately()) {
                return true;
            }
        }
        return false;
    }

    private boolean isWorkerThread() {
        return Thread.currentThread() instanceof WorkerThread t && t.backend == this;
    }

    @Override
    public BackendStats stats() {
        return WorkerCounters.snapshot(NAME, caller.phases(), counters);
    }

    /**
     * Stops and joins the workers once no phase runs; see {@link ExecutionGuard#close} for the rules (no monitor is
     * held while waiting, so a system that calls {@code close()} gets an exception instead of a deadlock).
     */
    @Override
    public void close() {
        guard.close(isWorkerThread(), this::stopWorkers);
    }

    private void stopWorkers() {
        shutdown = true;           // volatile: every park loop re-reads it after its unpark
        idle.wakeAllForShutdown();
        Thread[] threads = new Thread[workers.length - 1];
        for (int i = 1; i < workers.length; i++) {
            threads[i - 1] = idle.sleeper(i).thread;
        }
        ThreadJoins.joinAll(threads);
        plans.clear();
    }

    @Override
    public String toString() {
        return "WorkStealingBackend[workers=" + workers.length + ", closed=" + guard.isClosed() + "]";
    }

    /** A persistent worker thread; nothing thrown reaches {@link #run} (see {@link Worker#runLoop}). */
    private static final class WorkerThread extends Thread {
        final WorkStealingBackend backend;
        private final Worker worker;

        WorkerThread(WorkStealingBackend backend, Worker worker, String name) {
            super(name);
            this.backend = backend;
            this.worker = worker;
            setDaemon(true);
        }

        @Override
        public void run() {
            worker.runLoop();
        }
    }
}
