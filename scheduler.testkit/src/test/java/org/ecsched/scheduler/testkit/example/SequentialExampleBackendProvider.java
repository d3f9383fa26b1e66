package org.ecsched.scheduler.testkit.example;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Makes {@link SequentialExampleBackend} reachable by name ({@code "sequential-example"}) on the kit's test class
 * path, registered in {@code src/test/resources/META-INF/services}: the stress command line's tests find a backend
 * through {@code Schedulers} without the kit depending on a real one.
 */
public final class SequentialExampleBackendProvider implements SchedulerBackendProvider {

    /** Found by {@link java.util.ServiceLoader}. */
    public SequentialExampleBackendProvider() {
    }

    @Override
    public String name() {
        return "sequential-example";
    }

    @Override
    public SchedulerBackend create(SchedulerConfig config) {
        return new SequentialExampleBackend(config);
    }
}
