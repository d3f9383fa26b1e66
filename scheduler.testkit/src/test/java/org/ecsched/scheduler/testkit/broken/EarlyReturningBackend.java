package org.ecsched.scheduler.testkit.broken;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * Broken on purpose: returns from {@code execute} before the last bodies ran. The bodies of systems nothing waits
 * for (no successor in the plan) are only queued during the phase, as a backend that counts a task done when it
 * hands it out would, and run late: at the start of the next {@code execute}. So the caller never sees what they
 * wrote when {@code execute} returns. Caught by rule 2.03 (deterministically: the late bodies run strictly after
 * the caller's check), and by rule 1.07 where a phase waits for them.
 */
final class EarlyReturningBackend extends DecoratedBackend {

    /** Bodies still to run; touched by the pool's threads during a phase and the caller between phases. */
    private final List<Runnable> late = new ArrayList<>();

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            if (PlanGraph.of(plan).successorCount(system) > 0) {
                return body;
            }
            return ctx -> later(() -> body.run(ctx));
        }

        @Override
        public <C> RangeBody<C> ranged(Plan<C> plan, int system, RangeBody<C> body) {
            if (PlanGraph.of(plan).successorCount(system) > 0) {
                return body;
            }
            return (start, end, ctx) -> later(() -> body.run(start, end, ctx));
        }
    });

    EarlyReturningBackend(SchedulerConfig config) {
        super(config);
    }

    /** A body to run late. */
    private interface Body {
        void run() throws Exception;
    }

    private void later(Body body) {
        synchronized (late) {
            late.add(() -> {
                try {
                    body.run();
                } catch (Throwable ignored) {
                    // its context is stale by now (commands throw): what matters is what the body wrote
                }
            });
        }
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        List<Runnable> due;
        synchronized (late) {
            due = new ArrayList<>(late);
            late.clear();
        }
        due.forEach(Runnable::run); // the last phase's sink bodies, after that phase returned
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }
}
