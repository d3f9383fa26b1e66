package org.ecsched.scheduler.bench.phase;

import java.util.concurrent.TimeUnit;
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
 * One phase per operation, for every executor on every workload, in the same run: the work-stealing backend (with
 * all cores, and with one worker for the speedup), the blocking backend, an idiomatic ForkJoinPool executor of the
 * same DAG and ranges, and a sequential loop. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes
 * allocated per phase.
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar PhaseBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PhaseBenchmark {

    @Param({"empty64", "empty1000", "fine", "imbalanced", "chain"})
    public String workload;

    @Param({"workstealing", "workstealing-1", "blocking", "forkjoin", "sequential"})
    public String executor;

    private PlanExecutor phase;

    @Setup(Level.Trial)
    public void setUp() {
        Plan<Object> plan = Workloads.of(workload);
        int cores = Runtime.getRuntime().availableProcessors();
        phase = switch (executor) {
            case "workstealing" -> backend("workstealing", cores, plan);
            case "workstealing-1" -> backend("workstealing", 1, plan);
            case "blocking" -> backend("blocking", cores, plan);
            case "forkjoin" -> new ForkJoinPlanExecutor(plan, cores);
            case "sequential" -> new SequentialPlanExecutor(plan);
            default -> throw new IllegalArgumentException("unknown executor '" + executor + "'");
        };
    }

    private static PlanExecutor backend(String name, int workers, Plan<Object> plan) {
        SchedulerBackend backend = Schedulers.create(name, SchedulerConfig.builder().workers(workers).build());
        return new PlanExecutor() {
            @Override
            public void runPhase() {
                PhaseResult<Object> result = backend.execute(plan, FailurePolicy.FAIL_FAST);
                if (!result.succeeded()) {
                    throw new IllegalStateException(result.toString());
                }
            }

            @Override
            public void close() {
                backend.close();
            }
        };
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
