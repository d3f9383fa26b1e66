package org.ecsched.scheduler.testkit.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.testkit.oracle.SequentialOracle;
import org.junit.jupiter.api.Test;

class RandomPhasesTest {

    @Test
    void theSameSeedAndShapeGiveTheSamePhase() {
        for (PhaseShape shape : PhaseShape.presets()) {
            for (long seed = 0; seed < 20; seed++) {
                assertThat(RandomPhases.generate(seed, shape)).isEqualTo(RandomPhases.generate(seed, shape));
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentPhases() {
        Set<PhaseModel> seen = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            seen.add(RandomPhases.generate(RandomPhases.seedFor(7, seed), PhaseShape.typical()));
        }
        assertThat(seen).hasSizeGreaterThan(45);
    }

    @Test
    void everyGeneratedPhaseCompilesAndStaysWithinItsShape() {
        for (PhaseShape shape : PhaseShape.presets()) {
            for (long i = 0; i < 100; i++) {
                PhaseModel m = RandomPhases.generate(RandomPhases.seedFor(11, i), shape);
                assertThat(m.size()).isBetween(shape.minSystems(), shape.maxSystems());
                for (SystemModel s : m.systems()) {
                    assertThat(s.entities()).isLessThanOrEqualTo(shape.maxEntities());
                    assertThat(s.minBatch()).isLessThanOrEqualTo(shape.maxMinBatch());
                    assertThat(s.work()).isLessThanOrEqualTo(shape.maxWork());
                    assertThat(s.commands()).isLessThanOrEqualTo(shape.maxCommands());
                    assertThat(java.util.Collections.disjoint(s.reads(), s.writes())).as(s.toString()).isTrue();
                }
                Plan<TestCommand> plan = PhaseInstance.of(m, false).plan(); // acyclic, names resolve
                assertThat(plan.systemCount()).isEqualTo(m.size());
            }
        }
    }

    @Test
    void orderingsSometimesRunAgainstDeclarationOrderAndBothDirectionsAreDeclared() {
        boolean backwards = false;
        boolean before = false;
        boolean after = false;
        for (long i = 0; i < 200; i++) {
            PhaseModel m = RandomPhases.generate(RandomPhases.seedFor(3, i), PhaseShape.typical());
            Plan<TestCommand> plan = PhaseInstance.of(m, false).plan();
            int[] order = SequentialOracle.expect(plan).order();
            for (int k = 1; k < order.length; k++) {
                backwards |= order[k] < order[k - 1];
            }
            for (SystemModel s : m.systems()) {
                before |= !s.runsBefore().isEmpty();
                after |= !s.runsAfter().isEmpty();
            }
        }
        assertThat(backwards).as("some topological order differs from declaration order").isTrue();
        assertThat(before && after).as("both runsBefore and runsAfter are generated").isTrue();
    }

    @Test
    void faultyShapesMakeEveryKindOfFaultAndCleanShapesNone() {
        Set<Fault.Kind> kinds = new HashSet<>();
        for (long i = 0; i < 200; i++) {
            RandomPhases.generate(i, PhaseShape.faulty()).systems().forEach(s -> kinds.add(s.fault().kind()));
            assertThat(RandomPhases.generate(i, PhaseShape.typical()).hasFaults()).isFalse();
        }
        assertThat(kinds).containsExactlyInAnyOrder(Fault.Kind.values());
    }

    @Test
    void aPhasePrintsItsSeedItsReplayAndOneLinePerSystem() {
        PhaseModel m = RandomPhases.generate(42L, PhaseShape.small());
        assertThat(m.toString()).contains("seed 42").contains("RandomPhases.generate(42L, PhaseShape.small())")
                .hasLineCount(m.size() + 1);
        assertThat(m.toJava()).startsWith("PhaseModel.of(\"random-42\"").contains("SystemModel.");
        assertThat(PhaseShape.typical().withMaxWork(1).toJava()).startsWith("new PhaseShape(\"typical\"");
    }

    @Test
    void handWrittenSystemsPrintReadably() {
        SystemModel s = SystemModel.ranged("move", 500).withMinBatch(8).withSuppliedCount().withReads("Vel")
                .withWrites("Pos").withRunsAfter("input").withWork(3).withCommands(2).withFault(Fault.error(17));
        assertThat(s.toString()).isEqualTo("move: 500 entities, min batch 8 (supplied), reads [Vel], writes [Pos],"
                + " after [input], work 3/entity, commands <=2/entity, throws ERROR at entity 17");
        assertThat(s.toJava()).isEqualTo("SystemModel.ranged(\"move\", 500).withSuppliedCount().withMinBatch(8)"
                + ".withReads(\"Vel\").withWrites(\"Pos\").withRunsAfter(\"input\").withWork(3).withCommands(2)"
                + ".withFault(Fault.error(17))");
    }
}
