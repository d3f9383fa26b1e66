package org.ecsched.scheduler.observability.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: a worker took tasks from another worker's deque or from the shared injector. An instant
 * (no duration). Off by default: a work-stealing backend may steal thousands of times per second.
 */
@Name(StealEvent.NAME)
@Label("Steal")
@Category("ECS Scheduler")
@Description("A worker took tasks from another worker's deque, or from the shared injector (victim -1)")
@Enabled(false)
@StackTrace(false)
public final class StealEvent extends jdk.jfr.Event {

    /** The event type's name. */
    public static final String NAME = "ecsched.Steal";

    /** The worker that stole. */
    @Label("Thief")
    public int thief;

    /** The worker robbed, or -1 for the injector. */
    @Label("Victim")
    @Description("The worker whose deque was robbed, or -1 for the shared injector")
    public int victim;

    /** Tasks moved. */
    @Label("Tasks")
    public int count;
}
