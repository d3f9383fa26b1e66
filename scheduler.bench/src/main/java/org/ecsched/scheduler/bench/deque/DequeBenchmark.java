package org.ecsched.scheduler.bench.deque;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.StealResult;
import org.ecsched.scheduler.deque.Stolen;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded costs of the deque's operations, side by side with {@link ArrayDeque} (plain, and behind a
 * {@link ReentrantLock}) and {@link ConcurrentLinkedDeque} in the same run. Run with {@code -prof gc} to see
 * {@code gc.alloc.rate.norm}: the Chase-Lev deque allocates nothing per operation.
 *
 * <p><b>What a push+pop pair can cost, stated honestly.</b> The owner's pop of a Chase-Lev deque must order its
 * store of {@code bottom} before its load of {@code top}: a StoreLoad fence, the one full fence of Lê, Pop, Cohen
 * and Zappa Nardelli's C11 version (PPoPP 2013); the weakened jcstress variant shows that dropping it lets the
 * owner and a thief take the same task. A plain {@link ArrayDeque} has no fence, so "within 2x of ArrayDeque" is
 * not a goal any correct work-stealing deque can meet. The honest references are:
 * <ul>
 *   <li>the floor: the fence's own cost, measured as the pop's access pattern with no deque around it
 *       ({@link #floor_fullFence}: a plain load and store of a "bottom", {@code VarHandle.fullFence()}, a load of a
 *       "top"), and with the compare-and-set a pop of the last task adds ({@link #floor_fullFenceAndCas});</li>
 *   <li>the peer: ForkJoinPool's own work queue, push and pop on its worker thread ({@link
 *       #pushPop_forkJoinWorkQueue}, and {@link #forkUnfork_forkJoinNewTask} with a task allocated per fork as
 *       fork-join code does).</li>
 * </ul>
 * {@link #pushPop_chaseLev} pushes onto an empty deque, so its pop always takes the last-task path (fence and
 * compare-and-set); {@link #pushPop_chaseLevOverResident} keeps one task resident below, so its pop takes the
 * common path of a worker with more than one task (fence only). Compare the first with
 * {@link #floor_fullFenceAndCas}, the second with {@link #floor_fullFence}, and both with the ForkJoinPool queue.
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar DequeBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DequeBenchmark {

    private static final Object TASK = new Object();
    private static final int BATCH_FILL = 64;

    /** Push+pop pairs per {@code pool.invoke} in the ForkJoinPool benchmarks: 2^20, so the invoke is negligible. */
    private static final int FJ_PAIRS = 1 << 20;

    private ChaseLevDeque<Object> chaseLev;
    private ChaseLevDeque<Object> residentDeque;
    private ChaseLevDeque<Object> thiefDeque;
    /** The floor's stand-ins for a deque's bottom and top; only this benchmark thread touches them. */
    private long floorBottom;
    private long floorTop;
    private final AtomicLong floorTopAtomic = new AtomicLong();
    /** One worker: a push then finds no idle worker to wake (see {@link #pushPop_forkJoinWorkQueue}). */
    private ForkJoinPool pool;
    private final Stolen<Object> stolen = new Stolen<>();
    private ArrayDeque<Object> plain;
    private ArrayDeque<Object> locked;
    private final ReentrantLock lock = new ReentrantLock();
    private ConcurrentLinkedDeque<Object> concurrentLinked;

    @Setup
    public void setUp() {
        chaseLev = new ChaseLevDeque<>(256);
        residentDeque = new ChaseLevDeque<>(256);
        residentDeque.push(TASK); // stays below every pair, so pop never takes the last-task path
        thiefDeque = new ChaseLevDeque<>(256);
        pool = new ForkJoinPool(1);
        plain = new ArrayDeque<>(256);
        locked = new ArrayDeque<>(256);
        concurrentLinked = new ConcurrentLinkedDeque<>();
    }

    @TearDown
    public void tearDown() {
        pool.shutdown();
    }

    /** Owner push then pop (LIFO) on an empty deque: the pop takes the last-task path (fence and CAS on top). */
    @Benchmark
    public Object pushPop_chaseLev() {
        chaseLev.push(TASK);
        return chaseLev.pop();
    }

    /** Owner push then pop above one resident task: the pop's common path (fence, no CAS). */
    @Benchmark
    public Object pushPop_chaseLevOverResident() {
        residentDeque.push(TASK);
        return residentDeque.pop();
    }

    /**
     * The floor of a pop: its accesses with no deque around them. A plain load and store of a "bottom" (the pop's
     * decrement; the deque's release store is a plain store on x86 and ARMv8's stlr is no dearer here), the full
     * fence, and a load of a "top". No correct Chase-Lev pop can be cheaper than this.
     */
    @Benchmark
    public long floor_fullFence() {
        long b = floorBottom;
        floorBottom = b + 1;
        VarHandle.fullFence(); // StoreLoad: the fence pop cannot avoid
        return floorTop;
    }

    /** The floor of a pop of the last task: {@link #floor_fullFence}, then a successful CAS on the "top". */
    @Benchmark
    public boolean floor_fullFenceAndCas() {
        long b = floorBottom;
        floorBottom = b + 1;
        VarHandle.fullFence(); // StoreLoad
        long t = floorTopAtomic.get();
        return floorTopAtomic.compareAndSet(t, t + 1);
    }

    /**
     * ForkJoinPool's own work queue, push and pop on its worker thread: the benchmark thread invokes one task in a
     * one-worker pool, and that task, on the worker, does 2^20 pairs of {@code fork()} (a push onto the worker's
     * queue: a volatile store of the slot, then a check for idle workers to signal) and {@code tryUnfork()} (a pop
     * by CAS of the slot), on the same never-run task. Reported per pair: the one external submission and wake-up
     * of each invocation (tens of microseconds) adds well under 0.1 ns to each of its 2^20 pairs. The pool has one
     * worker so that a push onto the empty queue finds nobody idle to wake; with idle workers every such fork
     * would wake one, which is ForkJoinPool's signalling cost, not its queue's.
     */
    @Benchmark
    @OperationsPerInvocation(FJ_PAIRS)
    public int pushPop_forkJoinWorkQueue() {
        return pool.invoke(new ForkUnforkLoop(false));
    }

    /** As {@link #pushPop_forkJoinWorkQueue}, with a new task per fork, as fork-join code normally forks. */
    @Benchmark
    @OperationsPerInvocation(FJ_PAIRS)
    public int forkUnfork_forkJoinNewTask() {
        return pool.invoke(new ForkUnforkLoop(true));
    }

    /** Runs on a pool worker: {@link #FJ_PAIRS} fork/tryUnfork pairs; returns how many unforks succeeded (all). */
    private static final class ForkUnforkLoop extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;
        private final boolean newTaskPerFork;

        ForkUnforkLoop(boolean newTaskPerFork) {
            this.newTaskPerFork = newTaskPerFork;
        }

        @Override
        protected Integer compute() {
            Noop reused = new Noop();
            int unforked = 0;
            for (int i = 0; i < FJ_PAIRS; i++) {
                Noop task = newTaskPerFork ? new Noop() : reused;
                task.fork();
                if (task.tryUnfork()) {
                    unforked++;
                }
            }
            return unforked;
        }
    }

    /** A task that is forked and unforked, never run. */
    private static final class Noop extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
        }
    }

    /** The goal's reference: a plain, unsynchronised ArrayDeque. */
    @Benchmark
    public Object pushPop_arrayDeque() {
        plain.addLast(TASK);
        return plain.pollLast();
    }

    @Benchmark
    public Object pushPop_lockedArrayDeque() {
        lock.lock();
        try {
            locked.addLast(TASK);
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            return locked.pollLast();
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public Object pushPop_concurrentLinkedDeque() {
        concurrentLinked.addLast(TASK);
        return concurrentLinked.pollLast();
    }

    /** Push then steal from the other end, uncontended. */
    @Benchmark
    public Object pushSteal_chaseLev() {
        chaseLev.push(TASK);
        StealResult r = chaseLev.steal(stolen);
        return r == StealResult.SUCCESS ? stolen.take() : r;
    }

    @Benchmark
    public Object pushSteal_lockedArrayDeque() {
        lock.lock();
        try {
            locked.addLast(TASK);
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            return locked.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public Object pushSteal_concurrentLinkedDeque() {
        concurrentLinked.addLast(TASK);
        return concurrentLinked.pollFirst();
    }

    /**
     * Per task: fill a victim with 64 tasks, batch-steal them into a thief's deque 32 at a time (half of what is
     * left each time, capped at 32), and drain the thief; the cost includes the fill and the drain.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_FILL)
    public int batchStealPerTask_chaseLev() {
        for (int i = 0; i < BATCH_FILL; i++) {
            chaseLev.push(TASK);
        }
        int taken = 0;
        while (chaseLev.stealBatchAndPop(thiefDeque, 32, stolen) == StealResult.SUCCESS) {
            stolen.take();
            taken++;
            while (thiefDeque.pop() != null) {
                taken++;
            }
        }
        return taken;
    }

    /** The same through a lock: drain half of what is left (capped at 32) per lock hold. */
    @Benchmark
    @OperationsPerInvocation(BATCH_FILL)
    public int batchStealPerTask_lockedArrayDeque() {
        for (int i = 0; i < BATCH_FILL; i++) {
            lock.lock();
            try {
                locked.addLast(TASK);
            } finally {
                lock.unlock();
            }
        }
        int taken = 0;
        while (true) {
            int got = 0;
            lock.lock();
            try {
                int n = Math.min(32, (locked.size() + 1) / 2);
                for (int i = 0; i < n; i++) {
                    plain.addLast(locked.pollFirst());
                    got++;
                }
            } finally {
                lock.unlock();
            }
            if (got == 0) {
                return taken;
            }
            while (plain.pollLast() != null) {
                taken++;
            }
        }
    }
}
