package org.ecsched.scheduler.api;

import java.util.Objects;

/**
 * One throwable caught from one task.
 *
 * @param systemName  the failed system
 * @param systemIndex its position in the plan
 * @param rangeStart  the task's first entity (0 for a system that runs once, and for a failure of a whole system
 *                    outside any range task, such as its entity count that could not be read)
 * @param rangeEnd    the task's end entity, exclusive (0 in the same cases; a range task always holds at least one
 *                    entity, so {@code rangeEnd > rangeStart} exactly when the failure is of a range)
 * @param workerIndex the worker that ran it (scheduling-dependent)
 * @param cause       what was thrown
 */
public record SystemFailure(String systemName, int systemIndex, int rangeStart, int rangeEnd, int workerIndex,
                            Throwable cause) {

    /**
     * Checks the fields.
     *
     * @param systemName  the failed system, not null
     * @param systemIndex its position in the plan
     * @param rangeStart  the task's first entity, or 0
     * @param rangeEnd    the task's end entity, exclusive, or 0
     * @param workerIndex the worker that ran it
     * @param cause       what was thrown, not null
     */
    public SystemFailure {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * For example {@code system 'move' [128, 256) on worker 2 threw ...} for a range, and
     * {@code system 'input' (whole system) on worker 0 threw ...} for a system that runs once (or a failure outside
     * any range): never the empty range {@code [0, 0)}, which would read as a range that held nothing.
     */
    @Override
    public String toString() {
        String where = rangeEnd > rangeStart ? " [" + rangeStart + ", " + rangeEnd + ")" : " (whole system)";
        return "system '" + systemName + "'" + where + " on worker " + workerIndex + " threw " + cause;
    }
}
