package org.ecsched.scheduler.artemis;

import com.artemis.Aspect;
import com.artemis.BaseEntitySystem;
import com.artemis.BaseSystem;
import com.artemis.utils.ImmutableBag;
import com.artemis.utils.IntBag;
import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.EntitySet;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.artemis.internal.EntityCommand;

/**
 * An artemis entity system that {@link EcschedInvocationStrategy} may run entity-parallel: artemis's
 * {@code IteratingSystem} with one more argument, where structural changes go.
 *
 * <pre>{@code
 * @All({Position.class, Velocity.class})
 * class Move extends ParallelIteratingSystem {
 *     ComponentMapper<Position> position;             // written
 *     @ReadOnly ComponentMapper<Velocity> velocity;   // read
 *
 *     protected void process(int e, EntityCommands commands) {
 *         position.get(e).x += velocity.get(e).x;
 *         if (position.get(e).x > 100) commands.delete(e);
 *     }
 * }
 * }</pre>
 *
 * <p><b>What {@code process} may do.</b> Its calls run at the same time on several threads, each over its own
 * entities, and beside other systems that do not conflict with it. So it may write only components of the
 * entity it is given, through mapper fields not marked {@link ReadOnly}; read any entity's components through
 * mappers (those it also writes only for its own entity); and change the world's structure (create, delete,
 * add or remove a component, including {@code mapper.create} and {@code mapper.remove}) only through
 * {@code commands}. How access is derived: {@code SystemAccess}. Fields of the system itself are shared
 * by all those threads. {@code begin()} and {@code end()} (when the class overrides them) run once per frame,
 * before the first and after the last of the system's entities, on one of the backend's threads, with the
 * system's access (nothing that conflicts with it runs meanwhile, but systems that do not conflict may); like
 * {@code process}, they must not change the world's structure, and may read the system's subscription
 * ({@code getEntityIds()}), already brought up to date on the calling thread.
 *
 * <p><b>Under another strategy</b> (artemis's own {@code InvocationStrategy}, for example) the system runs as an
 * ordinary {@code IteratingSystem}, sequentially, and its commands go to a queue shared by the world's
 * parallel systems, applied at the same point as the strategy applies them: after the last enabled parallel
 * system before the next system that is not one (or the end of the frame). That is what lets a test compare the
 * strategy with artemis's loop over the very same systems, and a game drop the strategy with one line.
 */
public abstract class ParallelIteratingSystem extends BaseEntitySystem {

    /**
     * Under another strategy only, in the world's first parallel system: the commands recorded since the last
     * flush. Calling thread only (that strategy runs every system on it).
     */
    private List<EntityCommand> sequentialQueue;
    private CommandRecorder sequentialRecorder;

    /** A system over the entities of {@code aspect}. */
    protected ParallelIteratingSystem(Aspect.Builder aspect) {
        super(aspect);
    }

    /** A system whose aspect comes from artemis's annotations ({@code @All}, {@code @One}, {@code @Exclude}). */
    protected ParallelIteratingSystem() {
        super();
    }

    /**
     * Processes one entity; may run concurrently with other calls (see the class comment for what it may do).
     *
     * @param entityId the entity
     * @param commands where structural changes are recorded; valid only during this call
     */
    protected abstract void process(int entityId, EntityCommands commands);

    /**
     * The smallest range of entities one task gets (the last may be shorter), or
     * {@link SystemSpec#DEFAULT_MIN_BATCH} for the backend's configured minimum. Read once, when the strategy
     * builds its plans. Only the author knows the cost of one entity: raise it for cheap bodies.
     */
    protected int minBatchSize() {
        return SystemSpec.DEFAULT_MIN_BATCH;
    }

    /**
     * Always true: a parallel system is switched off with {@code setEnabled(false)}, which both strategies
     * honour, not with {@code checkProcessing}, which would hide the system from the sequential command flush.
     */
    @Override
    protected final boolean checkProcessing() {
        return true;
    }

    /**
     * Under another strategy: processes the entities in order, then applies the world's queued commands if this
     * is the last enabled parallel system before a system that is not one, or before the end of the frame.
     */
    @Override
    protected final void processSystem() {
        ParallelIteratingSystem owner = queueOwner();
        if (owner.sequentialQueue == null) {
            List<EntityCommand> queue = new ArrayList<>();
            owner.sequentialQueue = queue;
            owner.sequentialRecorder = new CommandRecorder(queue::add);
        }
        IntBag entities = subscription.getEntities();
        int[] ids = entities.getData();
        for (int i = 0, n = entities.size(); i < n; i++) {
            process(ids[i], owner.sequentialRecorder);
        }
        if (lastEnabledBeforeBoundary()) {
            List<EntityCommand> queue = owner.sequentialQueue;
            for (int i = 0; i < queue.size(); i++) {
                queue.get(i).applyTo(world);
            }
            queue.clear();
        }
    }

    private ParallelIteratingSystem queueOwner() {
        ImmutableBag<BaseSystem> all = world.getSystems();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof ParallelIteratingSystem first) {
                return first;
            }
        }
        throw new IllegalStateException(getClass().getName() + " is not one of its world's systems");
    }

    private boolean lastEnabledBeforeBoundary() {
        ImmutableBag<BaseSystem> all = world.getSystems();
        int self = 0;
        while (all.get(self) != this) {
            self++;
        }
        for (int i = self + 1; i < all.size(); i++) {
            BaseSystem next = all.get(i);
            if (!(next instanceof ParallelIteratingSystem)) {
                return true;
            }
            if (next.isEnabled()) {
                return false;
            }
        }
        return true;
    }

    // ---- The strategy's entry points. ----

    /** The subscription's entities, sorted by id; calling thread only (artemis rebuilds the bag lazily). */
    final IntBag frameEntities() {
        return subscription.getEntities();
    }

    /** {@code begin()}, as the spec's begin body: once per frame, on a backend thread, with the system's access. */
    final void frameBegin() {
        begin();
    }

    /** {@code end()}, as the spec's end body: once per frame, on a backend thread, with the system's access. */
    final void frameEnd() {
        end();
    }

    /**
     * Runs {@code process} over the ids at positions {@code [from, to)} of {@code ids}, in order; any worker
     * thread.
     */
    final void runRange(EntitySet ids, int from, int to, EntityCommands commands) {
        for (int i = from; i < to; i++) {
            process(ids.id(i), commands);
        }
    }
}
