package org.ecsched.scheduler.testkit.stress;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;

/** Makes a backend for a configuration: a verification's {@code createBackend}, or one found by name. */
@FunctionalInterface
public interface BackendFactory {

    /**
     * Creates a backend with its threads started.
     *
     * @param config the configuration
     * @return the backend
     */
    SchedulerBackend create(SchedulerConfig config);

    /**
     * The backend registered under {@code name}, found with {@link Schedulers}.
     *
     * @param name the provider's name
     * @return a factory of that backend
     */
    static BackendFactory named(String name) {
        return config -> Schedulers.create(name, config);
    }
}
