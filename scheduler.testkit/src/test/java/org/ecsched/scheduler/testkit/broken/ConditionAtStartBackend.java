package org.ecsched.scheduler.testkit.broken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: asks every run condition at the start of the phase, on the calling thread, and decides by
 * that snapshot when the system becomes ready. A condition that depends on what a predecessor does in the same
 * phase then answers for the last phase. Caught by rule 1.11 (deterministically: the rule's predecessor flips the
 * condition every phase).
 */
final class ConditionAtStartBackend extends DecoratedBackend {

    /** Per original condition, its answer at the start of the current phase. */
    private final Map<BooleanSupplier, Boolean> snapshot = new ConcurrentHashMap<>();

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> BooleanSupplier runIf(Plan<C> plan, int system, BooleanSupplier condition) {
            return () -> snapshot.getOrDefault(condition, true);
        }
    });

    ConditionAtStartBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        for (int s = 0; s < plan.systemCount(); s++) {
            BooleanSupplier condition = plan.system(s).runCondition();
            if (condition != null) {
                try {
                    snapshot.put(condition, condition.getAsBoolean());
                } catch (RuntimeException e) {
                    snapshot.remove(condition);
                }
            }
        }
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
