package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;

/**
 * Broken on purpose: loses a task. The task of the first system that runs once never runs, yet the system is
 * reported COMPLETED, as when a full queue silently drops a task and completion is decided by "no task left".
 * Caught by rule 1.01 (and, where the lost task records commands, 3.01).
 */
final class DroppingBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            for (int i = 0; i < system; i++) {
                if (!plan.system(i).isEntityParallel()) {
                    return body; // not the first system that runs once
                }
            }
            return ctx -> { }; // the lost task
        }
    });

    DroppingBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
