package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;

/**
 * Broken on purpose: runs a phase's before-each-run hooks inside the body of its first system, as a task on a pool
 * thread, instead of on the calling thread before the phase. Caught by rule 1.13, deterministically: the pool never
 * runs anything on the calling thread.
 */
final class HookInBodyBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public boolean keepBeforeEachRun(Plan<?> plan) {
            return false;
        }

        @Override
        public <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            return system != 0 ? body : ctx -> {
                plan.runBeforeEachRun();
                body.run(ctx);
            };
        }
    });

    HookInBodyBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
