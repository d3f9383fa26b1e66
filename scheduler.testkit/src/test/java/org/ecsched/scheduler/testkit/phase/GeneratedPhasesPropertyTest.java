package org.ecsched.scheduler.testkit.phase;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.example.SequentialExampleBackend;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;

/**
 * jqwik properties over {@link PhaseArbitraries}: generated phases keep their shape, and the kit's example backend
 * agrees with the oracle on them. Each real backend meets the same properties in its own module, through rules
 * 7.01 and 7.02 of its conformance suite.
 */
class GeneratedPhasesPropertyTest {

    private static SchedulerBackend example;

    @BeforeContainer
    static void startBackend() {
        example = new SequentialExampleBackend(SchedulerConfig.builder().workers(1).build());
    }

    @AfterContainer
    static void closeBackend() {
        example.close();
    }

    @Provide
    Arbitrary<PhaseModel> faulty() {
        return PhaseArbitraries.phases(PhaseShape.faulty());
    }

    @Provide
    Arbitrary<PhaseModel> wide() {
        return PhaseArbitraries.phases(PhaseShape.wide());
    }

    @Property(tries = 30)
    void theExampleBackendAgreesOnWidePhases(@ForAll("wide") PhaseModel model) {
        new PhaseVerifier(model).execute(example, FailurePolicy.FAIL_FAST).assertClean();
    }

    @Property(tries = 60)
    void theExampleBackendAgreesWithTheOracle(@ForAll("faulty") PhaseModel model, @ForAll FailurePolicy policy) {
        new PhaseVerifier(model).execute(example, policy).assertClean();
    }

    @Property(tries = 300)
    void generatedPhasesCompileAndStayInTheirShape(@ForAll("faulty") PhaseModel model) {
        PhaseShape shape = PhaseShape.faulty();
        assertThat(model.size()).isBetween(shape.minSystems(), shape.maxSystems());
        assertThat(model.components()).allMatch(c -> c.matches("C[0-4]"));
        assertThat(PhaseInstance.of(model, false).plan().systemCount()).isEqualTo(model.size());
    }
}
