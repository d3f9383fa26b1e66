package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.junit.jupiter.api.Test;

/**
 * Inline phases ({@link PlanState}): a phase whose expected cost is below a wake-up runs on the calling thread
 * alone. The decision is driven with injected costs, never measured ones, so no verdict depends on how long a body
 * took: below the smallest wake cost the backend assumes ({@link Idle#MIN_PARK_DELAY_NANOS}) is inline whatever
 * the machine, above the largest ({@link Idle#MAX_PARK_DELAY_NANOS}) is not.
 */
class InlinePhaseTest {

    private static final long TINY = 100;          // ns for the whole system: far below any wake cost
    private static final long HUGE = 10_000_000;   // 10 ms: far above any wake cost

    private final AtomicInteger entities = new AtomicInteger(100);
    private final Plan<Object> plan = Phase.named("inline")
            .add(SystemSpec.named("a").writes("x").runs(ctx -> { }))
            .add(SystemSpec.named("b").writes("y").runs(ctx -> { }))
            .add(SystemSpec.named("c").writes("x").reads("y").forEachEntity(entities::get, (s, e, ctx) -> { }))
            .compile();

    @Test
    void theFirstPhaseIsOfferedToEveryWorkerBeforeAnythingIsMeasured() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            start(state);
            assertThat(state.runsInline()).isFalse();
        }
    }

    @Test
    void aPhaseExpectedToTakeLessThanAWakeUpRunsInline() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            state.recordCosts(s -> TINY);
            start(state);
            assertThat(state.runsInline()).isTrue();
        }
    }

    @Test
    void aPhaseExpectedToTakeLongerThanAWakeUpIsShared() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            state.recordCosts(s -> s == 1 ? HUGE : TINY);
            start(state);
            assertThat(state.runsInline()).isFalse();
        }
    }

    /**
     * A phase whose expected cost is near the wake cost gains or loses little either way, but switching costs: each
     * switch to the workers pays a wake-up, and a JVM whose small phases keep switching compiles its inline path
     * around the other one ({@code PlanState.lastRanInline} has the figures). So the decision has hysteresis: an
     * inline phase stays inline up to twice the wake cost, and a shared phase stays shared down to the wake cost.
     */
    @Test
    void aPhaseNearTheWakeCostRunsAsTheOneBeforeItDid() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            Plan<Object> once = Phase.named("once").add(SystemSpec.named("a").runs(ctx -> { })).compile();
            PlanState<Object> state = new PlanState<>(backend, new PhaseRun<>(once, 2, backend.config()));
            long wake = backend.wakeCostNanos();
            assertThat(decideAfter(state, wake / 2)).as("well below a wake-up").isTrue();
            assertThat(decideAfter(state, wake * 3 / 2)).as("1.5 wake-ups, after an inline phase").isTrue();
            assertThat(decideAfter(state, wake * 3)).as("3 wake-ups").isFalse();
            assertThat(decideAfter(state, wake * 3 / 2)).as("1.5 wake-ups, after a shared phase").isFalse();
            assertThat(decideAfter(state, wake / 2)).as("well below a wake-up again").isTrue();
        }
    }

    /**
     * Records {@code nanos} as the system's cost three times (so the median is {@code nanos}), runs the decision of
     * a phase on the plan's state, ends that phase unmeasured, and returns whether it ran inline.
     */
    private static boolean decideAfter(PlanState<Object> state, long nanos) {
        for (int i = 0; i < 3; i++) {
            state.recordCosts(s -> nanos);
        }
        state.run.start(FailurePolicy.FAIL_FAST, 0, state);
        state.takeRoots();
        boolean inline = state.runsInline();
        state.run.measureBodies(false); // nothing ran: nothing of this phase to record
        state.endPhase();
        return inline;
    }

    /**
     * One measurement far above the others (the thread was descheduled inside a body, a page fault, a GC pause) is
     * not a new cost: it must not send the following phases to the workers, where each would pay a wake-up for
     * nothing until the average forgot it. Two in a row are a new cost, and are believed.
     */
    @Test
    void oneOutlyingMeasurementDoesNotEndInlinePhasesButTwoInARowDo() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            for (int phase = 0; phase < 3; phase++) {
                state.recordCosts(s -> TINY);
            }
            state.recordCosts(s -> s == 1 ? HUGE : TINY);
            start(state);
            assertThat(state.runsInline()).as("after one outlier").isTrue();
            finishPhase(state);
            state.recordCosts(s -> s == 1 ? HUGE : TINY);
            start(state);
            assertThat(state.runsInline()).as("after two in a row").isFalse();
        }
    }

    /**
     * The first phases run cold (interpreted code, empty caches) and measure far more than the steady state: they
     * must not keep a small phase on the workers for long once the costs settle.
     */
    @Test
    void aColdFirstMeasurementIsForgottenOnceTwoSteadyOnesFollow() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            state.recordCosts(s -> HUGE);
            state.recordCosts(s -> TINY);
            state.recordCosts(s -> TINY);
            start(state);
            assertThat(state.runsInline()).isTrue();
        }
    }

    /**
     * A root's count is read when the phase starts, so the decision scales with this phase's count (a later
     * system's count is read when it becomes ready: the estimate then uses the count it had when last read).
     */
    @Test
    void theExpectedCostScalesWithThisPhasesEntityCountOfARoot() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            Plan<Object> rootPlan = Phase.named("inline-root")
                    .add(SystemSpec.named("c").forEachEntity(entities::get, (s, e, ctx) -> { })).compile();
            PlanState<Object> state = new PlanState<>(backend, new PhaseRun<>(rootPlan, 2, backend.config()));
            state.run.start(FailurePolicy.FAIL_FAST, 0, state); // 100 entities
            state.takeRoots();
            finishPhase(state);                                 // measured 0 ns: c's tasks did not run
            state.recordCosts(s -> TINY);                       // so 1 ns per entity of c,
            state.recordCosts(s -> TINY);                       // twice: believed over the 0 above
            entities.set(100_000_000);                          // 100 ms of c now
            start(state);
            assertThat(state.runsInline()).isFalse();
        }
    }

    @Test
    void withOneWorkerEveryPhaseRunsInline() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(1))) {
            PlanState<Object> state = newState(backend);
            start(state);
            assertThat(state.runsInline()).isTrue();
        }
    }

    @Test
    void theConfigurationTurnsInlinePhasesOff() {
        for (int workers : new int[] {1, 2}) {
            try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(workers)
                    .inlineSmallPhases(false))) {
                PlanState<Object> state = newState(backend);
                state.recordCosts(s -> TINY);
                start(state);
                assertThat(state.runsInline()).as("%d workers", workers).isFalse();
            }
        }
    }

    @Test
    void anInlinePhaseListsTheRootsThenEachSystemAsItBecomesReady() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(2))) {
            PlanState<Object> state = newState(backend);
            state.recordCosts(s -> TINY);
            int roots = start(state);
            assertThat(roots).isEqualTo(2);
            List<Integer> ran = new ArrayList<>();
            for (int k = 0; k < state.inlineCount(); k++) { // what WorkStealingBackend.driveInline does
                Task t = state.rootTask(k);
                ran.add(t.system);
                state.run.runTask(0, t.system, 0, t.end, state); // c's whole range as one task
            }
            assertThat(ran).containsExactly(0, 1, 2);
            assertThat(state.run.isFinished()).isTrue();
            PhaseResult<Object> result = state.run.finish();
            assertThat(result.succeeded()).isTrue();
            assertThat(result.tasksExecuted()).isEqualTo(3);
            finishPhase(state);
        }
    }

    @Test
    void measuringCostsTheWarmUpPhasesAndThenOneInSixteen() {
        try (WorkStealingBackend backend = backend(SchedulerConfig.builder().workers(1))) {
            PlanState<Object> state = newState(backend);
            List<Integer> measured = new ArrayList<>();
            for (int phase = 0; phase < 40; phase++) {
                if (state.run.isMeasuringBodies()) {
                    measured.add(phase);
                }
                start(state);
                for (int k = 0; k < state.inlineCount(); k++) {
                    Task t = state.rootTask(k);
                    state.run.runTask(0, t.system, 0, t.end, state);
                }
                state.run.finish();
                finishPhase(state);
            }
            assertThat(measured).containsExactly(0, 1, 2, 3, 16, 32);
        }
    }

    private static WorkStealingBackend backend(SchedulerConfig.Builder config) {
        return new WorkStealingBackend(config.build());
    }

    private PlanState<Object> newState(WorkStealingBackend backend) {
        return new PlanState<>(backend, new PhaseRun<>(plan, backend.config().workers(), backend.config()));
    }

    /** Starts a phase as the template does and lets the state take its roots; returns how many. */
    private static int start(PlanState<Object> state) {
        state.run.start(FailurePolicy.FAIL_FAST, 0, state);
        return state.takeRoots();
    }

    /** Ends a phase as {@code drive} does (the systems' tasks need not have run for the decision tests). */
    private static void finishPhase(PlanState<Object> state) {
        state.endPhase();
    }
}
