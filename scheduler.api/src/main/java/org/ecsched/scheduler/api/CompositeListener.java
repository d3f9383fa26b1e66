package org.ecsched.scheduler.api;

/** Forwards each event to several listeners in order; made by {@link SchedulerListener#compose}. */
final class CompositeListener implements SchedulerListener {

    private final SchedulerListener[] listeners;

    CompositeListener(SchedulerListener[] listeners) {
        this.listeners = listeners;
    }

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.phaseStarted(plan, phaseNumber, nanoTime);
        }
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.phaseFinished(plan, phaseNumber, result, nanoTime);
        }
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.taskStarted(worker, plan, system, rangeStart, rangeEnd, nanoTime);
        }
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.taskFinished(worker, plan, system, rangeStart, rangeEnd, failed, nanoTime);
        }
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.stolen(thief, victim, count, nanoTime);
        }
    }

    @Override
    public void parked(int worker, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.parked(worker, nanoTime);
        }
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        for (SchedulerListener l : listeners) {
            l.unparked(worker, nanoTime);
        }
    }
}
