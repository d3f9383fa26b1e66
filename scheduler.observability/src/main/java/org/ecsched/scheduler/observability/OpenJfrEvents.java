package org.ecsched.scheduler.observability;

import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.observability.internal.ParkEvent;
import org.ecsched.scheduler.observability.internal.PhaseEvent;
import org.ecsched.scheduler.observability.internal.SystemEvent;

/**
 * The JFR duration events one thread has begun and not yet committed: at most one phase (on the thread that called
 * {@code execute}), one task and one park (on a worker's thread). Owned by one thread through a
 * {@link ThreadLocal}, so no field needs any ordering.
 *
 * <p>Each open event remembers what opened it, and is handed back only to the matching close, so that an event
 * left open because its type was disabled when its close came is never committed with another task's fields.
 */
final class OpenJfrEvents {

    private PhaseEvent phase;
    private Plan<?> phasePlan;
    private long phaseNumber;
    private long stolenAtPhaseStart;

    private SystemEvent task;
    private Plan<?> taskPlan;
    private int taskWorker;
    private int taskSystem;
    private int taskRangeStart;
    private int taskRangeEnd;
    private long taskStartNanos;

    private ParkEvent park;
    private int parkWorker;

    void openPhase(PhaseEvent event, Plan<?> plan, long number, long stolenSoFar) {
        phase = event;
        phasePlan = plan;
        phaseNumber = number;
        stolenAtPhaseStart = stolenSoFar;
    }

    /** The open phase event if it was opened for this plan and number, else null; clears it either way. */
    PhaseEvent takePhase(Plan<?> plan, long number) {
        PhaseEvent e = phase;
        boolean matches = e != null && phasePlan == plan && phaseNumber == number;
        phase = null;
        phasePlan = null;
        return matches ? e : null;
    }

    /** Steals counted when the phase now being taken began; valid right after {@link #takePhase}. */
    long stolenAtPhaseStart() {
        return stolenAtPhaseStart;
    }

    void openTask(SystemEvent event, int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd,
                  long startNanos) {
        task = event;
        taskPlan = plan;
        taskWorker = worker;
        taskSystem = system;
        taskRangeStart = rangeStart;
        taskRangeEnd = rangeEnd;
        taskStartNanos = startNanos;
    }

    /** The open task event if it was opened for this very task, else null; clears it either way. */
    SystemEvent takeTask(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd) {
        SystemEvent e = task;
        boolean matches = e != null && taskPlan == plan && taskWorker == worker && taskSystem == system
                && taskRangeStart == rangeStart && taskRangeEnd == rangeEnd;
        task = null;
        taskPlan = null;
        return matches ? e : null;
    }

    /** The start time {@code taskStarted} was given for the task just taken; valid right after {@link #takeTask}. */
    long taskStartNanos() {
        return taskStartNanos;
    }

    void openPark(ParkEvent event, int worker) {
        park = event;
        parkWorker = worker;
    }

    /** The open park event if it was opened for this worker, else null; clears it either way. */
    ParkEvent takePark(int worker) {
        ParkEvent e = park;
        park = null;
        return e != null && parkWorker == worker ? e : null;
    }
}
