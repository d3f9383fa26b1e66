package org.ecsched.scheduler.testkit.stress;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;

/**
 * Oversubscription: far more workers than cores (at least 32, and at least four per processor), so that workers
 * are preempted in the middle of everything; typical and wide phases under both policies. What breaks here is
 * spinning that starves the thread holding the work, and races that need a preemption at the wrong instant.
 *
 * <pre>{@code
 * mvn -f scheduler.testkit/pom.xml exec:java -Dexec.args="--scenario=oversubscription --millis=60000"
 * }</pre>
 */
public final class Oversubscription extends StressHarness {

    /** The harness. */
    public Oversubscription() {
        super("oversubscription", "workers far above cores");
    }

    @Override
    SchedulerConfig config(StressOptions options) {
        int workers = Math.max(options.workers(), Math.max(32, 4 * Runtime.getRuntime().availableProcessors()));
        return SchedulerConfig.builder().workers(Math.min(workers, SchedulerConfig.MAX_WORKERS)).build();
    }

    @Override
    void round(StressRun run) {
        long seed = run.nextSeed();
        PhaseShape shape = seed % 2 == 0 ? PhaseShape.typical() : PhaseShape.wide();
        PhaseVerifier v = run.verifier(RandomPhases.generate(seed, shape));
        for (int i = 0; i < 4; i++) {
            run.execute(v, i % 2 == 0 ? FailurePolicy.FAIL_FAST : FailurePolicy.CONTINUE);
        }
    }

    /**
     * Runs the oversubscription harness.
     *
     * @param args as {@link StressMain}'s, without {@code --scenario}
     */
    public static void main(String[] args) {
        main(new Oversubscription(), args);
    }
}
