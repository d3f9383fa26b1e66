package org.ecsched.scheduler.artemis;

import com.artemis.BaseSystem;
import com.artemis.World;
import com.artemis.utils.BitVector;
import com.artemis.utils.IntBag;
import java.util.function.Consumer;
import org.ecsched.scheduler.api.EntitySet;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.artemis.internal.EntityCommand;

/**
 * A world's whole frame as one ecsched plan, compiled once: one system per artemis system, in registration order.
 *
 * <ul>
 *   <li>A {@link ParallelIteratingSystem} is entity-parallel over a {@link SubscriptionIds} view of its
 *       subscription's sorted ids ({@code forEachEntityIn}), with its aspect's and mappers' access; its
 *       {@code begin()} and {@code end()}, when its class overrides them, are the spec's begin and end bodies; a
 *       run condition reads artemis's {@code disabled} bit for its position, so a system switched off with
 *       {@code setEnabled(false)} costs no task that frame (its outcome is DISABLED).</li>
 *   <li>Every other system is {@code exclusive()} at its position: its body first applies the commands of the
 *       parallel systems before it ({@code drainCommands}, the sync point), then, if the system is enabled,
 *       {@code updateEntityStates()} and {@code process()}, as artemis's loop would; then {@code updateEntityStates()}
 *       and a fresh snapshot of the ids of the parallel systems that follow it, up to the next exclusive system.</li>
 *   <li>A before-each-run hook brings the subscriptions up to date and snapshots the parallel systems before the
 *       first exclusive one.</li>
 * </ul>
 *
 * <p>Threads: the hook and every exclusive body run on the thread calling {@code world.process()}, alone; they
 * are the only code that touches artemis's subscriptions (rebuilt lazily, not thread-safe) and the only writers
 * of the snapshots. A parallel system's set is read by the backend when the system becomes ready, on whichever
 * thread finished its last predecessor: the exclusive system (or hook) that wrote its snapshot is ordered before
 * it by the plan (an exclusive system conflicts with everything), and the api's happens-before edges publish the
 * plain fields. Nothing writes a snapshot while a system that reads it runs.
 */
final class FramePlan {

    private final Plan<EntityCommand> plan;
    /** Per position, the view of a parallel system's ids; null for an exclusive system. */
    private final SubscriptionIds[] views;
    private final BaseSystem[] systems;

    FramePlan(World world, BaseSystem[] systems, BitVector disabled, Runnable updateEntityStates) {
        this.systems = systems.clone();
        this.views = new SubscriptionIds[systems.length];
        Consumer<EntityCommand> apply = command -> command.applyTo(world);
        Phase.Builder<EntityCommand> phase = Phase.named("artemis frame");
        for (int i = 0; i < systems.length; i++) {
            if (systems[i] instanceof ParallelIteratingSystem parallel) {
                views[i] = new SubscriptionIds();
                phase.add(parallel(phase, world, i, parallel, disabled));
            } else {
                phase.add(exclusive(phase, i, disabled, updateEntityStates, apply));
            }
        }
        phase.beforeEachRun(() -> {
            updateEntityStates.run();
            snapshotFrom(0);
        });
        this.plan = phase.compile();
    }

    private static String name(BaseSystem system, int position) {
        return system.getClass().getSimpleName() + "#" + position;
    }

    private SystemSpec<EntityCommand> parallel(Phase.Builder<EntityCommand> phase, World world, int position,
                                               ParallelIteratingSystem system, BitVector disabled) {
        SystemAccess access = SystemAccess.of(system, world);
        SystemSpec.Builder<EntityCommand> spec = phase.system(name(system, position))
                .reads(access.reads().toArray()).writes(access.writes().toArray())
                .runIf(() -> !disabled.get(position));
        if (system.minBatchSize() != SystemSpec.DEFAULT_MIN_BATCH) {
            spec.minBatchSize(system.minBatchSize());
        }
        if (overrides(system, "begin")) {
            spec.begin(ctx -> system.frameBegin());
        }
        if (overrides(system, "end")) {
            spec.end(ctx -> system.frameEnd());
        }
        SubscriptionIds view = views[position];
        return spec.forEachEntityIn(() -> view,
                (ids, from, to, ctx) -> system.runRange(ids, from, to, new CommandRecorder(ctx)));
    }

    private SystemSpec<EntityCommand> exclusive(Phase.Builder<EntityCommand> phase, int position,
                                                BitVector disabled, Runnable updateEntityStates,
                                                Consumer<EntityCommand> apply) {
        BaseSystem system = systems[position];
        return phase.system(name(system, position)).exclusive().runs(ctx -> {
            // artemis's loop flushes the parallel systems' commands before every other system, enabled or not
            ctx.drainCommands(apply);
            if (!disabled.get(position)) {
                updateEntityStates.run();
                system.process();
            }
            updateEntityStates.run();
            snapshotFrom(position + 1);
        });
    }

    /** Whether the system's class declares {@code name()} below {@link ParallelIteratingSystem}. */
    private static boolean overrides(ParallelIteratingSystem system, String name) {
        for (Class<?> c = system.getClass(); c != ParallelIteratingSystem.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(name);
                return true;
            } catch (NoSuchMethodException notHere) {
                // look in the superclass
            }
        }
        return false;
    }

    /**
     * Snapshots the ids of the parallel systems from {@code position} up to the next exclusive system. Calling
     * thread only (artemis rebuilds a subscription's bag lazily), with the subscriptions up to date.
     */
    private void snapshotFrom(int position) {
        for (int i = position; i < systems.length && views[i] != null; i++) {
            views[i].snapshot(((ParallelIteratingSystem) systems[i]).frameEntities());
        }
    }

    Plan<EntityCommand> plan() {
        return plan;
    }

    /** Forgets every snapshot: no reference to artemis's bags is kept between frames. */
    void forgetSnapshots() {
        for (SubscriptionIds view : views) {
            if (view != null) {
                view.forget();
            }
        }
    }

    /**
     * A zero-copy {@link EntitySet} over a subscription's sorted ids: the {@code IntBag}'s array and size, taken
     * on the calling thread by {@link #snapshot} and read by the backend's threads (see the class comment for
     * the happens-before that publishes these plain fields).
     */
    static final class SubscriptionIds implements EntitySet {
        private static final int[] NONE = new int[0];
        private int[] ids = NONE;
        private int size;

        void snapshot(IntBag bag) {
            ids = bag.getData();
            size = bag.size();
        }

        void forget() {
            ids = NONE;
            size = 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int id(int position) {
            return ids[position];
        }
    }
}
