package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;

/**
 * A correct backend (the blocking one) with one deliberate defect added by a subclass: the base of the kit's
 * broken backends. Forwards everything; a subclass overrides what it breaks.
 */
abstract class DecoratedBackend implements SchedulerBackend {

    final SchedulerBackend delegate;

    DecoratedBackend(SchedulerConfig config) {
        this.delegate = Schedulers.create("blocking", config);
    }

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public SchedulerConfig config() {
        return delegate.config();
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        return delegate.execute(plan, policy);
    }

    @Override
    public BackendStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
