package org.ecsched.scheduler.testkit.broken;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * Broken on purpose: a result keeps reading its plan's latest phase. Every result it returns forwards to the most
 * recent result of the same plan, so a result kept across an execution silently shows the next frame's outcomes
 * and commands: the reused result object without a generation check. Caught by rule 3.06 only (other plans never
 * disturb it, so rule 3.05 passes).
 */
final class LatestResultBackend extends DecoratedBackend {

    /** The latest delegate result per plan (plans compare by identity). */
    private final Map<Plan<?>, PhaseResult<?>> latest = new ConcurrentHashMap<>();

    LatestResultBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        latest.put(plan, delegate.execute(plan, policy));
        return new LatestResult<>(plan);
    }

    /** Forwards every call to the plan's latest result, whichever phase this view was returned for. */
    private final class LatestResult<C> implements PhaseResult<C> {
        private final Plan<C> plan;

        LatestResult(Plan<C> plan) {
            this.plan = plan;
        }

        @SuppressWarnings("unchecked") // put by execute for this plan, whose commands are C
        private PhaseResult<C> now() {
            return (PhaseResult<C>) latest.get(plan);
        }

        @Override
        public Plan<C> plan() {
            return plan;
        }

        @Override
        public FailurePolicy policy() {
            return now().policy();
        }

        @Override
        public boolean succeeded() {
            return now().succeeded();
        }

        @Override
        public SystemOutcome outcome(int systemIndex) {
            return now().outcome(systemIndex);
        }

        @Override
        public Throwable failure(int systemIndex) {
            return now().failure(systemIndex);
        }

        @Override
        public List<SystemFailure> failures() {
            return List.copyOf(now().failures());
        }

        @Override
        public int commandCount() {
            return now().commandCount();
        }

        @Override
        public C command(int index) {
            return now().command(index);
        }

        @Override
        public List<C> commands() {
            return List.copyOf(now().commands());
        }

        @Override
        public int tasksExecuted() {
            return now().tasksExecuted();
        }

        @Override
        public long durationNanos() {
            return now().durationNanos();
        }
    }
}
