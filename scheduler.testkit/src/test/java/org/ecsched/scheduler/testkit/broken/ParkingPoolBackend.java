package org.ecsched.scheduler.testkit.broken;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.ExecutionGuard;
import org.ecsched.scheduler.api.backend.GuardedListener;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.PlanRunCache;
import org.ecsched.scheduler.api.backend.ReadyHandler;
import org.ecsched.scheduler.api.backend.ThreadJoins;
import org.ecsched.scheduler.api.backend.WorkerCounters;

/**
 * A small correct backend on {@link PhaseRun}, the base of the broken backends whose defect lives in a pool
 * thread or in {@code close()} (a {@link DecoratedBackend} cannot reach those): {@code workers} pool threads take
 * tasks from one shared queue and park with {@link LockSupport#park} when it is empty; the calling thread waits on
 * a monitor until the phase has finished. It passes every rule; a subclass breaks one thing, and the self-test
 * requires that exactly the rules written for that defect fail.
 *
 * <p>Wake-ups: a producer queues a task, then unparks every pool thread; a pool thread polls the queue before it
 * parks. A task queued after the poll finds the thread either not yet parked (the unpark leaves a permit, so its
 * park returns at once) or parked (and unparked), so no task is left in the queue with every thread parked.
 *
 * <p>Interrupts: a body may set its thread's interrupt flag (the "restore the flag" idiom); the pool thread clears
 * it after every task ({@link #afterTask}), so that the next body on that thread does not start interrupted and
 * the idle park is not cut short.
 */
class ParkingPoolBackend implements SchedulerBackend {

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final ExecutionGuard guard;
    private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    private final PoolThread[] threads;
    private final WorkerCounters[] counters;
    private final PlanRunCache<PhaseRun<?>> runs = new PlanRunCache<>();
    /** Guards {@link #done}; not {@code this}, which a subclass may lock in {@code close()}. */
    private final Object doneLock = new Object();
    private final ReadyHandler handler = new ReadyHandler() {
        @Override
        public void ready(int worker, int system) {
            queueTasks(system);
        }

        @Override
        public void phaseFinished(int worker) {
            synchronized (doneLock) {
                done = true;
                doneLock.notifyAll();
            }
        }
    };
    /** The run of the phase in progress; written by the caller before its first task is queued. */
    private volatile PhaseRun<?> current;
    private boolean done; // guarded by doneLock
    /** Whether a phase is between the guard's enter and exit; for subclasses. */
    private volatile boolean phaseRunning;
    private volatile boolean stopping;
    private volatile long phases;

    ParkingPoolBackend(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = GuardedListener.of(config);
        this.guard = new ExecutionGuard(name());
        int n = config.workers();
        this.threads = new PoolThread[n];
        this.counters = new WorkerCounters[n];
        String prefix = config.threadNamePrefix().orElse("ecsched-" + name() + "-");
        for (int i = 0; i < n; i++) {
            counters[i] = new WorkerCounters(i);
            threads[i] = new PoolThread(this, i, prefix + i);
        }
        for (PoolThread t : threads) {
            t.start();
        }
    }

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(policy, "policy");
        guard.enter(isPoolThread());
        phaseRunning = true;
        try {
            plan.runBeforeEachRun();
            long phase = ++phases;
            @SuppressWarnings("unchecked")
            PhaseRun<C> run = (PhaseRun<C>) runs.get(plan, p -> new PhaseRun<>(p, threads.length, config, counters));
            if (listener != null) {
                listener.phaseStarted(plan, phase, System.nanoTime());
            }
            synchronized (doneLock) {
                done = false;
            }
            current = run;
            run.start(policy, 0, handler);
            awaitDone();
            while (run.exclusivePending() >= 0) { // an exclusive system runs here, on the calling thread
                boolean interrupted = Thread.interrupted(); // kept from the body, set again below (rule 5.06)
                run.runExclusive(0, handler);
                interrupted |= Thread.interrupted();
                awaitDone();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            PhaseResult<C> result = run.finish();
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            return result;
        } finally {
            phaseRunning = false;
            guard.exit();
        }
    }

    /**
     * Waits for the phase (or its pause before an exclusive system); an interrupt does not cut it short but is
     * restored afterwards (rule 5.06).
     */
    private void awaitDone() {
        boolean interrupted = false;
        synchronized (doneLock) {
            while (!done) {
                try {
                    doneLock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            done = false;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a ready system's task, or its ranges (a few per thread, never below the minimum batch). */
    private void queueTasks(int system) {
        PhaseRun<?> run = current;
        if (!run.isSplittable(system)) {
            queue.add(new Task(run, system, 0, 0));
        } else {
            int n = run.entityCount(system);
            long perRange = Math.max(1L, ((long) n + threads.length * 4L - 1) / (threads.length * 4L));
            long size = Math.max(perRange, run.minBatchSize(system));
            for (long start = 0; start < n; start += size) { // long: start + size may pass Integer.MAX_VALUE
                queue.add(new Task(run, system, (int) start, (int) Math.min(start + size, n)));
            }
        }
        for (PoolThread t : threads) {
            LockSupport.unpark(t);
        }
    }

    /** Whether a phase is running (between the guard's enter and exit). */
    final boolean phaseRunning() {
        return phaseRunning;
    }

    final boolean isPoolThread() {
        return Thread.currentThread() instanceof PoolThread p && p.backend == this;
    }

    /**
     * Called on a pool thread after each task: clears the interrupt flag a body may have set, so that it stays
     * with that body.
     */
    void afterTask() {
        Thread.interrupted();
    }

    @Override
    public BackendStats stats() {
        return WorkerCounters.snapshot(name(), phases, counters);
    }

    /** Stops and joins the pool once no phase runs; see {@link ExecutionGuard#close}. */
    @Override
    public void close() {
        guard.close(isPoolThread(), this::stopPool);
    }

    private void stopPool() {
        stopping = true;
        ThreadJoins.joinAll(threads); // unparks each thread before each short wait
    }

    /** One queued task: a system, or one range of it. */
    private record Task(PhaseRun<?> run, int system, int start, int end) {
    }

    /** A pool thread: runs queued tasks, parks when there are none, ends when the backend stops. */
    private static final class PoolThread extends Thread {
        final ParkingPoolBackend backend;
        final int index;

        PoolThread(ParkingPoolBackend backend, int index, String name) {
            super(name);
            this.backend = backend;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Task t = backend.queue.poll();
                if (t != null) {
                    // PhaseRun catches whatever the body throws and updates this worker's counters.
                    t.run().runTask(index, t.system(), t.start(), t.end(), backend.handler);
                    backend.afterTask();
                } else if (backend.stopping) {
                    return;
                } else {
                    LockSupport.park(this); // returns at once while the interrupt flag is set
                }
            }
        }
    }
}
