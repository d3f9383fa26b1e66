package org.ecsched.scheduler.api.discoveryfixture;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Base of the discovery fixtures. The fixtures are loaded by {@code SchedulersDiscoveryTest} through a class
 * loader of their own (in its unnamed module), so that {@code ServiceLoader} reads them from a
 * {@code META-INF/services} file as it would on a class path.
 */
public abstract class FixtureProvider implements SchedulerBackendProvider {

    private final String name;
    private final int priority;

    FixtureProvider(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public SchedulerBackend create(SchedulerConfig config) {
        return new FixtureBackend(name, config);
    }
}
