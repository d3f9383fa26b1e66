package org.ecsched.scheduler.testkit.stress;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.PhaseShape;
import org.ecsched.scheduler.testkit.phase.RandomPhases;
import org.ecsched.scheduler.testkit.phase.SystemModel;

/**
 * Long uneven phases: a few systems of very different sizes, the first entity-parallel one made long (200,000
 * entities of real work), so that the others finish early and idle workers must join the long one.
 *
 * <pre>{@code mvn -f scheduler.testkit/pom.xml exec:java -Dexec.args="--scenario=uneven-phases --millis=60000"}</pre>
 */
public final class UnevenPhases extends StressHarness {

    /** The harness. */
    public UnevenPhases() {
        super("uneven-phases", "one long system beside short ones");
    }

    @Override
    void round(StressRun run) {
        PhaseModel model = RandomPhases.generate(run.nextSeed(), PhaseShape.uneven());
        for (int s = 0; s < model.size(); s++) {
            SystemModel m = model.system(s);
            if (m.isRanged() && !m.suppliedCount()) {
                model = model.withSystem(s, new SystemModel(m.name(), 200_000, false, m.minBatch(), m.reads(),
                        m.writes(), m.runsAfter(), m.runsBefore(), 16, m.commands(), m.fault()));
                break;
            }
        }
        PhaseVerifier v = run.verifier(model);
        for (int i = 0; i < 3; i++) {
            run.execute(v, FailurePolicy.CONTINUE);
        }
    }

    /**
     * Runs the uneven phases.
     *
     * @param args as {@link StressMain}'s, without {@code --scenario}
     */
    public static void main(String[] args) {
        main(new UnevenPhases(), args);
    }
}
