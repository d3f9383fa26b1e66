package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.driver;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.onceCommands;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.outcomes;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.perEntity;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.perEntityCommands;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.plan;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.records;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.sys;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * Properties of {@link PhaseRun} over random task orders, range cuts and worker indices (driven by
 * {@link ManualDriver} from a random seed).
 *
 * <p>Kept apart from {@link PhaseRunTest} on purpose: jqwik does not discover {@code @Property} methods inside
 * Jupiter {@code @Nested} classes (it wants its own {@code @Group}), and such properties silently never run.
 */
class PhaseRunPropertyTest {

    /**
     * Commands come by system position in the plan, then range start, then record order -- whatever order
     * the ranges ran in, on whichever worker indices, and however the ranges were cut.
     */
    @Property(tries = 60)
    void mergeOrderIsPositionThenRangeStartThenRecordOrder(@ForAll long seed,
                                                            @ForAll @IntRange(min = 1, max = 8) int workers) {
        Plan<String> plan = plan(
                sys("spawn").writes("Pos").runs(records("spawn", 3)),
                sys("move").reads("Vel").writes("Pos").minBatchSize(1).forEachEntity(37, perEntity("move")),
                sys("collide").reads("Pos").minBatchSize(3).forEachEntity(20, perEntity("collide")),
                sys("ai").writes("Brain").runs(records("ai", 2)),
                sys("nobody").writes("Ghost").forEachEntity(0, perEntity("nobody")),
                sys("silent").runs(ctx -> { }),
                // Declared last but ordered first: its commands still come last (position, not time).
                sys("input").runsBefore("spawn").minBatchSize(2).forEachEntity(9, perEntity("input")));
        ManualDriver<String> d = driver(plan, workers, seed);

        PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);

        List<String> expected = new ArrayList<>();
        expected.addAll(onceCommands("spawn", 3));
        expected.addAll(perEntityCommands("move", 37));
        expected.addAll(perEntityCommands("collide", 20));
        expected.addAll(onceCommands("ai", 2));
        expected.addAll(perEntityCommands("input", 9));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.commands()).containsExactlyElementsOf(expected);
        assertThat(r.commandCount()).isEqualTo(expected.size());
        List<String> viaForEach = new ArrayList<>();
        r.forEachCommand(viaForEach::add);
        assertThat(viaForEach).isEqualTo(expected);
        assertThat(r.command(0)).isEqualTo("spawn#0");
        assertThat(r.failures()).isEmpty();
    }

    /**
     * CONTINUE: everything runs except the systems that depend, directly or transitively, on a failed one;
     * independent systems keep their commands, the failed system's commands are dropped.
     */
    @Property(tries = 30)
    void continueSkipsOnlyDependents(@ForAll long seed) {
        Plan<String> plan = plan(sys("a").runs(records("a", 1)),
                sys("b").runs(ctx -> {
                    ctx.add("b#0");
                    throw new IllegalStateException("b failed");
                }),
                sys("c").runsAfter("b").runs(records("c", 1)),
                sys("d").runsAfter("c").runs(records("d", 1)),
                sys("e").minBatchSize(1).forEachEntity(5, perEntity("e")),
                sys("f").runsAfter("a").runs(records("f", 1)));
        PhaseResult<String> r = driver(plan, 3, seed).runPhase(FailurePolicy.CONTINUE);

        assertThat(outcomes(r)).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.FAILED,
                SystemOutcome.SKIPPED, SystemOutcome.SKIPPED, SystemOutcome.COMPLETED, SystemOutcome.COMPLETED);
        List<String> expected = new ArrayList<>(List.of("a#0"));
        expected.addAll(perEntityCommands("e", 5));
        expected.add("f#0");
        assertThat(r.commands()).containsExactlyElementsOf(expected);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.systemName()).isEqualTo("b"));
    }
}
