package org.ecsched.scheduler.blocking;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.blocking.internal.BlockingBackend;

/** Registers the blocking backend under the name {@value #NAME}. */
public final class BlockingBackendProvider implements SchedulerBackendProvider {

    /** The backend's name. */
    public static final String NAME = "blocking";

    /** Called by {@link java.util.ServiceLoader}. */
    public BlockingBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fixed thread pool fed by one shared blocking queue; the baseline and sequential oracle";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public SchedulerBackend create(SchedulerConfig config) {
        return new BlockingBackend(config);
    }
}
