package org.ecsched.scheduler.workstealing.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.backend.AbstractSchedulerBackend;
import org.ecsched.scheduler.api.backend.PhaseRun;
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
 * <p><b>A phase.</b> The outline ({@link AbstractSchedulerBackend}: misuse checks, per-plan state, listener
 * events, close) is inherited; this class writes {@link #drive}. The template starts the plan's {@code PhaseRun}
 * on worker 0, which reports the root systems to the plan's {@link PlanState}; {@code drive} puts them into the
 * injector longest-expected-first and wakes one parked worker. Every worker then loops: find a task (LIFO slot,
 * own deque, injector, steal), run it. A task counts down its system's remaining entities (or its one unit); when
 * a system's last task ends, {@code PhaseRun} counts the phase down by one system, whichever system it is, and
 * reports its successors ready on the finishing worker, which puts one in its LIFO slot and the rest in its
 * deque. Completion is the run's remaining-systems count reaching zero after every system has ended (completed,
 * failed or skipped): no barrier; worker 0 sees it and returns.
 *
 * <p><b>Idling and wake-ups</b> live in {@link Idle}, which states the protocol and its invariants: at most half
 * the workers search at a time, publishing work wakes one parked worker if nobody searches, the last searcher to
 * find work wakes one more, and a worker that gives up empty-handed wakes nobody, so an idle backend goes quiet.
 *
 * <p><b>Failures.</b> A body's {@code Throwable} is recorded by {@code PhaseRun}; one from the backend's own code
 * while it runs a task fails that task's system ({@link Worker#execute}); one between tasks is reported and the
 * worker goes on ({@link #reportInternalFault}). If worker 0's own loop throws, {@code drive} keeps driving the
 * phase until no task of it can still run and returns the first such {@code Throwable}; the template ends the run
 * (so that the plan's next phase starts clean), tells the listener, and then throws it. Interrupts: see {@link org.ecsched.scheduler.api.SchedulerBackend}; workers clear their flag before each
 * task and park, worker 0 remembers the caller's and sets it again on return.
 *
 * <p><b>Garbage.</b> A steady state allocates nothing: per-plan state comes from the template's plan cache, system
 * tasks are per plan, range halves come from per-worker {@link TaskPool}s rebalanced between phases, and the
 * deques and injector never allocate.
 */
public final class WorkStealingBackend extends AbstractSchedulerBackend<PlanState<?>> {

    private static final String NAME = "workstealing";
    private static final System.Logger LOG = System.getLogger(WorkStealingBackend.class.getName());

    private final Worker[] workers;
    private final TaskPool[] pools;
    /** Worker 0's hunger, on lines of its own: worker 0 writes it during a phase. */
    private final CallerState caller = new CallerState();
    private final Idle idle;
    /** Faults the backend's own code hit between tasks (see reportInternalFault). */
    private final AtomicLong internalFaults = new AtomicLong();
    /** Replaced only between phases, when it is empty; read by searching workers at any time. */
    private volatile Injector<Task> injector;
    private volatile boolean shutdown;

    /**
     * Starts workers 1..n-1.
     *
     * @param config the validated configuration; the calling thread of each phase is worker 0
     */
    public WorkStealingBackend(SchedulerConfig config) {
        super(NAME, config, config.workers());
        int n = config.workers();
        this.idle = new Idle(this, n, caller, listener());
        this.workers = new Worker[n];
        this.pools = new TaskPool[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i, idle.sleeper(i), listener());
            pools[i] = workers[i].pool;
        }
        this.injector = new Injector<>(1024);
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

    /** Worker indices (the template's {@code workerCount()}, for this package). */
    int poolSize() {
        return workers.length;
    }

    WorkerCounters[] workerCounters() {
        return counters();
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

    /**
     * The plan's state; made between phases (under the guard), so it is also where the injector grows to hold a
     * task per system of the new plan.
     */
    @Override
    protected PlanState<?> newPlanState(PhaseRun<?> run) {
        ensureInjectorCapacity(run.plan().systemCount());
        return new PlanState<>(this, run);
    }

    /**
     * Worker 0's part of a phase, on the calling thread: queue the roots the run reported while the template
     * started it (or run the phase inline), then run tasks until every system has an outcome
     * ({@link #runCallerLoop}). Then the phase's costs are recorded and the task pools rebalanced, between phases.
     *
     * <p>The general loop is a method of its own so that this method, which every phase runs, stays small whichever
     * path the first phases took: a plan's first phase always runs the general loop (no costs are known yet), and
     * later small phases run inline.
     */
    @Override
    protected Throwable drive(PhaseRun<?> run, PlanState<?> state) {
        int roots = state.takeRoots();
        Throwable fault = state.runsInline() ? driveInline(state) : handOutRoots(state, roots);
        if (!run.isFinished()) { // always after a hand-out; after an inline phase only if its own loop failed
            fault = runCallerLoop(run, fault);
        }
        if (run.exclusivePending() >= 0) { // paused for an exclusive system: the template runs it, then drives again
            state.pauseForExclusive();
            return fault;
        }
        state.endPhase();
        TaskPool.rebalance(pools);
        return fault;
    }

    /**
     * Worker 0's task loop: run tasks until every system of the phase has an outcome (or an exclusive system waits
     * for this thread). A {@code Throwable} from this loop's own code (not from a task: {@link Worker#execute}
     * handles those) does not end the loop, because tasks of the phase may still be running or queued; the first
     * one is returned (after {@code fault}, if that is not null) for the template to throw once the phase is over.
     */
    private Throwable runCallerLoop(PhaseRun<?> run, Throwable fault) {
        Worker me = workers[0];
        int idleSteps = 0;
        while (!run.isFinished()) {
            try {
                FaultInjection.at(FaultInjection.Site.CALLER_LOOP, 0);
                Task t = me.findWork();
                if (t != null) {
                    caller.setHungry(false);
                    me.startBusy();
                    me.execute(t, true);
                    idleSteps = 0;
                } else {
                    me.endBusy();
                    caller.setHungry(true);
                    idle.callerIdleStep(++idleSteps, me.counters);
                }
            } catch (Throwable t) {
                if (fault == null) {
                    fault = t;
                }
            }
        }
        me.endBusy();
        return fault;
    }

    /**
     * Puts the roots into the injector in the order the state gives them (longest expected first): each root with
     * a range as a task of its own, and each run of consecutive roots that run once as one span
     * ({@link Task#ROOT_SPAN}), which the worker that takes it splits when others are hungry; then wakes a worker.
     * A thousand independent systems so cost a few queue operations, not a thousand. Should this code throw (only
     * growing the plan's span tasks can, in the first phases), the roots not yet handed out fail with it, are
     * counted done, and the {@code Throwable} is returned.
     */
    private Throwable handOutRoots(PlanState<?> state, int roots) {
        PhaseRun<?> run = state.run;
        int handedOut = 0; // roots [0, handedOut) are in the injector
        int spans = 0;
        try {
            for (int k = 0; k <= roots; k++) {
                boolean ranged = k < roots && run.isSplittable(state.root(k));
                if (k == roots || ranged) { // the run of run-once roots [handedOut, k) ends here
                    if (k - handedOut == 1) {
                        inject(state.rootTask(handedOut));
                    } else if (k - handedOut > 1) {
                        inject(state.rootSpan(spans++, handedOut, k));
                    }
                    handedOut = k;
                    if (ranged) {
                        inject(state.rootTask(k));
                        handedOut = k + 1;
                    }
                }
            }
        } catch (Throwable fault) {
            for (int k = handedOut; k < roots; k++) {
                run.failTask(0, state.root(k), 0, run.wholeEnd(state.root(k)), fault, state);
            }
            return fault;
        } finally {
            if (roots > 0) {
                idle.notifyWork(); // P1
            }
        }
        return null;
    }

    /**
     * An inline phase ({@link PlanState#runsInline}): worker 0 runs the roots and then each system as it becomes
     * ready, in that order, without a queue, a publication or a wake-up; ranges are not split. Every system is
     * listed before the list is exhausted (each is released by a task that ran here), so the run is finished when
     * this returns. Should this loop's own code throw (only injected faults can), the system it was about to run
     * is still listed: the caller's ordinary loop cannot see it, so it is failed here and counted done, and the
     * first such {@code Throwable} is returned.
     */
    private Throwable driveInline(PlanState<?> state) {
        Throwable fault = null;
        Worker me = workers[0];
        me.startBusy();
        PhaseRun<?> run = state.run;
        for (int k = 0; k < state.inlineCount(); k++) {
            int system = state.root(k);
            boolean handedOver = false;
            try {
                FaultInjection.at(FaultInjection.Site.CALLER_LOOP, 0);
                handedOver = true;
                me.executeInline(state, system); // counts the system down whatever happens inside
            } catch (Throwable t) {
                if (fault == null) {
                    fault = t;
                }
                if (!handedOver) { // nobody else will run it: fail it and count it done ([0, 0) if it runs once)
                    run.failTask(0, system, 0, run.wholeEnd(system), t, state);
                }
            }
        }
        me.endBusy();
        return fault;
    }

    /**
     * What waking a worker costs, in ns: the smallest wake-up latency the parked workers measured (the first
     * phases assume {@link Idle#INITIAL_WAKE_LATENCY_NANOS}), within the competitive-spinning bounds. A phase
     * expected to take less runs inline ({@link PlanState}).
     */
    long wakeCostNanos() {
        return idle.wakeCostNanos();
    }

    /**
     * Worker 0's hunger goes back to false, and the caller's interrupt flag, kept away from the bodies during the
     * phase, is set again if it was set.
     */
    @Override
    protected void afterExecute() {
        caller.setHungry(false);
        if (workers[0].takeCallerInterrupt()) {
            Thread.currentThread().interrupt(); // the caller's own flag, kept away from the bodies
        }
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

    @Override
    protected boolean isOwnThread() {
        return Thread.currentThread() instanceof WorkerThread t && t.backend == this;
    }

    /** Stops and joins workers 1..n-1; the template calls it once, when no phase runs. */
    @Override
    protected void stopThreads() {
        shutdown = true;           // volatile: every park loop re-reads it after its unpark
        idle.wakeAllForShutdown();
        Thread[] threads = new Thread[workers.length - 1];
        for (int i = 1; i < workers.length; i++) {
            threads[i - 1] = idle.sleeper(i).thread;
        }
        ThreadJoins.joinAll(threads);
    }

    @Override
    public String toString() {
        return "WorkStealingBackend[workers=" + workers.length + ", closed=" + isClosed() + "]";
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
