package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cost classes grow with the cost, are about a fifth apart, and stay inside the table. */
class CostClassTest {

    @Test
    void growsWithTheCostAndStaysInRange() {
        int previous = PlanState.costClass(0);
        assertThat(previous).isZero();
        for (double cost = 1; cost < 1e19; cost *= 1.01) {
            int c = PlanState.costClass(cost);
            assertThat(c).as("class of %s", cost).isGreaterThanOrEqualTo(previous).isLessThan(PlanState.COST_CLASSES);
            previous = c;
        }
        assertThat(PlanState.costClass(Double.MAX_VALUE)).isEqualTo(PlanState.COST_CLASSES - 1);
        assertThat(PlanState.costClass(Double.NaN)).isZero();
        assertThat(PlanState.costClass(-5)).isZero();
    }

    @Test
    void separatesCostsAQuarterApartAndGroupsCloseOnes() {
        assertThat(PlanState.costClass(1_000_000)).isLessThan(PlanState.costClass(1_250_000));
        assertThat(PlanState.costClass(1_000_000)).isEqualTo(PlanState.costClass(1_010_000));
        assertThat(PlanState.costClass(1)).isEqualTo(0);
        assertThat(PlanState.costClass(2)).isEqualTo(4);
        assertThat(PlanState.costClass(3)).isEqualTo(6); // 1.5 x 2^1
    }
}
