package org.ecsched.scheduler.testkit.broken;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseArbitraries;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.PhaseShape;

/**
 * A property that must fail (the backend delivers commands in completion order), run only by
 * {@code ShrinkingTest} to show what a shrunk failure looks like. One worker keeps the failure deterministic, so
 * that jqwik can shrink it.
 */
class ShrinkDemoProperties {

    @Provide
    Arbitrary<PhaseModel> phases() {
        return PhaseArbitraries.phases(PhaseShape.typical());
    }

    @Property(tries = 500, seed = "42")
    void completionOrderAgreesWithTheOracle(@ForAll("phases") PhaseModel model) {
        try (SchedulerBackend backend = new CompletionOrderBackend(SchedulerConfig.builder().workers(1).build())) {
            new PhaseVerifier(model).execute(backend, FailurePolicy.CONTINUE).assertClean();
        }
    }
}
