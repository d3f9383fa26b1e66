package org.ecsched.scheduler.artemis;

import com.artemis.EntityEdit;
import java.util.function.Consumer;
import org.ecsched.scheduler.api.CommandBuffer;
import org.ecsched.scheduler.artemis.internal.EntityCommand;

/**
 * {@link EntityCommands} over a command buffer: the task's own buffer under the strategy, the world's sequential
 * queue under another strategy. Used by one task at a time, like the buffer it wraps.
 */
final class CommandRecorder implements EntityCommands {

    private final CommandBuffer<EntityCommand> buffer;

    /** Records into {@code buffer}. */
    CommandRecorder(CommandBuffer<EntityCommand> buffer) {
        this.buffer = buffer;
    }

    @Override
    public void create(Consumer<EntityEdit> init) {
        buffer.add(new EntityCommand.Create(init));
    }

    @Override
    public void edit(int entityId, Consumer<EntityEdit> change) {
        buffer.add(new EntityCommand.Edit(entityId, change));
    }

    @Override
    public void delete(int entityId) {
        buffer.add(new EntityCommand.Delete(entityId));
    }
}
