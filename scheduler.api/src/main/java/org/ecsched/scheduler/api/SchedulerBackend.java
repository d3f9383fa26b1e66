package org.ecsched.scheduler.api;

/**
 * Executes compiled plans on some set of threads.
 *
 * <p><b>Contract</b> (the testkit's conformance suite checks it; its rule catalogue says which sentence each rule
 * verifies):
 * <ul>
 *   <li>{@link #execute(Plan, FailurePolicy)} runs every system of the plan per the policy, never lets two
 *       systems ordered by the plan overlap, returns after every task has finished, and delivers commands in the
 *       deterministic order of {@link PhaseResult}: after the phase, except those an exclusive system drained
 *       ({@link SystemContext#drainCommands}), which its body gets in that same order, on the calling thread, once.
 *       </li>
 *   <li>A system that throws never hangs the phase or kills a thread; the backend is usable afterwards. Neither
 *       does a fault of the backend's own code around a task (an {@link OutOfMemoryError} making or queuing a
 *       task, for example): it becomes a failure of that task's system, and the phase completes.</li>
 *   <li>Executing on a closed backend, from two threads at once, or re-entrantly from inside a running system
 *       fails at once with an {@link IllegalStateException} that says which.</li>
 *   <li><b>Interrupts.</b> A thread the backend started clears its interrupt flag before each task and before it
 *       parks or waits for work, so an interrupt a body leaves set (the "catch {@code InterruptedException},
 *       restore the flag" idiom) never reaches another body. The calling thread's interrupt status stays the
 *       caller's: an interrupt during a phase does not cut the phase short, the phase completes, and the flag is
 *       set when {@code execute} returns. A backend that runs bodies on the calling thread clears the flag before each
 *       of them too, and sets it again on return if it was set during the phase: it cannot tell an interrupt of
 *       the caller from one a body left, and the caller's must not be lost.</li>
 *   <li><b>Memory visibility.</b> Bodies may share plain (non-volatile) fields along the plan's orderings,
 *       as sequential code would; a backend guarantees three happens-before edges (JLS 17.4.5):
 *       <ol>
 *         <li>everything the calling thread did before {@code execute} happens-before every body of the phase
 *             (and every entity-count supplier the phase reads);</li>
 *         <li>every body of a system happens-before every body of each system the plan orders after it
 *             (directly or transitively), and before that system's entity count is read;</li>
 *         <li>every body of the phase happens-before {@code execute} returns, so the caller sees all they
 *             wrote.</li>
 *       </ol>
 *       Bodies of systems that may run concurrently get no edge between them (the plan lets only systems that
 *       do not conflict overlap), nor do two ranges of one system. A backend built on
 *       {@code api.backend.PhaseRun} gets the second edge from the run's volatile count-downs, provided its own
 *       hand-off of a task to a thread (a queue, a deque, a monitor) is a safe publication; the first and third
 *       come from that hand-off and from the completion hand-off its {@code drive} waits on.</li>
 *   <li><b>Close.</b> {@link #close()} stops and joins every thread the backend started before it returns. It
 *       never deadlocks and does not poll: a closer blocks, burning no CPU, until the phase in progress (if any)
 *       ends. Called from inside a running system or from any of the backend's own threads, it fails at once with
 *       an {@link IllegalStateException} (it would wait for itself) and closes nothing. Racing another
 *       {@code close()} or a running phase, it waits for that phase and for the threads to stop, then returns.
 *       It is idempotent, and an interrupt does not cut it short (the flag is set again on return).</li>
 * </ul>
 * Backends are found with {@link Schedulers} through {@link SchedulerBackendProvider}.
 */
public interface SchedulerBackend extends AutoCloseable {

    /** {@return the backend's name, as its provider registers it} */
    String name();

    /** {@return the configuration it was created with} */
    SchedulerConfig config();

    /**
     * Executes a plan under the configured {@link SchedulerConfig#failurePolicy()}.
     *
     * @param <C>  the plan's command type
     * @param plan the plan
     * @return the result, valid until the same plan is executed again on this backend
     * @throws IllegalStateException as {@link #execute(Plan, FailurePolicy)} does
     */
    default <C> PhaseResult<C> execute(Plan<C> plan) {
        return execute(plan, config().failurePolicy());
    }

    /**
     * Executes a plan once and waits for it.
     *
     * @param <C>    the plan's command type
     * @param plan   the plan
     * @param policy what a failure of one system does to the others
     * @return the result, valid until the same plan is executed again on this backend
     * @throws IllegalStateException if the backend is closed, already executing a phase on another thread, or
     *                               called from inside a running system
     */
    <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy);

    /** {@return a snapshot of the counters} */
    BackendStats stats();

    /**
     * Stops and joins the backend's threads, after the phase in progress on another thread (if any) ends; see
     * "Close" in the interface comment. Idempotent.
     *
     * @throws IllegalStateException at once, closing nothing, if called from inside a running system or from one
     *                               of the backend's own threads
     */
    @Override
    void close();
}
