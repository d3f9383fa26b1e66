package org.ecsched.scheduler.api;

import java.util.function.Consumer;

/**
 * What a running system sees of the scheduler: where it runs, which entities it owns, and where it records
 * commands.
 *
 * <p>The context object is owned by the backend and reused: it is valid only during the call it was passed to.
 * Do not keep it.
 *
 * @param <C> the ECS's command type
 */
public interface SystemContext<C> extends CommandBuffer<C> {

    /**
     * {@return the index of the worker running this task, in {@code [0, workerCount())}} Useful for per-worker
     * scratch space. <b>Scheduling-dependent:</b> it differs from run to run, so nothing a system delivers may
     * depend on it.
     */
    int workerIndex();

    /**
     * {@return how many worker indices the bodies of this phase may see} {@link #workerIndex()} is always in
     * {@code [0, workerCount())}. Fixed for a backend (it does not change from phase to phase), so per-worker
     * scratch space sized by it once, before the first phase or in the first body, can be reused every phase
     * without allocating. Not a promise that this many threads run the phase: a backend may run a phase on
     * fewer (the calling thread alone, say), never on more.
     */
    int workerCount();

    /** {@return the name of the running system} */
    String systemName();

    /** {@return the position of the running system in its plan (its declaration order)} */
    int systemIndex();

    /**
     * {@return the first entity of this task's range (inclusive); 0 for a system that runs once} For a system over
     * a sparse {@link EntitySet} it is a <em>position</em> in the set, not an id: the first id is
     * {@code entitySet().id(rangeStart())}.
     */
    int rangeStart();

    /**
     * {@return the end of this task's range (exclusive); 0 for a system that runs once} For a system over a sparse
     * set, a position (see {@link #rangeStart()}); the last id of the range is
     * {@code entitySet().id(rangeEnd() - 1)}.
     */
    int rangeEnd();

    /**
     * {@return the sparse set a system over one ({@link SystemSpec#isSparse()}) runs over this phase, or null for
     * any other system} It is the same object the system's {@link IdRangeBody} gets. The default returns null, for
     * contexts of code that runs no sparse system.
     */
    default EntitySet entitySet() {
        return null;
    }

    /**
     * The sync point of an exclusive system (Bevy's {@code apply_deferred}): hands {@code sink}, here, on the
     * calling thread, every command recorded so far in this phase by the systems that completed, in the order a
     * {@link PhaseResult} delivers them (plan position, then range start, then recording order); those commands
     * are then not delivered again in the phase's result. Because an exclusive system conflicts with every other
     * system of its phase, each of them either completed before it or starts after it, so "so far" is the same on
     * every backend and worker count: the commands of the systems ordered before it. The exclusive system's own
     * commands are not included (they stay in the result, as do those of the systems after it); commands of a
     * system that failed or was skipped are never delivered, drained or not. A second call in the same body hands
     * over only what completed since the first: nothing.
     *
     * <p>The commands leave the phase when the drain starts: if {@code sink} throws, the exception propagates out
     * of this method (so the exclusive system fails, as if its body had thrown it, unless the body catches it),
     * and the commands the sink had not accepted yet are dropped, not delivered in the result. The drain
     * allocates nothing in a steady state.
     *
     * <p>The default throws {@link UnsupportedOperationException}, for contexts of code that runs no exclusive
     * system; every context of a backend built on the api's {@code PhaseRun} implements it.
     *
     * @param sink receives each drained command, in order, on the calling thread
     * @throws IllegalStateException         if the running system is not exclusive (the message names it), or if
     *                                       called from {@code sink} during a drain
     * @throws NullPointerException          if {@code sink} is null
     * @throws UnsupportedOperationException if the context cannot drain (the default)
     * @see SystemSpec.Builder#exclusive()
     */
    default void drainCommands(Consumer<? super C> sink) {
        throw new UnsupportedOperationException("this SystemContext (" + getClass().getName()
                + ") cannot drain commands");
    }

    /** {@return this task's command buffer} The context itself is one, so {@code ctx.add(c)} works as well. */
    default CommandBuffer<C> commands() {
        return this;
    }
}
