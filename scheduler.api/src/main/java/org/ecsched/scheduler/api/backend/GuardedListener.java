package org.ecsched.scheduler.api.backend;

import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;

/**
 * The listener a backend should call: the configured one, with every callback shielded. A callback that throws
 * loses its event, never the phase: a worker thread must not die, and a phase must not hang, because tracing code
 * failed. Guarded callbacks never throw. The first failure is logged at {@code WARNING} with its stack trace (logger
 * {@code org.ecsched.scheduler.api.backend.GuardedListener}); later ones are only counted ({@link #failures()}).
 *
 * <p>On the normal path the guard costs a call and an exception-table entry, no allocation.
 */
public final class GuardedListener implements SchedulerListener {

    private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());

    private final SchedulerListener delegate;
    private final AtomicLong failures = new AtomicLong();

    private GuardedListener(SchedulerListener delegate) {
        this.delegate = delegate;
    }

    /** The guarded form of {@code config}'s listener, or null when it has none (so call sites keep a null check). */
    public static SchedulerListener of(SchedulerConfig config) {
        SchedulerListener l = config.listener().orElse(null);
        return l == null || l instanceof GuardedListener ? l : new GuardedListener(l);
    }

    /** Callbacks that threw so far. */
    public long failures() {
        return failures.get();
    }

    /** Counts a failure and logs the first; never throws. */
    private void failed(String callback, Throwable t) {
        if (failures.getAndIncrement() == 0) { // no allocation: the count survives whatever follows
            try {
                InternalFaults.check(InternalFaults.Site.LISTENER_LOG);
                LOG.log(System.Logger.Level.WARNING, "scheduler listener " + delegate.getClass().getName() + "."
                        + callback + " threw; its events are dropped when it throws, the phases go on (logged once)",
                        t);
            } catch (Throwable cannotLog) {
                // The warning could not be built or written (out of memory, a broken logging backend): the failure
                // is counted and its event dropped, and the callback still returns normally.
            }
        }
    }

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        try {
            delegate.phaseStarted(plan, phaseNumber, nanoTime);
        } catch (Throwable t) {
            failed("phaseStarted", t);
        }
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        try {
            delegate.phaseFinished(plan, phaseNumber, result, nanoTime);
        } catch (Throwable t) {
            failed("phaseFinished", t);
        }
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        try {
            delegate.taskStarted(worker, plan, system, rangeStart, rangeEnd, nanoTime);
        } catch (Throwable t) {
            failed("taskStarted", t);
        }
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        try {
            delegate.taskFinished(worker, plan, system, rangeStart, rangeEnd, failed, nanoTime);
        } catch (Throwable t) {
            failed("taskFinished", t);
        }
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        try {
            delegate.stolen(thief, victim, count, nanoTime);
        } catch (Throwable t) {
            failed("stolen", t);
        }
    }

    @Override
    public void parked(int worker, long nanoTime) {
        try {
            delegate.parked(worker, nanoTime);
        } catch (Throwable t) {
            failed("parked", t);
        }
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        try {
            delegate.unparked(worker, nanoTime);
        } catch (Throwable t) {
            failed("unparked", t);
        }
    }

    @Override
    public String toString() {
        return "GuardedListener[" + delegate + "]";
    }
}
