package org.ecsched.scheduler.workstealing;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.workstealing.internal.WorkStealingBackend;

/** Registers the work-stealing backend under the name {@value #NAME}; the highest-priority (default) backend. */
public final class WorkStealingBackendProvider implements SchedulerBackendProvider {

    /** The backend's name. */
    public static final String NAME = "workstealing";

    /** Called by {@link java.util.ServiceLoader}. */
    public WorkStealingBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "persistent workers with Chase-Lev deques, LIFO slot, injector, batch steal and adaptive splitting";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public SchedulerBackend create(SchedulerConfig config) {
        return new WorkStealingBackend(config);
    }
}
