package org.ecsched.scheduler.testkit.stress;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;

/**
 * Steal storm: phases of dozens of empty systems and large systems cut into ranges of 1 to 4 entities, so that
 * every worker is hungry and queues are raided constantly. Each plan runs ten times.
 *
 * <pre>{@code mvn -f scheduler.testkit/pom.xml exec:java -Dexec.args="--scenario=steal-storm --millis=60000"}</pre>
 */
public final class StealStorm extends StressHarness {

    /** The harness. */
    public StealStorm() {
        super("steal-storm", "many tiny tasks, all workers hungry");
    }

    @Override
    void round(StressRun run) {
        PhaseVerifier v = run.verifier(RandomPhases.generate(run.nextSeed(), PhaseShape.stealStorm()));
        for (int i = 0; i < 10; i++) {
            run.execute(v, FailurePolicy.FAIL_FAST);
        }
    }

    /**
     * Runs the steal storm.
     *
     * @param args as {@link StressMain}'s, without {@code --scenario}
     */
    public static void main(String[] args) {
        main(new StealStorm(), args);
    }
}
