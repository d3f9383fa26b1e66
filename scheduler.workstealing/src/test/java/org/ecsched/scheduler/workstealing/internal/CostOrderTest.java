package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cost-aware start ({@link PlanState}): the first phase hands its roots out in declaration order; once costs are
 * recorded, later phases hand out the longest root first. The costs are injected, not measured, so that no verdict
 * depends on how long a body happened to take; how much the order gains is a benchmark's question
 * ({@code scheduler.bench}).
 */
class CostOrderTest {

    private final WorkStealingBackend backend =
            new WorkStealingBackend(SchedulerConfig.builder().workers(2).inlineSmallPhases(false).build());
    private final Plan<Object> plan = fourRoots();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void rootsStartInDeclarationOrderBeforeAnyCostIsKnown() {
        assertThat(roots(newState())).containsExactly(0, 1, 2, 3);
    }

    @Test
    void rootsStartLongestFirstOnceCostsAreRecorded() {
        PlanState<Object> state = newState();
        long[] nanos = {1_000, 40_000, 8_000, 300_000}; // declared in no order of cost
        state.recordCosts(s -> nanos[s]);
        assertThat(roots(state)).containsExactly(3, 1, 2, 0);
    }

    @Test
    void rootsOfEqualCostKeepTheirDeclarationOrder() {
        PlanState<Object> state = newState();
        long[] nanos = {5_000, 90_000, 5_000, 5_000};
        state.recordCosts(s -> nanos[s]);
        assertThat(roots(state)).containsExactly(1, 0, 2, 3);
    }

    @Test
    void aSingleSlowPhaseDoesNotMoveARootButTwoInARowDo() {
        PlanState<Object> state = newState();
        long[] nanos = {100_000, 50_000, 20_000, 10_000};
        state.recordCosts(s -> nanos[s]);
        // System 3 takes 30 times longer once: an outlier, which the median of its measurements ignores...
        long[] spike = {100_000, 50_000, 20_000, 300_000};
        state.recordCosts(s -> spike[s]);
        assertThat(roots(state)).containsExactly(0, 1, 2, 3);
        // ...and twice in a row: a new cost, past every other system's.
        state.run.measureBodies(false); // the phase roots() started ran no body: nothing of it to record
        state.endPhase();
        state.recordCosts(s -> spike[s]);
        assertThat(roots(state)).containsExactly(3, 0, 1, 2);
    }

    private PlanState<Object> newState() {
        return new PlanState<>(backend, new PhaseRun<>(plan, 2, backend.config()));
    }

    /** The systems of the roots in the order {@link PlanState#takeRoots} hands them out after a phase starts. */
    private static List<Integer> roots(PlanState<Object> state) {
        state.run.start(FailurePolicy.FAIL_FAST, 0, state);
        int n = state.takeRoots();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            order.add(state.rootTask(k).system);
        }
        return order;
    }

    private static Plan<Object> fourRoots() {
        Phase.Builder<Object> phase = Phase.named("costs");
        for (int i = 0; i < 4; i++) {
            phase.add(SystemSpec.named("s" + i).runs(ctx -> { }));
        }
        return phase.compile();
    }
}
