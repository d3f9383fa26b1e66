package org.ecsched.scheduler.observability.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: one task, that is one system body over one entity range, on one worker.
 *
 * <p>Off by default ({@code @Enabled(false)}): a phase may run thousands of tasks. A recording turns it on, usually
 * with a threshold so that only slow tasks are kept (see {@code ecsched.jfc}).
 */
@Name(SystemEvent.NAME)
@Label("System Task")
@Category("ECS Scheduler")
@Description("One system body run over one entity range on one worker")
@Enabled(false)
@StackTrace(false)
public final class SystemEvent extends jdk.jfr.Event {

    /** The event type's name. */
    public static final String NAME = "ecsched.System";

    /** The system's name. */
    @Label("System")
    public String system;

    /** The plan's name. */
    @Label("Plan")
    public String plan;

    /** The backend's worker index (not a thread id). */
    @Label("Worker")
    public int worker;

    /** First entity, inclusive (0 for a system that runs once). */
    @Label("Range Start")
    public int rangeStart;

    /** End entity, exclusive (0 for a system that runs once). */
    @Label("Range End")
    public int rangeEnd;

    /** Whether the body threw. */
    @Label("Failed")
    public boolean failed;
}
