package org.ecsched.scheduler.api;

/**
 * Makes backends; registered with {@code provides} in {@code module-info.java} and with a
 * {@code META-INF/services/org.ecsched.scheduler.api.SchedulerBackendProvider} entry, so that {@link Schedulers}
 * finds it on the module path and on the class path.
 */
public interface SchedulerBackendProvider {

    /** {@return the backend's unique name (for example {@code "workstealing"})} */
    String name();

    /** {@return one line saying what the backend is} */
    default String description() {
        return name();
    }

    /**
     * {@return the preference when no backend is named: the highest wins} The work-stealing backend says 100, the
     * blocking backend 10.
     */
    default int priority() {
        return 0;
    }

    /**
     * Creates a backend with its threads started.
     *
     * @param config the validated configuration
     * @return the backend, which the caller closes
     */
    SchedulerBackend create(SchedulerConfig config);
}
