package org.ecsched.scheduler.bench.phase;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
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
 * One frame per operation (one phase, except {@code frame3}: the demo's three phases in order), for every executor
 * on every workload, in the same run. Executors:
 * <ul>
 *   <li>{@code workstealing}: the work-stealing backend with all cores; {@code workstealing-1}: with one worker
 *       (the speedup's denominator);</li>
 *   <li>{@code blocking}: the blocking backend with all cores;</li>
 *   <li>{@code forkjoin-phase}: "ForkJoinPool, one submission per phase" ({@link ForkJoinPerPhaseExecutor}), the
 *       headline peer: the caller invokes one CountedCompleter per phase, finished systems fork their ready
 *       successors inside the pool, ranges split by halving down to the minimum batch;</li>
 *   <li>{@code forkjoin-system}: "ForkJoinPool, one submission per system" ({@link ForkJoinPerSystemExecutor}): each
 *       root submitted from the caller with {@code execute}, the caller parked until the last system finishes;</li>
 *   <li>{@code sequential}: every system on the calling thread in a topological order.</li>
 * </ul>
 * Both ForkJoinPool peers run on a private pool with one thread per core. Workloads are described in
 * {@link Workloads}. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per phase.
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar PhaseBenchmark -prof gc</pre>
 * For close pairs on this 2-core machine, alternate short runs instead: {@code scheduler.bench/suite.sh} or
 * {@code scheduler.bench/compare.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PhaseBenchmark {

    @Param({"empty64", "empty1000", "empty10000", "frame3", "fine", "sparse", "tiny", "imbalanced", "heavy1of16",
            "chain", "sweep"})
    public String workload;

    @Param({"workstealing", "workstealing-1", "blocking", "forkjoin-phase", "forkjoin-system", "sequential"})
    public String executor;

    private PlanExecutor phase;
    /** Whether setup settles drifting workloads first ({@link Workloads#of(String, boolean)}); tests turn it off. */
    boolean settle = true;

    @Setup(Level.Trial)
    public void setUp() {
        List<Plan<Object>> frame = Workloads.of(workload, settle);
        int cores = Runtime.getRuntime().availableProcessors();
        phase = switch (executor) {
            case "workstealing" -> backend("workstealing", cores, frame);
            case "workstealing-1" -> backend("workstealing", 1, frame);
            case "blocking" -> backend("blocking", cores, frame);
            case "forkjoin-phase" -> forkJoin(cores, frame, ForkJoinPerPhaseExecutor::new);
            case "forkjoin-system" -> forkJoin(cores, frame, ForkJoinPerSystemExecutor::new);
            case "sequential" -> sequential(frame);
            default -> throw new IllegalArgumentException("unknown executor '" + executor + "'");
        };
    }

    private static PlanExecutor backend(String name, int workers, List<Plan<Object>> frame) {
        SchedulerBackend backend = Schedulers.create(name, SchedulerConfig.builder().workers(workers).build());
        @SuppressWarnings("unchecked")
        Plan<Object>[] plans = frame.toArray(new Plan[0]); // indexed loop: no iterator per frame
        return new PlanExecutor() {
            @Override
            public void runPhase() {
                for (Plan<Object> plan : plans) {
                    PhaseResult<Object> result = backend.execute(plan, FailurePolicy.FAIL_FAST);
                    if (!result.succeeded()) {
                        throw new IllegalStateException(result.toString());
                    }
                }
            }

            @Override
            public void close() {
                backend.close();
            }
        };
    }

    /** A ForkJoinPool peer: one private pool with {@code workers} threads, shared by the frame's phases. */
    private static PlanExecutor forkJoin(int workers, List<Plan<Object>> frame,
                                         BiFunction<Plan<Object>, ForkJoinPool, PlanExecutor> peer) {
        ForkJoinPool pool = new ForkJoinPool(workers);
        PlanExecutor[] phases = frame.stream().map(p -> peer.apply(p, pool)).toArray(PlanExecutor[]::new);
        return new FrameExecutor(phases, pool::shutdown);
    }

    private static PlanExecutor sequential(List<Plan<Object>> frame) {
        PlanExecutor[] phases = frame.stream().map(SequentialPlanExecutor::new).toArray(PlanExecutor[]::new);
        return new FrameExecutor(phases, () -> { });
    }

    /** Runs its phases' executors in order. */
    private record FrameExecutor(PlanExecutor[] phases, Runnable onClose) implements PlanExecutor {
        @Override
        public void runPhase() {
            for (PlanExecutor p : phases) {
                p.runPhase();
            }
        }

        @Override
        public void close() {
            for (PlanExecutor p : phases) {
                p.close();
            }
            onClose.run();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        phase.close();
    }

    @Benchmark
    public void phase() {
        phase.runPhase();
    }
}
