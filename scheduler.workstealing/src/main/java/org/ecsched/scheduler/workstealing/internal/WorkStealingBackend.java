package org.ecsched.scheduler.workstealing.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * loops: find a task (LIFO slot, own deque, injector, steal), run it. Running a task of the plan's last system
 * counts the phase down; when a system's last task ends, {@code PhaseRun} reports its successors ready on the
 * finishing worker, which puts one in its LIFO slot and the rest in its deque. Completion is the run's
 * remaining-systems count reaching zero: no barrier; worker 0 sees it and returns.
 *
 * <p><b>Idling and wake-ups</b> (after Tokio's scheduler). At most half the workers (at least one) may be
 * "searching" (stealing) at a time. Publishing work calls {@link #notifyWork}: if nobody searches and somebody is
 * parked, one parked worker is woken, and counted as searching on its behalf, so a burst of pushes wakes one
 * worker, not all. A searching worker that finds work stops searching; if it was the last searcher it wakes one
 * more, so activation spreads in O(log n) steps. Idle workers spin ({@code Thread.onSpinWait}, a budget that
 * follows their recent steal success), then yield, then park; between phases every worker parks, so an idle
 * backend uses no CPU. Worker 0 never parks during its own phase.
 *
 * <p><b>Garbage.</b> A steady state allocates nothing: per-plan state comes from a {@link PlanRunCache}, system
 * tasks are per plan, range halves come from per-worker {@link TaskPool}s rebalanced between phases, and the
 * deques and injector never allocate.
 */
public final class WorkStealingBackend implements SchedulerBackend {

    private static final String NAME = "workstealing";

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final ExecutionGuard guard = new ExecutionGuard(NAME);
    private final WorkerCounters[] counters;
    private final Worker[] workers;
    private final TaskPool[] pools;
    private final int maxSearching;
    /** Workers holding a searching slot (worker 0 never takes one). */
    private final AtomicInteger searching = new AtomicInteger();
    /**
     * Whether worker 0 (the caller) found nothing last time it looked. Worker 0 never takes a searching slot or
     * parks, so without this flag the others would not see it as hungry and would never split work for it.
     * Written by worker 0 only when it changes, to keep the line quiet.
     */
    private volatile boolean callerHungry;
    /** Workers in {@link Worker#PARKED} state, not yet taken off by a waker. */
    private final AtomicInteger parked = new AtomicInteger();
    private final PlanRunCache<PlanState<?>> plans = new PlanRunCache<>();
    private final Function<Plan<?>, PlanState<?>> newPlanState; // made once: a lambda per call would allocate
    /** Replaced only between phases, when it is empty; read by searching workers at any time. */
    private volatile Injector<Task> injector;
    private volatile boolean shutdown;
    private volatile long phases;

    /** Starts workers 1..n-1. */
    public WorkStealingBackend(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = GuardedListener.of(config);
        int n = config.workers();
        this.counters = new WorkerCounters[n];
        for (int i = 0; i < n; i++) {
            counters[i] = new WorkerCounters(i);
        }
        this.workers = new Worker[n];
        this.pools = new TaskPool[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i);
            pools[i] = workers[i].pool;
        }
        this.maxSearching = Math.max(1, (n - 1) / 2);
        this.injector = new Injector<>(1024);
        this.newPlanState = p -> new PlanState<>(this, p);
        String prefix = config.threadNamePrefix().orElse("ecsched-" + NAME + "-");
        for (int i = 1; i < n; i++) {
            Worker w = workers[i];
            Thread t = new WorkerThread(this, w, prefix + i);
            w.thread = t;
        }
        for (int i = 1; i < n; i++) {
            workers[i].thread.start();
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

    Injector<Task> injector() {
        return injector;
    }

    boolean isShutdown() {
        return shutdown;
    }

    AtomicInteger parkedCount() {
        return parked;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(policy, "policy");
        guard.enter(isWorkerThread());
        try {
            long phase = ++phases;
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
                notifyWork();
            }
            Worker me = workers[0];
            int idle = 0;
            while (!state.run.isFinished()) {
                Task t = me.findWork();
                if (t != null) {
                    if (callerHungry) {
                        callerHungry = false;
                    }
                    me.execute(t);
                    idle = 0;
                } else {
                    if (!callerHungry) {
                        callerHungry = true;
                    }
                    me.idleStepForCaller(++idle);
                }
            }
            callerHungry = false;
            PhaseResult<C> result = state.run.finish();
            state.recordCosts();
            TaskPool.rebalance(pools);
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            return result;
        } finally {
            guard.exit();
        }
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

    /** Whether splitting a range would feed somebody: a worker is searching or parked, or the caller is idle. */
    boolean workersHungry() {
        return workers.length > 1 && (searching.get() > 0 || parked.get() > 0 || callerHungry);
    }

    /** Claims a searching slot, if fewer than the cap hold one. */
    boolean tryStartSearching() {
        for (int s = searching.get(); s < maxSearching; s = searching.get()) {
            if (searching.compareAndSet(s, s + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives up a searching slot; the last searcher to leave wakes another worker if one is parked. */
    void stopSearching() {
        if (searching.decrementAndGet() == 0) {
            notifyWork();
        }
    }

    /**
     * Work was published: wake one parked worker unless somebody is already searching. The full fence pairs with
     * the one in {@code Worker.park} (publish, fence, read state / publish PARKED, fence, read queues).
     */
    void notifyWork() {
        java.lang.invoke.VarHandle.fullFence(); // StoreLoad: our push before reading parked/searching
        if (parked.get() == 0 || searching.get() > 0) {
            return;
        }
        for (int i = 1; i < workers.length; i++) {
            Worker w = workers[i];
            if (w.state.get() != Worker.PARKED) {
                continue;
            }
            w.wakeRequestedAt = System.nanoTime(); // before the CAS, which publishes it to the woken worker
            if (w.state.compareAndSet(Worker.PARKED, Worker.NOTIFIED)) {
                parked.decrementAndGet();
                searching.incrementAndGet(); // counted as searching on its behalf: the throttle
                LockSupport.unpark(w.thread);
                return;
            }
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
        return WorkerCounters.snapshot(NAME, phases, counters);
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
        shutdown = true;
        Thread[] threads = new Thread[workers.length - 1];
        for (int i = 1; i < workers.length; i++) {
            threads[i - 1] = workers[i].thread;
        }
        ThreadJoins.joinAll(threads);
        plans.clear();
    }

    @Override
    public String toString() {
        return "WorkStealingBackend[workers=" + workers.length + ", closed=" + guard.isClosed() + "]";
    }

    /** A persistent worker thread; a throwable from a system never reaches here (PhaseRun catches it). */
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
