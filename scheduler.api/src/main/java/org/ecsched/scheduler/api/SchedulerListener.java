package org.ecsched.scheduler.api;

import java.util.Objects;

/**
 * Receives scheduling events from a backend, for tracing and metrics.
 *
 * <p>Every method has an empty default. Calls come from worker threads, concurrently, on the hot path: keep them
 * short and thread-safe, and do not throw. If a callback does throw, the backends in this repository (through
 * {@link org.ecsched.scheduler.api.backend.GuardedListener}) drop that event, log the first failure, and go on:
 * a listener cannot kill a worker or hang a phase.
 * Backends call a listener only when one is configured: with none, the cost is one null check per event site.
 * Times are {@link java.lang.System#nanoTime()} readings.
 */
public interface SchedulerListener {

    /**
     * A listener that forwards every event to each of {@code listeners}, in order (for example a JFR listener and
     * a trace recorder at once).
     *
     * @param listeners the listeners, in the order they are called
     * @return the composite listener
     */
    static SchedulerListener compose(SchedulerListener... listeners) {
        SchedulerListener[] all = listeners.clone();
        for (SchedulerListener l : all) {
            Objects.requireNonNull(l, "listener");
        }
        return all.length == 1 ? all[0] : new CompositeListener(all);
    }

    /**
     * A phase starts.
     *
     * @param plan        the plan
     * @param phaseNumber counts the backend's phases from 1
     * @param nanoTime    {@link System#nanoTime()} at the event
     */
    default void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
    }

    /**
     * A phase ended.
     *
     * @param plan        the plan
     * @param phaseNumber counts the backend's phases from 1
     * @param result      the result, valid only during this call
     * @param nanoTime    {@link System#nanoTime()} at the event
     */
    default void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
    }

    /**
     * A task's body is about to run on {@code worker}.
     *
     * @param worker     the worker's index
     * @param plan       the plan
     * @param system     the system's position in the plan
     * @param rangeStart the task's first entity (0 for a system that runs once)
     * @param rangeEnd   the task's end entity, exclusive (0 for a system that runs once)
     * @param nanoTime   {@link System#nanoTime()} at the event
     */
    default void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
    }

    /**
     * A task's body returned or threw.
     *
     * @param worker     the worker's index
     * @param plan       the plan
     * @param system     the system's position in the plan
     * @param rangeStart the task's first entity (0 for a system that runs once)
     * @param rangeEnd   the task's end entity, exclusive (0 for a system that runs once)
     * @param failed     whether the body threw
     * @param nanoTime   {@link System#nanoTime()} at the event
     */
    default void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                              long nanoTime) {
    }

    /**
     * {@code thief} took {@code count} tasks from worker {@code victim}'s deque (batch takes from the shared
     * injector are not reported).
     *
     * @param thief    the stealing worker's index
     * @param victim   the index of the worker whose deque was stolen from
     * @param count    the tasks taken, at least 1
     * @param nanoTime {@link System#nanoTime()} at the event
     */
    default void stolen(int thief, int victim, int count, long nanoTime) {
    }

    /**
     * {@code worker} is about to park.
     *
     * @param worker   the worker's index
     * @param nanoTime {@link System#nanoTime()} at the event
     */
    default void parked(int worker, long nanoTime) {
    }

    /**
     * {@code worker} woke from parking.
     *
     * @param worker   the worker's index
     * @param nanoTime {@link System#nanoTime()} at the event
     */
    default void unparked(int worker, long nanoTime) {
    }
}
