package org.ecsched.scheduler.testkit.broken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: reads every supplied entity count at the start of the phase, on the calling thread, as
 * {@code PhaseRun.start} once did, and cuts the system by that snapshot. A count that a predecessor makes in the
 * same phase is then last phase's. Caught by rule 1.08 (deterministically: the rule's counts change every phase).
 */
final class CountAtStartBackend extends DecoratedBackend {

    /** Per original supplier, what it gave at the start of the current phase (or what it threw). */
    private final Map<IntSupplier, Object> snapshot = new ConcurrentHashMap<>();

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> IntSupplier count(Plan<C> plan, int system, IntSupplier count) {
            return () -> {
                Object v = snapshot.get(count);
                if (v instanceof RuntimeException e) {
                    throw e;
                }
                return (Integer) v;
            };
        }
    });

    CountAtStartBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        for (int s = 0; s < plan.systemCount(); s++) {
            if (plan.system(s).isEntityParallel() && plan.system(s).fixedEntityCount() < 0) {
                IntSupplier count = plan.system(s).entityCount();
                Object v;
                try {
                    v = count.getAsInt();
                } catch (RuntimeException e) {
                    v = e;
                }
                snapshot.put(count, v);
            }
        }
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
