package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecsched.scheduler.api.SchedulerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code adaptiveSpin} knob: off, the spin budget is exactly {@code spinIterations}; on, it follows steals. */
@Timeout(30)
class AdaptiveSpinTest {

    @Test
    void adaptiveOffUsesTheConfiguredBudgetOnUsesTheStealSuccessRate() {
        SchedulerConfig off = SchedulerConfig.builder().workers(2).spinIterations(1000).adaptiveSpin(false).build();
        SchedulerConfig on = SchedulerConfig.builder().workers(2).spinIterations(1000).adaptiveSpin(true).build();
        WorkStealingBackend a = new WorkStealingBackend(off);
        WorkStealingBackend b = new WorkStealingBackend(on);
        try {
            assertThat(a.worker(0).spinBudget()).isEqualTo(1000);
            // initial success rate 0.5: 1000 * (0.25 + 1.75 * 0.5)
            assertThat(b.worker(0).spinBudget()).isEqualTo(1125);
            assertThat(b.worker(0).spinBudget()).isBetween(250, 2000);
        } finally {
            a.close();
            b.close();
        }
    }
}
