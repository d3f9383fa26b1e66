package org.ecsched.scheduler.testkit.stress;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;

/**
 * Many short phases back to back: eight small plans, executed in turn 25 times each per round, the way a frame
 * loop runs its phases; what breaks here is state carried from one phase to the next and wake-ups lost between
 * phases.
 *
 * <pre>{@code mvn -f scheduler.testkit/pom.xml exec:java -Dexec.args="--scenario=short-phases --millis=60000"}</pre>
 */
public final class ShortPhases extends StressHarness {

    private static final PhaseShape SHAPE = PhaseShape.small().withMaxWork(4).withMaxEntities(128);

    /** The harness. */
    public ShortPhases() {
        super("short-phases", "many short phases back to back");
    }

    @Override
    void round(StressRun run) {
        List<PhaseVerifier> plans = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            plans.add(run.verifier(RandomPhases.generate(run.nextSeed(), SHAPE)));
        }
        for (int k = 0; k < 25; k++) {
            for (PhaseVerifier v : plans) {
                run.execute(v, FailurePolicy.FAIL_FAST);
            }
        }
    }

    /**
     * Runs the short phases.
     *
     * @param args as {@link StressMain}'s, without {@code --scenario}
     */
    public static void main(String[] args) {
        main(new ShortPhases(), args);
    }
}
