package org.ecsched.scheduler.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * What one execution of a plan produced: per-system outcomes, every failure, and the commands of the completed
 * systems in the deterministic order.
 *
 * <p><b>Command order.</b> Commands come ordered by the recording system's position in the plan, then by the
 * start of the entity range that recorded them, then by the order they were recorded. The order depends neither
 * on the backend, nor on the worker count, nor on timing (given range bodies that honour {@link RangeBody}'s
 * contract).
 *
 * <p><b>Drained commands.</b> An exclusive system may take the commands recorded before it out of the phase with
 * {@link SystemContext#drainCommands} (a sync point); those are not delivered here. So the delivered commands are
 * those of the completed systems that no drain handed over: in a phase without such a drain, all of them.
 *
 * <p><b>Lifetime.</b> To keep steady-state execution free of garbage, the result object is owned by the backend
 * and reused: it is valid until the same plan is executed again on the same backend. Copy what you need to keep
 * (for example {@code List.copyOf(result.commands())}). A result used after that throws
 * {@link IllegalStateException} (as does a list it returned), the way an iterator fails after a concurrent
 * modification, instead of showing the newer phase; executing other plans never affects it. Backends built on
 * {@code org.ecsched.scheduler.api.backend.PhaseRun} detect this with a generation check that allocates nothing
 * (see {@code PhaseRun#finish()} for its reach).
 *
 * @param <C> the ECS's command type
 */
public interface PhaseResult<C> {

    /** {@return the plan that ran} */
    Plan<C> plan();

    /** {@return the policy it ran under} */
    FailurePolicy policy();

    /** {@return true when every system completed or was {@link SystemOutcome#DISABLED disabled}, and nothing failed} */
    boolean succeeded();

    /**
     * What became of a system, by position.
     *
     * @param systemIndex the system's position in the plan
     * @return COMPLETED, FAILED, SKIPPED or DISABLED
     */
    SystemOutcome outcome(int systemIndex);

    /**
     * What became of a system, by name.
     *
     * @param systemName the system's name
     * @return COMPLETED, FAILED, SKIPPED or DISABLED
     */
    default SystemOutcome outcome(String systemName) {
        return outcome(plan().indexOf(systemName));
    }

    /**
     * The first throwable of a failed system.
     *
     * @param systemIndex the system's position in the plan
     * @return the throwable, or null if the system did not fail
     */
    Throwable failure(int systemIndex);

    /** {@return every failure of the phase (one entry per failed task), in the order they were recorded} */
    List<SystemFailure> failures();

    /**
     * {@return the number of delivered commands} Those drained by an exclusive system during the phase
     * ({@link SystemContext#drainCommands}) are not counted: they were delivered to its sink instead.
     */
    int commandCount();

    /**
     * A delivered command, by position in the delivery order.
     *
     * @param index from 0 to {@link #commandCount()} - 1
     * @return the command
     */
    C command(int index);

    /**
     * {@return the delivered commands as an unmodifiable view (valid as long as the result)} Drained commands are
     * not among them (see {@link #commandCount()}).
     */
    List<C> commands();

    /**
     * Passes every delivered command, in order, to {@code action}.
     *
     * @param action called once per command
     */
    default void forEachCommand(Consumer<? super C> action) {
        for (int i = 0, n = commandCount(); i < n; i++) {
            action.accept(command(i));
        }
    }

    /**
     * {@return the number of tasks run (not skipped) in this phase} One per range task, one per run-once system,
     * one for an entity-parallel system that had no entities (its body is not called), and one per begin or end
     * body. A disabled system ({@link SystemOutcome#DISABLED}) runs none.
     */
    int tasksExecuted();

    /** {@return the wall-clock duration of the phase, in nanoseconds} */
    long durationNanos();

    /**
     * Throws if any system failed.
     *
     * @throws PhaseFailedException with the first failure as cause and the others suppressed
     */
    default void throwIfFailed() {
        if (!failures().isEmpty()) {
            throw new PhaseFailedException(plan().name(), failures());
        }
    }
}
