package org.ecsched.scheduler.bench.listener;

import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.observability.JfrListener;
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
 * What observing costs: one phase of 64 empty systems (the phase with the most callbacks per microsecond) on each
 * backend with no listener, with a listener whose callbacks do nothing, and with {@link JfrListener} attached while
 * no JFR recording runs. The claim under test is that an absent listener costs nothing and a disabled JFR listener
 * next to nothing: compare the scores (within their error) and {@code gc.alloc.rate.norm} (no bytes per phase).
 *
 * <pre>java -jar scheduler.bench/target/benchmarks.jar ListenerBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ListenerBenchmark {

    @Param({"workstealing", "blocking"})
    public String backend;

    @Param({"none", "noop", "jfr-idle"})
    public String listener;

    private SchedulerBackend scheduler;
    private Plan<Object> plan;

    @Setup(Level.Trial)
    public void setUp() {
        SchedulerConfig.Builder config = SchedulerConfig.builder();
        switch (listener) {
            case "none" -> { }
            case "noop" -> config.listener(new SchedulerListener() { });
            case "jfr-idle" -> config.listener(new JfrListener());
            default -> throw new IllegalArgumentException("unknown listener '" + listener + "'");
        }
        scheduler = Schedulers.create(backend, config.build());
        Phase.Builder<Object> phase = Phase.named("empty64");
        for (int i = 0; i < 64; i++) {
            phase.add(SystemSpec.named("s" + i).runs(ctx -> { }));
        }
        plan = phase.compile();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.close();
    }

    @Benchmark
    public void phase() {
        PhaseResult<Object> result = scheduler.execute(plan, FailurePolicy.FAIL_FAST);
        if (!result.succeeded()) {
            throw new IllegalStateException(result.toString());
        }
    }
}
