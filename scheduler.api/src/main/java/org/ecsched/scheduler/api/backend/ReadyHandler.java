package org.ecsched.scheduler.api.backend;

/**
 * How a {@link PhaseRun} hands work back to its backend. Both methods are called on the thread that made the
 * event happen, with that thread's worker index; they must not block for long and must not throw.
 */
public interface ReadyHandler {

    /**
     * A system's predecessors are all done and it should run: the backend schedules its task (or its range tasks,
     * for an entity-parallel system with {@link PhaseRun#isSplittable(int)}).
     *
     * @param worker the worker index the event happened on (the index given to {@code start} or {@code runTask})
     * @param system the system's position in the plan
     */
    void ready(int worker, int system);

    /**
     * Every system of the phase has reached its outcome; called exactly once per phase, after which
     * {@link PhaseRun#finish()} may be called.
     *
     * @param worker the worker index the event happened on
     */
    void phaseFinished(int worker);
}
