package org.ecsched.scheduler.testkit.stress;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.testkit.oracle.Execution;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;

/**
 * Fault injection: phases where systems throw runtime exceptions, checked exceptions and errors at random
 * entities, under alternating policies, each followed by a clean phase that must succeed: what breaks here is
 * state of a failed phase leaking into the next, and workers lost to an error.
 *
 * <pre>{@code mvn -f scheduler.testkit/pom.xml exec:java -Dexec.args="--scenario=fault-injection --millis=60000"}</pre>
 */
public final class FaultInjection extends StressHarness {

    private static final PhaseShape FAULTY = PhaseShape.faulty().withFaults(0.3).withMaxWork(16);
    private static final PhaseShape CLEAN = PhaseShape.small();

    /** The harness. */
    public FaultInjection() {
        super("fault-injection", "systems throwing at random");
    }

    @Override
    void round(StressRun run) {
        PhaseVerifier faulty = run.verifier(RandomPhases.generate(run.nextSeed(), FAULTY));
        for (FailurePolicy policy : FailurePolicy.values()) {
            run.execute(faulty, policy);
        }
        PhaseVerifier clean = run.verifier(RandomPhases.generate(run.nextSeed(), CLEAN));
        Execution e = run.execute(clean, FailurePolicy.FAIL_FAST);
        if (e.findings().isEmpty() && !e.result().succeeded()) {
            run.failure("[4.05 reusableAfterFailures] a clean phase after failures did not succeed: " + e.result()
                    + "\n" + e.context());
        }
    }

    /**
     * Runs the fault injection harness.
     *
     * @param args as {@link StressMain}'s, without {@code --scenario}
     */
    public static void main(String[] args) {
        main(new FaultInjection(), args);
    }
}
