package org.ecsched.scheduler.api;

/**
 * Executes compiled plans on some set of threads.
 *
 * <p><b>Contract</b> (checked by the testkit's conformance suite):
 * <ul>
 *   <li>{@link #execute(Plan, FailurePolicy)} runs every system of the plan per the policy, never lets two
 *       systems ordered by the plan overlap, returns after every task has finished, and delivers commands in the
 *       deterministic order of {@link PhaseResult}.</li>
 *   <li>A system that throws never hangs the phase or kills a thread; the backend is usable afterwards.</li>
 *   <li>Executing on a closed backend, from two threads at once, or re-entrantly from inside a running system
 *       fails at once with an {@link IllegalStateException} that says which.</li>
 *   <li>If the calling thread is interrupted during a phase, the phase still completes and the interrupt flag is
 *       set when {@code execute} returns.</li>
 *   <li>{@link #close()} stops and joins every thread the backend started; it is idempotent.</li>
 * </ul>
 * Backends are found with {@link Schedulers} through {@link SchedulerBackendProvider}.
 */
public interface SchedulerBackend extends AutoCloseable {

    /** The backend's name, as its provider registers it. */
    String name();

    /** The configuration it was created with. */
    SchedulerConfig config();

    /** Executes a plan under the configured {@link SchedulerConfig#failurePolicy()}. */
    default <C> PhaseResult<C> execute(Plan<C> plan) {
        return execute(plan, config().failurePolicy());
    }

    /**
     * Executes a plan once and waits for it.
     *
     * @return the result, valid until the same plan is executed again on this backend
     * @throws IllegalStateException if the backend is closed, already executing a phase on another thread, or
     *                               called from inside a running system
     */
    <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy);

    /** A snapshot of the counters. */
    BackendStats stats();

    /** Stops and joins the backend's threads; waits for a phase in progress on another thread. Idempotent. */
    @Override
    void close();
}
