package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The root sort key orders by cost descending, ties by system ascending, and round-trips the system index. */
class RootKeyTest {

    @Test
    void ordersByCostDescendingThenSystemAscending() {
        double[] costs = {5, 0, 1e12, 5, 3.5, 0, Double.MAX_VALUE};
        long[] keys = new long[costs.length];
        for (int s = 0; s < costs.length; s++) {
            keys[s] = PlanState.rootKey(costs[s], s);
        }
        Arrays.sort(keys);
        int[] order = Arrays.stream(keys).mapToInt(k -> (int) k).toArray();
        assertThat(order).containsExactly(6, 2, 0, 3, 4, 1, 5);
    }

    @Test
    void keepsLargeSystemIndicesAndNearlyEqualCosts() {
        long a = PlanState.rootKey(1000.0, Integer.MAX_VALUE);
        long b = PlanState.rootKey(1001.0, 0);
        assertThat((int) a).isEqualTo(Integer.MAX_VALUE);
        assertThat(b).as("the larger cost sorts first").isLessThan(a);
    }
}
