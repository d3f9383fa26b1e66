package org.ecsched.scheduler.testkit.broken;

import java.util.function.Consumer;
import org.ecsched.scheduler.api.EntitySet;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemContext;

/**
 * Broken on purpose: hands an exclusive system a context whose {@code drainCommands} hands over nothing, as a
 * backend with contexts of its own that never implemented the sync point might (and quietly, instead of throwing
 * the interface's {@code UnsupportedOperationException}). The commands are then not lost but late: they arrive
 * in the result, after the exclusive system that should have applied them. Caught by rule 1.14,
 * deterministically: the exclusive system's sink gets nothing, and the result holds what it should have had.
 */
final class LateDrainBackend extends DecoratedBackend {

    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            return !plan.system(system).isExclusive() ? body : ctx -> body.run(new NoDrain<>(ctx));
        }
    });

    LateDrainBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return new ForwardingResult<>(plan, delegate.execute(rewriter.rewrite(plan), policy));
    }

    /** Forwards everything to the real context but the drain, which does nothing. */
    private record NoDrain<C>(SystemContext<C> real) implements SystemContext<C> {
        @Override
        public void drainCommands(Consumer<? super C> sink) {
            // the defect: nothing handed over, nothing removed
        }

        @Override
        public void add(C command) {
            real.add(command);
        }

        @Override
        public int workerIndex() {
            return real.workerIndex();
        }

        @Override
        public int workerCount() {
            return real.workerCount();
        }

        @Override
        public String systemName() {
            return real.systemName();
        }

        @Override
        public int systemIndex() {
            return real.systemIndex();
        }

        @Override
        public int rangeStart() {
            return real.rangeStart();
        }

        @Override
        public int rangeEnd() {
            return real.rangeEnd();
        }

        @Override
        public EntitySet entitySet() {
            return real.entitySet();
        }
    }
}
