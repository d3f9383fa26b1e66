package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * A correct backend (the kit's own {@link ParkingPoolBackend}, so that the kit depends on no backend it verifies)
 * with one deliberate defect added by a subclass: the base of the kit's broken backends whose defect lies in what
 * {@code execute} returns or around it. Forwards everything; a subclass overrides what it breaks.
 */
abstract class DecoratedBackend implements SchedulerBackend {

    final SchedulerBackend delegate;

    DecoratedBackend(SchedulerConfig config) {
        this.delegate = new ParkingPoolBackend(config);
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
