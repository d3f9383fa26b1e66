package org.ecsched.scheduler.api;

import java.util.Objects;

/**
 * One throwable caught from one task.
 *
 * @param systemName    the failed system
 * @param systemIndex   its position in the plan
 * @param rangeStart    the task's first entity (0 for a system that runs once, and for a failure of a whole
 *                      system outside any range task, such as its entity count that could not be read)
 * @param rangeEnd      the task's end entity, exclusive (0 in the same cases; a range task always holds at least
 *                      one entity, so {@code rangeEnd > rangeStart} exactly when the failure is of a range)
 * @param workerIndex   the worker that ran it (scheduling-dependent)
 * @param cause         what was thrown
 * @param firstEntityId the id of the range's first entity: {@code rangeStart} for a dense system, the set's id at
 *                      position {@code rangeStart} for a system over a sparse {@link EntitySet} (whose ranges are
 *                      positions); -1 when the failure is of no range
 * @param lastEntityId  the id of the range's last entity (inclusive), likewise; -1 when the failure is of no range
 */
public record SystemFailure(String systemName, int systemIndex, int rangeStart, int rangeEnd, int workerIndex,
                            Throwable cause, int firstEntityId, int lastEntityId) {

    /**
     * Checks the fields.
     *
     * @param systemName    the failed system, not null
     * @param systemIndex   its position in the plan
     * @param rangeStart    the task's first entity, or 0
     * @param rangeEnd      the task's end entity, exclusive, or 0
     * @param workerIndex   the worker that ran it
     * @param cause         what was thrown, not null
     * @param firstEntityId the id of the range's first entity, or -1
     * @param lastEntityId  the id of the range's last entity (inclusive), or -1
     */
    public SystemFailure {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A failure of a dense system (or of no range): the ids are the range's first and last entity, or -1 when
     * {@code rangeEnd <= rangeStart}.
     *
     * @param systemName  the failed system, not null
     * @param systemIndex its position in the plan
     * @param rangeStart  the task's first entity, or 0
     * @param rangeEnd    the task's end entity, exclusive, or 0
     * @param workerIndex the worker that ran it
     * @param cause       what was thrown, not null
     */
    public SystemFailure(String systemName, int systemIndex, int rangeStart, int rangeEnd, int workerIndex,
                         Throwable cause) {
        this(systemName, systemIndex, rangeStart, rangeEnd, workerIndex, cause,
                rangeEnd > rangeStart ? rangeStart : -1, rangeEnd > rangeStart ? rangeEnd - 1 : -1);
    }

    /**
     * For example {@code system 'move' [128, 256) on worker 2 threw ...} for a range, and
     * {@code system 'input' (whole system) on worker 0 threw ...} for a system that runs once (or a failure outside
     * any range): never the empty range {@code [0, 0)}, which would read as a range that held nothing. A range of
     * a sparse system whose ids are not its positions reads
     * {@code system 'hit' positions [2, 4) (ids 17 to 40) on worker 1 threw ...}.
     */
    @Override
    public String toString() {
        String where = rangeEnd <= rangeStart ? " (whole system)"
                : firstEntityId == rangeStart && lastEntityId == rangeEnd - 1 ? " [" + rangeStart + ", " + rangeEnd + ")"
                : " positions [" + rangeStart + ", " + rangeEnd + ") (ids " + firstEntityId + " to " + lastEntityId
                + ")";
        return "system '" + systemName + "'" + where + " on worker " + workerIndex + " threw " + cause;
    }
}
