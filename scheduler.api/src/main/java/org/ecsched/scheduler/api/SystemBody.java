package org.ecsched.scheduler.api;

/**
 * The body of a system that runs once per phase.
 *
 * @param <C> the ECS's command type
 */
@FunctionalInterface
public interface SystemBody<C> {

    /**
     * Runs the system once.
     *
     * @param context where it runs and where it records commands; valid only during this call
     * @throws Exception anything; the scheduler catches it and reports it per the {@link FailurePolicy}
     */
    void run(SystemContext<C> context) throws Exception;
}
