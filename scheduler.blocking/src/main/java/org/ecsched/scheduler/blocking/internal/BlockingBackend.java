package org.ecsched.scheduler.blocking.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.backend.AbstractSchedulerBackend;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.ReadyHandler;
import org.ecsched.scheduler.api.backend.ThreadJoins;
import org.ecsched.scheduler.api.backend.WorkerCounters;

/**
 * A fixed pool of platform threads taking ready tasks from one shared {@link LinkedBlockingQueue}.
 *
 * <p>Deliberately plain: every ready system is cut into fixed ranges ({@link #rangeSize}) and queued; pool threads
 * take tasks in FIFO order and run them through {@link PhaseRun}, which releases successors; the calling thread
 * waits on its plan's {@code Dispatch} monitor until the run reports the phase finished. The outline of
 * {@code execute} (misuse checks, per-plan state, listener events, close) is {@link AbstractSchedulerBackend}'s;
 * this class writes {@link #drive} (that wait) and how tasks are cut and queued. With one worker, tasks
 * run one at a time in a deterministic order: the sequential oracle. It allocates a task object and a queue node
 * per task, which is part of what the benchmarks compare.
 *
 * <h2>Pool threads survive anything</h2>
 * A pool thread only takes tasks and hands them to {@code PhaseRun.runTask}, which never throws for its own faults
 * nor for a system's. The backend's own code around a task can still fail (an {@link OutOfMemoryError} making a
 * task or a queue node, anything between taking a task and running it); each such {@code Throwable} becomes a
 * failure of the task's system through {@code PhaseRun.failTask}, which also counts the task done, so the phase
 * completes and the thread goes on serving. Making tasks happens in {@code Dispatch.ready}, on the thread that
 * finished the predecessor (the caller, inside {@code PhaseRun.start}, for a root); ready never throws.
 *
 * <p>One case needs care: {@code queue.add} may throw after it linked the task in (taking the lock to signal a
 * waiting taker allocates under contention), and then a pool thread may already hold the task. So each task is
 * either <em>claimed</em> by the pool thread that took it or <em>cancelled</em> by the {@code ready} that could
 * not tell whether it was queued, never both: one CAS on the task's state decides, and only the winner counts the
 * task's entities (the taker by running it, the canceller through {@code failTask}). A cancelled task left in the
 * queue is dropped when taken.
 *
 * <h2>Interrupts</h2>
 * A pool thread clears its interrupt flag before each task and before it waits for the next, so an interrupt a
 * body leaves behind (the "catch InterruptedException, restore the flag" idiom) never reaches another body. No
 * body runs on the calling thread; an interrupt of the caller does not cut its wait short and is restored when
 * {@code execute} returns.
 */
public final class BlockingBackend extends AbstractSchedulerBackend<BlockingBackend.Dispatch<?>> {

    private static final String NAME = "blocking";
    /** Taken by a pool thread, ends it; queued once per thread by close. Never claimed. */
    private static final Task POISON = new Task(null, 0, 0, 0);

    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final PoolThread[] threads;

    /**
     * Starts the pool.
     *
     * @param config the validated configuration: one pool thread per worker
     */
    public BlockingBackend(SchedulerConfig config) {
        super(NAME, config, config.workers());
        int n = config.workers();
        this.threads = new PoolThread[n];
        String prefix = config.threadNamePrefix().orElse("ecsched-" + NAME + "-");
        for (int i = 0; i < n; i++) {
            threads[i] = new PoolThread(this, i, prefix + i);
        }
        for (PoolThread t : threads) {
            t.start();
        }
    }

    @Override
    protected Dispatch<?> newPlanState(PhaseRun<?> run) {
        return new Dispatch<>(this, run);
    }

    /** No body runs on the calling thread: it waits until the pool threads have finished the phase. */
    @Override
    protected Throwable drive(PhaseRun<?> run, Dispatch<?> dispatch) {
        dispatch.awaitDone();
        return null;
    }

    /** Range length for a system: a few ranges per worker, never below the system's minimum batch. */
    private int rangeSize(PhaseRun<?> run, int system) {
        int n = run.entityCount(system);
        int perRange = (int) Math.max(1L, ((long) n + threads.length * 4L - 1) / (threads.length * 4L));
        return Math.max(perRange, run.minBatchSize(system));
    }

    @Override
    protected boolean isOwnThread() {
        return Thread.currentThread() instanceof PoolThread p && p.backend == this;
    }

    /** Stops and joins the pool; the template calls it once, when no phase runs. */
    @Override
    protected void stopThreads() {
        for (int i = 0; i < threads.length; i++) {
            queue.add(POISON);
        }
        ThreadJoins.joinAll(threads);
    }

    @Override
    public String toString() {
        return "BlockingBackend[workers=" + threads.length + ", closed=" + isClosed() + "]";
    }

    /**
     * One queued range of one system ({@code [0, 0)} for a system that runs once), and who counts it: see "Pool
     * threads survive anything". {@code state} goes NEW -> CLAIMED (CAS by the pool thread that took it) or
     * NEW -> CANCELLED (CAS by the {@code ready} that made it, when {@code queue.add} threw), never both.
     */
    private static final class Task {
        private static final int NEW = 0, CLAIMED = 1, CANCELLED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Dispatch<?> dispatch;
        final int system;
        final int start;
        final int end;
        @SuppressWarnings("unused") // accessed through STATE
        private volatile int state;

        Task(Dispatch<?> dispatch, int system, int start, int end) {
            this.dispatch = dispatch;
            this.system = system;
            this.start = start;
            this.end = end;
        }

        /** The taker's side: true if this thread now runs the task (and so counts it). */
        boolean claim() {
            return STATE.compareAndSet(this, NEW, CLAIMED); // volatile CAS: one winner against cancel
        }

        /** The maker's side, after add threw: true if no pool thread will run the task (the maker counts it). */
        boolean cancel() {
            return STATE.compareAndSet(this, NEW, CANCELLED); // volatile CAS: one winner against claim
        }
    }

    /** Per-plan state: the reusable run and the hand-off between pool threads and the waiting caller. */
    static final class Dispatch<C> implements ReadyHandler {
        final BlockingBackend backend;
        final PhaseRun<C> run;
        /** Guarded by this. False between phases: set by phaseFinished, cleared by the awaitDone that saw it. */
        private boolean done;

        Dispatch(BlockingBackend backend, PhaseRun<C> run) {
            this.backend = backend;
            this.run = run;
        }

        /**
         * Cuts the system into tasks and queues them. Never throws: if a task cannot be made or queued, the part
         * of the system not queued is failed and counted done through {@code PhaseRun.failTask} (on this thread,
         * which may release successors re-entrantly), and the part queued runs as usual.
         */
        @Override
        public void ready(int worker, int system) {
            boolean ranged = run.isSplittable(system);
            int n = run.wholeEnd(system);
            int next = 0;       // first entity not surely queued
            Task made = null;   // made, and handed to add, which did not return normally (or not yet)
            try {
                if (!ranged) {
                    BlockingFaults.check(BlockingFaults.Site.TASK_ALLOCATION, system);
                    made = new Task(this, system, 0, 0);
                    backend.queue.add(made);
                    BlockingFaults.check(BlockingFaults.Site.TASK_QUEUED, system);
                    return;
                }
                int size = backend.rangeSize(run, system);
                while (next < n) {
                    int end = (int) Math.min((long) next + size, n); // long: next + size may pass MAX_VALUE
                    BlockingFaults.check(BlockingFaults.Site.TASK_ALLOCATION, system);
                    made = new Task(this, system, next, end);
                    backend.queue.add(made);
                    BlockingFaults.check(BlockingFaults.Site.TASK_QUEUED, system);
                    made = null;
                    next = end;
                }
            } catch (Throwable t) {
                if (made != null && !made.cancel()) {
                    // A pool thread claimed it: it was queued and runs, counting its own entities. Only what
                    // follows it is lost; if nothing does, every task was delivered and this system lost nothing
                    // (the throwable cost at most a taker's wake-up, and the claimer is awake).
                    if (!ranged || made.end == n) {
                        return;
                    }
                    next = made.end;
                }
                run.failTask(worker, system, next, n, t, this);
            }
        }

        @Override
        public synchronized void phaseFinished(int worker) {
            done = true;
            notifyAll();
        }

        /**
         * Waits for the phase, then makes {@code done} false again for the next one (phaseFinished may already have
         * run inside {@code PhaseRun.start}, before this wait: the flag keeps it). An interrupt does not cut the
         * phase short but is restored afterwards.
         */
        synchronized void awaitDone() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            done = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pool thread: takes tasks until it takes the poison pill; survives anything else. */
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
                Task task = null;
                boolean claimed = false;
                boolean handedToRun = false;
                try {
                    task = take();
                    if (task == POISON) {
                        return;
                    }
                    if (!task.claim()) {
                        continue; // cancelled by the ready that made it, which counted it
                    }
                    claimed = true;
                    Thread.interrupted(); // an interrupt left by the last body (or sent to this thread) ends here
                    BlockingFaults.check(BlockingFaults.Site.BEFORE_TASK, task.system);
                    handedToRun = true;
                    long startedAt = System.nanoTime();
                    task.dispatch.run.runTask(index, task.system, task.start, task.end, task.dispatch); // never throws
                    // Busy time is the backend's to count (PhaseRun counts tasks and commands when the phase ends).
                    // Added after the countdown, so stats read right after execute may miss this task's time.
                    backend.counters()[index].add(WorkerCounters.BUSY_NANOS, System.nanoTime() - startedAt);
                } catch (Throwable t) {
                    // Not from runTask (it never throws): from this loop's own code. A task taken but not yet run
                    // is ours to count; one already handed to runTask counts itself.
                    if (task != null && task != POISON && !handedToRun && (claimed || task.claim())) {
                        task.dispatch.run.failTask(index, task.system, task.start, task.end, t, task.dispatch);
                    }
                }
            }
        }

        /** The next task: clears the interrupt flag before each wait; only close() stops a pool thread. */
        private Task take() {
            while (true) {
                Thread.interrupted();
                try {
                    Task task = backend.queue.poll(1, TimeUnit.DAYS);
                    if (task != null) {
                        return task;
                    }
                } catch (InterruptedException e) {
                    // interrupted while waiting (the flag is clear again): wait on; the poison pill stops us
                }
            }
        }
    }
}
