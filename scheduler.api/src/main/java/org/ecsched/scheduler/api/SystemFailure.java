package org.ecsched.scheduler.api;

import java.util.Objects;

/**
 * One throwable caught from one task.
 *
 * @param systemName  the failed system
 * @param systemIndex its position in the plan
 * @param rangeStart  the task's first entity (0 for a system that runs once)
 * @param rangeEnd    the task's end entity, exclusive (0 for a system that runs once)
 * @param workerIndex the worker that ran it (scheduling-dependent)
 * @param cause       what was thrown
 */
public record SystemFailure(String systemName, int systemIndex, int rangeStart, int rangeEnd, int workerIndex,
                            Throwable cause) {

    /** Checks the fields. */
    public SystemFailure {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return "system '" + systemName + "' [" + rangeStart + ", " + rangeEnd + ") on worker " + workerIndex
                + " threw " + cause;
    }
}
