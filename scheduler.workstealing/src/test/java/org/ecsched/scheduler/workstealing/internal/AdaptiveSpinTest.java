package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code adaptiveSpin} knob: off, the spin budget is exactly {@code spinIterations} and a worker parks right
 * after its yields; on, the budget follows steals and a worker waits about as long as its measured wake-ups
 * before parking (competitive spinning).
 */
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

    @Test
    void parkDelayStartsAtTheAssumedWakeLatencyAndStaysWithinItsBounds() {
        // Inline phases off: this phase is too small to wake anybody otherwise, and each round needs a wake-up.
        WorkStealingBackend b = new WorkStealingBackend(SchedulerConfig.builder().workers(2).inlineSmallPhases(false)
                .build());
        try {
            assertThat(b.worker(1).parkDelayNanos()).isEqualTo(Idle.INITIAL_WAKE_LATENCY_NANOS);
            Plan<Object> plan = Phase.named("p").add(SystemSpec.named("s").runs(ctx -> { })).compile();
            for (int round = 0; round < 20; round++) { // each round: worker 1 parks, then a phase wakes it
                long parks = b.stats().parks();
                int polls = 0;
                while (b.stats().parks() == parks && ++polls < 5_000) {
                    LockSupport.parkNanos(1_000_000L);
                }
                b.execute(plan).throwIfFailed();
            }
            assertThat(b.stats().parks()).as("worker 1 parked between phases").isPositive();
            assertThat(b.worker(1).parkDelayNanos())
                    .isBetween(Idle.MIN_PARK_DELAY_NANOS, Idle.MAX_PARK_DELAY_NANOS);
        } finally {
            b.close();
        }
    }

    @Test
    void piecesLastAboutTheTargetTimeOnceACostIsMeasured() {
        // 10 ns per entity: a 50 µs piece is 5,000 entities.
        assertThat(PlanState.entitiesInPieceOf(10.0)).isEqualTo(5_000);
        // Very cheap entities: capped at Integer.MAX_VALUE; very expensive ones: at least one entity.
        assertThat(PlanState.entitiesInPieceOf(1e-6)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PlanState.entitiesInPieceOf(1e14)).isEqualTo(1);
        // Nothing measured (no cost, or none that means anything): no bound from the cost model.
        assertThat(PlanState.entitiesInPieceOf(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PlanState.entitiesInPieceOf(Double.NaN)).isEqualTo(Integer.MAX_VALUE);
    }
}
