package org.ecsched.scheduler.bench.deque;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded costs of the deque's operations, side by side with {@link ArrayDeque} (plain, and behind a
 * {@link ReentrantLock}) and {@link ConcurrentLinkedDeque} in the same run. Run with {@code -prof gc} to see
 * {@code gc.alloc.rate.norm}: the Chase-Lev deque allocates nothing per operation.
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

    private ChaseLevDeque<Object> chaseLev;
    private ChaseLevDeque<Object> thiefDeque;
    private final Stolen<Object> stolen = new Stolen<>();
    private ArrayDeque<Object> plain;
    private ArrayDeque<Object> locked;
    private final ReentrantLock lock = new ReentrantLock();
    private ConcurrentLinkedDeque<Object> concurrentLinked;

    @Setup
    public void setUp() {
        chaseLev = new ChaseLevDeque<>(256);
        thiefDeque = new ChaseLevDeque<>(256);
        plain = new ArrayDeque<>(256);
        locked = new ArrayDeque<>(256);
        concurrentLinked = new ConcurrentLinkedDeque<>();
    }

    /** Owner push then pop (LIFO): the hot path of a worker. */
    @Benchmark
    public Object pushPop_chaseLev() {
        chaseLev.push(TASK);
        return chaseLev.pop();
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
