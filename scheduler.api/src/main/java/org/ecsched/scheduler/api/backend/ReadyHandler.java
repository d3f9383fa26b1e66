package org.ecsched.scheduler.api.backend;

/**
 * How a {@link PhaseRun} hands work back to its backend. Both methods are called on the thread that made the
 * event happen, with that thread's worker index; they must not block for long and must not throw. PhaseRun does
 * not catch what they throw (it cannot know which of a system's tasks were scheduled), so a backend whose own
 * code fails while it schedules a ready system (an {@link OutOfMemoryError} making a task, say) catches that
 * itself and ends the tasks it could not schedule with {@link PhaseRun#failTask}; both methods may call back into
 * the run on the same thread.
 */
public interface ReadyHandler {

    /**
     * A system's predecessors are all done and it should run: the backend schedules its task (or its range tasks,
     * for an entity-parallel system with {@link PhaseRun#isSplittable(int)}). Read {@code isSplittable} and
     * {@code entityCount} here, not earlier: a system with begin or end bodies is reported ready once per stage (a
     * single task for its begin body, then its ranges, then a single task for its end body), each time after every
     * task of the previous stage ended, and {@code isSplittable} says which.
     *
     * @param worker the worker index the event happened on (the index given to {@code start} or {@code runTask})
     * @param system the system's position in the plan
     */
    void ready(int worker, int system);

    /**
     * Every system of the phase has reached its outcome, or the phase waits for an exclusive system that the
     * coordinating thread must run ({@link PhaseRun#exclusivePending()} says which): either way the backend's
     * drive should return. Called once per phase, plus once per exclusive system that runs; once the run has no
     * exclusive system pending, {@link PhaseRun#finish()} may be called.
     *
     * @param worker the worker index the event happened on
     */
    void phaseFinished(int worker);
}
