package org.ecsched.scheduler.bench.idle;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Idle CPU: the CPU time the executor's own threads burn during one second without phases, starting right after a
 * burst of 2,000 phases (so spinning and yielding workers are caught winding down, not only fully parked ones).
 * The score is the sleep itself (about 1 s); the result is the auxiliary counter {@code idleCpuPercentOfCore}:
 * CPU time of the threads named by the executor, in percent of one core over the measured second
 * ({@link ThreadMXBean#getThreadCpuTime}), with 2 and 8 workers. Goal: under 1%.
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar IdleCpuBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class IdleCpuBenchmark {

    private static final String PREFIX = "idle-probe-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"workstealing", "blocking", "forkjoin"})
    public String executor;

    /** Worker threads (ForkJoinPool parallelism): one per core here, and oversubscribed as on a bigger machine. */
    @Param({"2", "8"})
    public int workers;

    private SchedulerBackend backend;
    private ForkJoinPool pool;
    private Plan<Object> plan;

    /** The measured figure, reported by JMH beside the score. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class IdleCpu {
        /** CPU time of the executor's threads over the idle second, in percent of one core. */
        public double idleCpuPercentOfCore;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Phase.Builder<Object> phase = Phase.named("burst");
        for (int i = 0; i < 16; i++) {
            phase.add(SystemSpec.named("s" + i).runs(ctx -> Thread.onSpinWait()));
        }
        plan = phase.compile();
        if (executor.equals("forkjoin")) {
            pool = new ForkJoinPool(workers, p -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName(PREFIX + t.getName());
                return t;
            }, null, false);
        } else {
            backend = Schedulers.create(executor,
                    SchedulerConfig.builder().workers(workers).threadNamePrefix(PREFIX).build());
        }
    }

    /** Keeps every thread of the executor busy just before the measured second. */
    @Setup(Level.Iteration)
    public void burst() {
        for (int i = 0; i < 2_000; i++) {
            if (backend != null) {
                backend.execute(plan, FailurePolicy.FAIL_FAST).throwIfFailed();
            } else {
                pool.submit(() -> IntStream.range(0, 16).parallel().forEach(k -> Thread.onSpinWait())).join();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (backend != null) {
            backend.close();
        } else {
            pool.shutdown();
        }
    }

    @Benchmark
    public void idleSecond(IdleCpu result) throws InterruptedException {
        long cpuBefore = executorCpuNanos();
        long wallBefore = System.nanoTime();
        Thread.sleep(1_000);
        long cpu = executorCpuNanos() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        result.idleCpuPercentOfCore = 100.0 * cpu / wall;
    }

    /** Sum of CPU time of the live threads whose name starts with the probe prefix. */
    private static long executorCpuNanos() {
        long sum = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(PREFIX)) {
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return sum;
    }
}
