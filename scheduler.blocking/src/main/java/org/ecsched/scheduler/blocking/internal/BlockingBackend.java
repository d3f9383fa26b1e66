package org.ecsched.scheduler.blocking.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.GuardedListener;
import org.ecsched.scheduler.api.backend.ExecutionGuard;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.PlanRunCache;
import org.ecsched.scheduler.api.backend.ReadyHandler;
import org.ecsched.scheduler.api.backend.ThreadJoins;
import org.ecsched.scheduler.api.backend.WorkerCounters;

/**
 * A fixed pool of platform threads taking ready tasks from one shared {@link LinkedBlockingQueue}.
 *
 * <p>Deliberately plain: every ready system is cut into fixed ranges ({@link #rangeSize}) and queued; pool threads
 * take tasks in FIFO order and run them through {@link PhaseRun}, which releases successors; the calling thread
 * waits on this object's monitor until the run reports the phase finished. With one worker, tasks run one at a
 * time in a deterministic order: the sequential oracle. It allocates a task object and a queue node per task,
 * which is part of what the benchmarks compare.
 */
public final class BlockingBackend implements SchedulerBackend {

    private static final String NAME = "blocking";
    private static final Task POISON = new Task(null, 0, 0, 0);

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final ExecutionGuard guard = new ExecutionGuard(NAME);
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final PoolThread[] threads;
    private final WorkerCounters[] counters;
    private final PlanRunCache<Dispatch<?>> runs = new PlanRunCache<>();
    private volatile long phases;

    /** Starts the pool. */
    public BlockingBackend(SchedulerConfig config) {
        this.config = config;
        this.listener = GuardedListener.of(config);
        int n = config.workers();
        this.threads = new PoolThread[n];
        this.counters = new WorkerCounters[n];
        String prefix = config.threadNamePrefix().orElse("ecsched-" + NAME + "-");
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
        return NAME;
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        java.util.Objects.requireNonNull(plan, "plan");
        java.util.Objects.requireNonNull(policy, "policy");
        guard.enter(isPoolThread());
        try {
            long phase = ++phases;
            @SuppressWarnings("unchecked")
            Dispatch<C> d = (Dispatch<C>) runs.get(plan, p -> new Dispatch<>(this, p));
            if (listener != null) {
                listener.phaseStarted(plan, phase, System.nanoTime());
            }
            d.reset();
            d.run.start(policy, 0, d);
            d.awaitDone();
            PhaseResult<C> result = d.run.finish();
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            return result;
        } finally {
            guard.exit();
        }
    }

    /** Range length for a system: a few ranges per worker, never below the system's minimum batch. */
    private int rangeSize(PhaseRun<?> run, int system) {
        int n = run.entityCount(system);
        int perRange = (int) Math.max(1L, ((long) n + threads.length * 4L - 1) / (threads.length * 4L));
        return Math.max(perRange, run.minBatchSize(system));
    }

    private boolean isPoolThread() {
        return Thread.currentThread() instanceof PoolThread p && p.backend == this;
    }

    @Override
    public BackendStats stats() {
        return WorkerCounters.snapshot(NAME, phases, counters);
    }

    /** Stops and joins the pool once no phase runs; see {@link ExecutionGuard#close} for the rules. */
    @Override
    public void close() {
        guard.close(isPoolThread(), this::stopPool);
    }

    private void stopPool() {
        for (int i = 0; i < threads.length; i++) {
            queue.add(POISON);
        }
        ThreadJoins.joinAll(threads);
    }

    @Override
    public String toString() {
        return "BlockingBackend[workers=" + threads.length + ", closed=" + guard.isClosed() + "]";
    }

    /** One queued range of one system. */
    private record Task(Dispatch<?> dispatch, int system, int start, int end) {
    }

    /** Per-plan state: the reusable run and the hand-off between pool threads and the waiting caller. */
    private static final class Dispatch<C> implements ReadyHandler {
        final BlockingBackend backend;
        final PhaseRun<C> run;
        private boolean done; // guarded by this

        Dispatch(BlockingBackend backend, Plan<C> plan) {
            this.backend = backend;
            this.run = new PhaseRun<>(plan, backend.threads.length, backend.config, backend.counters);
        }

        @Override
        public void ready(int worker, int system) {
            if (!run.isSplittable(system)) {
                backend.queue.add(new Task(this, system, 0, 0));
                return;
            }
            int n = run.entityCount(system);
            int size = backend.rangeSize(run, system);
            for (long start = 0; start < n; start += size) { // long: start + size may pass Integer.MAX_VALUE
                backend.queue.add(new Task(this, system, (int) start, (int) Math.min(start + size, n)));
            }
        }

        synchronized void reset() {
            done = false;
        }

        @Override
        public synchronized void phaseFinished(int worker) {
            done = true;
            notifyAll();
        }

        /** Waits for the phase; an interrupt does not cut the phase short but is restored afterwards. */
        synchronized void awaitDone() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pool thread: takes tasks until it takes the poison pill. */
    private static final class PoolThread extends Thread {
        final BlockingBackend backend;
        final int index;

        PoolThread(BlockingBackend backend, int index, String name) {
            super(name);
            this.backend = backend;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Task task;
                try {
                    task = backend.queue.poll(1, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    continue; // only close() stops a pool thread, with the poison pill
                }
                if (task == POISON) {
                    return;
                }
                if (task == null) {
                    continue;
                }
                // PhaseRun updates this worker's counters before the task counts down.
                task.dispatch().run.runTask(index, task.system(), task.start(), task.end(), task.dispatch());
            }
        }
    }
}
