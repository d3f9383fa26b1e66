package org.ecsched.scheduler.api;

/**
 * Where a running system records deferred commands.
 *
 * <p>Commands are the ECS's own type; the scheduler never looks inside them. After the phase the caller receives
 * every command of every completed system in one deterministic order (see {@link PhaseResult#commands()}).
 * A buffer grows as needed and never drops a command. A buffer may only be used by the task it was handed to,
 * and only while that task runs.
 *
 * @param <C> the ECS's command type
 */
@FunctionalInterface
public interface CommandBuffer<C> {

    /**
     * Records one command.
     *
     * @param command the command, not null
     * @throws NullPointerException if {@code command} is null
     */
    void add(C command);
}
