package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;

/**
 * Broken on purpose: runs a system's end body right after its begin body, in the same task, before any range (as
 * a backend that treats both as "the system's single task" would). Caught by rule 1.10, deterministically: the end
 * body always finds no range run.
 */
final class BracketsTogetherBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> SystemBody<C> begin(Plan<C> plan, int system, SystemBody<C> body) {
            SystemBody<C> end = plan.system(system).endBody();
            return end == null ? body : ctx -> {
                body.run(ctx);
                end.run(ctx);
            };
        }

        @Override
        public <C> SystemBody<C> end(Plan<C> plan, int system, SystemBody<C> body) {
            return plan.system(system).beginBody() == null ? body : null; // already run, with begin
        }
    });

    BracketsTogetherBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
