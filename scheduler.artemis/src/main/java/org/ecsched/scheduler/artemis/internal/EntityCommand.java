package org.ecsched.scheduler.artemis.internal;

import com.artemis.EntityEdit;
import com.artemis.World;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One deferred structural change: the command type of every plan the strategy runs. Applied on the calling
 * thread, after the phase that recorded it, in the order the backend delivers (plan position, range start,
 * record order).
 */
public sealed interface EntityCommand {

    /**
     * Performs the change on the world. Calling thread only: artemis's entity and component managers are not
     * thread-safe.
     */
    void applyTo(World world);

    /** {@code world.create()}, then {@code init} with the new entity's edit. */
    record Create(Consumer<EntityEdit> init) implements EntityCommand {
        /** Checks the argument. */
        public Create {
            Objects.requireNonNull(init, "init");
        }

        @Override
        public void applyTo(World world) {
            int entity = world.create();
            init.accept(world.edit(entity));
        }
    }

    /** {@code change} with the entity's edit. */
    record Edit(int entityId, Consumer<EntityEdit> change) implements EntityCommand {
        /** Checks the argument. */
        public Edit {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public void applyTo(World world) {
            change.accept(world.edit(entityId));
        }
    }

    /** {@code world.delete(entityId)}. */
    record Delete(int entityId) implements EntityCommand {
        @Override
        public void applyTo(World world) {
            world.delete(entityId);
        }
    }
}
