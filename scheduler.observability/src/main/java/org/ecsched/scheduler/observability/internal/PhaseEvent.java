package org.ecsched.scheduler.observability.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: one executed phase. Its duration spans {@code phaseStarted} to {@code phaseFinished}
 * on the thread that called {@code execute}. On by default: one event per phase is cheap.
 */
@Name(PhaseEvent.NAME)
@Label("Phase")
@Category("ECS Scheduler")
@Description("One execution of a compiled plan, from start to the merged result")
@StackTrace(false)
public final class PhaseEvent extends jdk.jfr.Event {

    /** The event type's name. */
    public static final String NAME = "ecsched.Phase";

    /** The plan's name. */
    @Label("Plan")
    public String plan;

    /** The backend's phase counter, from 1. */
    @Label("Phase Number")
    public long phaseNumber;

    /** Tasks whose body ran (a range task counts one). */
    @Label("Tasks Executed")
    public int tasksExecuted;

    /** Tasks moved by steals reported while this phase ran. */
    @Label("Tasks Stolen")
    @Description("Tasks moved by steals that the backend reported while the phase ran")
    public long tasksStolen;

    /** The failure policy, by name. */
    @Label("Failure Policy")
    public String policy;

    /** Whether every system completed. */
    @Label("Succeeded")
    public boolean succeeded;

    /** Systems whose outcome is FAILED. */
    @Label("Failed Systems")
    public int failedSystems;

    /** Systems whose outcome is SKIPPED. */
    @Label("Skipped Systems")
    public int skippedSystems;
}
