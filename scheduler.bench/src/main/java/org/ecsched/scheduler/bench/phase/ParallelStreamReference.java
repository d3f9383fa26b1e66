package org.ecsched.scheduler.bench.phase;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference point for the speedup goals: the {@code fine} and {@code tiny} bodies of {@link Workloads} over
 * 1,000,000 entities as a plain loop and as a ForkJoinPool parallel stream over chunks of the same minimum batch
 * (4,096), with no scheduler involved. Its ratio is what "idiomatic JDK parallelism" reaches on this machine.
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar ParallelStreamReference</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ParallelStreamReference {

    private static final int CHUNK = 4096;

    @Param({"fine", "tiny"})
    public String workload;

    private final float[] data = new float[Workloads.ENTITIES];

    @Benchmark
    public void sequential() {
        run(0, data.length);
    }

    @Benchmark
    public void parallelStream() {
        int chunks = (data.length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> run(c * CHUNK, Math.min(data.length, (c + 1) * CHUNK)));
    }

    private void run(int start, int end) {
        if (workload.equals("fine")) {
            Workloads.lightWork(data, start, end);
        } else {
            Workloads.tinyWork(data, start, end);
        }
    }
}
