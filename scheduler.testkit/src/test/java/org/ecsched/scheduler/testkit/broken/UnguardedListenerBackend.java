package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;

/**
 * Broken on purpose: reports phase events to the listener itself, without a guard, so a listener that throws
 * breaks the phase. Caught by rule 6.06.
 */
final class UnguardedListenerBackend extends DecoratedBackend {

    private final SchedulerListener listener;
    private long phases;

    UnguardedListenerBackend(SchedulerConfig config) {
        super(config.toBuilder().listener(null).build());
        this.listener = config.listener().orElse(null);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        long phase = ++phases;
        if (listener != null) {
            listener.phaseStarted(plan, phase, System.nanoTime()); // the defect: a throw escapes execute
        }
        PhaseResult<C> result = delegate.execute(plan, policy);
        if (listener != null) {
            listener.phaseFinished(plan, phase, result, System.nanoTime());
        }
        return result;
    }
}
