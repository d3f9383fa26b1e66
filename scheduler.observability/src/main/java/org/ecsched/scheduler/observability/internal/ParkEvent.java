package org.ecsched.scheduler.observability.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: a worker idled in park; its duration spans {@code parked} to {@code unparked}. Off by
 * default, like the other per-worker events.
 */
@Name(ParkEvent.NAME)
@Label("Worker Park")
@Category("ECS Scheduler")
@Description("A worker parked for lack of work, from park to wake-up")
@Enabled(false)
@StackTrace(false)
public final class ParkEvent extends jdk.jfr.Event {

    /** The event type's name. */
    public static final String NAME = "ecsched.Park";

    /** The backend's worker index. */
    @Label("Worker")
    public int worker;
}
