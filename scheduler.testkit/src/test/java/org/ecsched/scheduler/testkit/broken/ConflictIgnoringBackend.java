package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: ignores the plan's DAG and starts every system's tasks at once, the mistake of a scheduler
 * that hands all stages of a phase to its thread pool together. Caught by rules 2.02 (component guards) and
 * 2.01 (orderings).
 */
final class ConflictIgnoringBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public boolean keepConstraints() {
            return false;
        }
    });

    ConflictIgnoringBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
