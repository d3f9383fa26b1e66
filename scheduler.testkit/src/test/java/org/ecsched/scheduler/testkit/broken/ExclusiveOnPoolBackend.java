package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: runs an exclusive system like any other, on a pool thread, as a backend whose pool threads run
 * every body and that knows nothing of exclusive systems would. Caught by rule 1.12, deterministically: the pool
 * never runs a body on the calling thread.
 */
final class ExclusiveOnPoolBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public boolean keepExclusive(Plan<?> plan, int system) {
            return false;
        }
    });

    ExclusiveOnPoolBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
