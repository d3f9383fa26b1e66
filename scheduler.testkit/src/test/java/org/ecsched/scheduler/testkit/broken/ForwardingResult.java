package org.ecsched.scheduler.testkit.broken;

import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * The delegate's result of a rewritten plan, shown as the result of the original plan (same positions), with the
 * commands a subclass chooses.
 */
class ForwardingResult<C> implements PhaseResult<C> {

    private final Plan<C> plan;
    private final PhaseResult<C> delegate;

    ForwardingResult(Plan<C> plan, PhaseResult<C> delegate) {
        this.plan = plan;
        this.delegate = delegate;
    }

    @Override
    public Plan<C> plan() {
        return plan;
    }

    @Override
    public FailurePolicy policy() {
        return delegate.policy();
    }

    @Override
    public boolean succeeded() {
        return delegate.succeeded();
    }

    @Override
    public SystemOutcome outcome(int systemIndex) {
        return delegate.outcome(systemIndex);
    }

    @Override
    public Throwable failure(int systemIndex) {
        return delegate.failure(systemIndex);
    }

    @Override
    public List<SystemFailure> failures() {
        return delegate.failures();
    }

    @Override
    public List<C> commands() {
        return delegate.commands();
    }

    @Override
    public int commandCount() {
        return commands().size();
    }

    @Override
    public C command(int index) {
        return commands().get(index);
    }

    @Override
    public int tasksExecuted() {
        return delegate.tasksExecuted();
    }

    @Override
    public long durationNanos() {
        return delegate.durationNanos();
    }
}
