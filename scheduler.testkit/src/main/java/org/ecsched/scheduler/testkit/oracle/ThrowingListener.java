package org.ecsched.scheduler.testkit.oracle;

import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerListener;

/** A listener with a bug in every callback: each one throws (rule 6.06 checks that only its events are lost). */
public final class ThrowingListener implements SchedulerListener {

    /** Makes the listener; it keeps no state. */
    public ThrowingListener() {
    }
    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.phaseStarted");
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.phaseFinished");
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.taskStarted");
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        throw new IllegalStateException("ThrowingListener.taskFinished");
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.stolen");
    }

    @Override
    public void parked(int worker, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.parked");
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        throw new IllegalStateException("ThrowingListener.unparked");
    }
}
