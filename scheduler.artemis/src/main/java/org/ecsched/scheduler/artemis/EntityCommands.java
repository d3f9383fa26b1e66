package org.ecsched.scheduler.artemis;

import com.artemis.EntityEdit;
import java.util.function.Consumer;

/**
 * Where a {@link ParallelIteratingSystem} records the structural changes it wants: entities to create, to delete,
 * and components to add or remove. Nothing happens at once; see "Commands" in
 * {@link EcschedInvocationStrategy} for when and in which order they are applied.
 *
 * <p>The consumers run later, on the thread that called {@code world.process()}, with an {@link EntityEdit} of
 * the entity: capture the values they need (not the mapper's component objects, which may have changed by then).
 * Recorded commands must depend only on the entity being processed, recorded in the order it records them
 * (the contract of {@code RangeBody}): then the applied order is the same on every backend and worker count.
 */
public interface EntityCommands {

    /**
     * Creates an entity after the phase, then passes its edit to {@code init} (to add its components).
     *
     * @param init adds the new entity's components; called once, on the calling thread
     */
    void create(Consumer<EntityEdit> init);

    /**
     * Passes the entity's edit to {@code change} after the phase (to add or remove components).
     *
     * @param entityId the entity
     * @param change   adds or removes components; called once, on the calling thread
     */
    void edit(int entityId, Consumer<EntityEdit> change);

    /** Deletes the entity after the phase ({@code world.delete(entityId)}). */
    void delete(int entityId);
}
