package org.ecsched.scheduler.api;

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
     * {@return the index of the worker running this task, in {@code [0, workerCount)}} Useful for per-worker
     * scratch space. <b>Scheduling-dependent:</b> it differs from run to run, so nothing a system delivers may
     * depend on it.
     */
    int workerIndex();

    /** {@return the name of the running system} */
    String systemName();

    /** {@return the position of the running system in its plan (its declaration order)} */
    int systemIndex();

    /** {@return the first entity of this task's range (inclusive); 0 for a system that runs once} */
    int rangeStart();

    /** {@return the end of this task's range (exclusive); 0 for a system that runs once} */
    int rangeEnd();

    /** {@return this task's command buffer; the context itself is one, so {@code ctx.add(c)} works as well} */
    default CommandBuffer<C> commands() {
        return this;
    }
}
