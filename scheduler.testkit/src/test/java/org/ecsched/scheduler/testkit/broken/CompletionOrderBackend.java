package org.ecsched.scheduler.testkit.broken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * Broken on purpose: schedules correctly but delivers commands in the order tasks completed (as merging
 * per-worker buffers as they finish would), not in plan order. Caught by rule 3.01 (and 3.02, 3.03).
 */
final class CompletionOrderBackend extends DecoratedBackend {

    /** Commands of one finished task, appended when it finishes. */
    private record Finished(int system, List<Object> commands) {
    }

    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final PlanRewriter rewriter = new PlanRewriter(new PlanRewriter.Change() {
        @Override
        public <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            return ctx -> {
                Capture<C> capture = new Capture<>(ctx);
                body.run(capture);
                finished.add(new Finished(system, capture.commands));
            };
        }

        @Override
        public <C> RangeBody<C> ranged(Plan<C> plan, int system, RangeBody<C> body) {
            return (start, end, ctx) -> {
                Capture<C> capture = new Capture<>(ctx);
                body.run(start, end, capture);
                finished.add(new Finished(system, capture.commands));
            };
        }
    });

    CompletionOrderBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        PhaseResult<C> inner = delegate.execute(rewriter.rewrite(plan), policy);
        List<Finished> done = new ArrayList<>();
        for (Finished f; (f = finished.poll()) != null; ) {
            done.add(f);
        }
        List<C> inCompletionOrder = new ArrayList<>();
        for (Finished f : done) {
            if (inner.outcome(f.system()) == SystemOutcome.COMPLETED) {
                for (Object c : f.commands()) {
                    @SuppressWarnings("unchecked")
                    C command = (C) c;
                    inCompletionOrder.add(command);
                }
            }
        }
        return new ForwardingResult<>(plan, inner) {
            @Override
            public List<C> commands() {
                return inCompletionOrder;
            }
        };
    }

    /** A context that keeps the task's commands for itself and forwards everything else. */
    private static final class Capture<C> implements SystemContext<C> {
        private final SystemContext<C> ctx;
        final List<Object> commands = new ArrayList<>();

        Capture(SystemContext<C> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void add(C command) {
            commands.add(command);
        }

        @Override
        public int workerIndex() {
            return ctx.workerIndex();
        }

        @Override
        public int workerCount() {
            return ctx.workerCount();
        }

        @Override
        public String systemName() {
            return ctx.systemName();
        }

        @Override
        public int systemIndex() {
            return ctx.systemIndex();
        }

        @Override
        public int rangeStart() {
            return ctx.rangeStart();
        }

        @Override
        public int rangeEnd() {
            return ctx.rangeEnd();
        }
    }
}
