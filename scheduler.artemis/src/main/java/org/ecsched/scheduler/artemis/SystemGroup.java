package org.ecsched.scheduler.artemis;

import com.artemis.World;
import com.artemis.utils.BitVector;
import com.artemis.utils.IntBag;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.artemis.internal.EntityCommand;

/**
 * A run of consecutive {@link ParallelIteratingSystem}s of a world, compiled once into one plan, run as one phase
 * per frame.
 *
 * <p>Threads: {@link #run} is called on the thread calling {@code world.process()}. It writes the per-frame
 * snapshot ({@link #ids}, {@link #counts}) before {@code backend.execute}, and the range bodies read it on the
 * workers; the backend's hand-over of each task (it queues the task after the snapshot was written) orders those
 * writes before the reads. Nothing writes the snapshot during the phase. The other way round, {@code execute}
 * returns only after every task finished (the backend's completion hand-shake), so the components the workers
 * wrote are visible to {@code end()}, to the commands and to the next exclusive system on the calling thread.
 */
final class SystemGroup {

    /** The systems' positions in the world's systems bag (artemis's registration order). */
    private final int[] positions;
    private final ParallelIteratingSystem[] systems;
    private final Plan<EntityCommand> plan;

    /** Per frame, written on the calling thread before the phase: each system's sorted ids and their count. */
    private final int[][] ids;
    private final int[] counts;

    SystemGroup(World world, String name, int[] positions, ParallelIteratingSystem[] systems) {
        this.positions = positions.clone();
        this.systems = systems.clone();
        this.ids = new int[systems.length][];
        this.counts = new int[systems.length];
        Phase.Builder<EntityCommand> phase = Phase.named(name);
        for (int k = 0; k < systems.length; k++) {
            phase.add(spec(world, k));
        }
        this.plan = phase.compile();
    }

    private SystemSpec<EntityCommand> spec(World world, int k) {
        ParallelIteratingSystem system = systems[k];
        SystemAccess access = SystemAccess.of(system, world);
        SystemSpec.Builder<EntityCommand> spec = SystemSpec.<EntityCommand>named(
                        system.getClass().getSimpleName() + "#" + positions[k])
                .reads(access.reads().toArray()).writes(access.writes().toArray());
        if (system.minBatchSize() != SystemSpec.DEFAULT_MIN_BATCH) {
            spec.minBatchSize(system.minBatchSize());
        }
        return spec.forEachEntity(() -> counts[k],
                (start, end, ctx) -> system.runRange(ids[k], start, end, new CommandRecorder(ctx)));
    }

    Plan<EntityCommand> plan() {
        return plan;
    }

    /**
     * One frame of the group: snapshot and begin, the phase, end, then the commands in the delivered order.
     * The caller has brought the subscriptions up to date ({@code updateEntityStates()}).
     *
     * @throws org.ecsched.scheduler.api.PhaseFailedException if a system failed; no command of the phase is
     *                                                        applied and no {@code end()} is called
     */
    void run(SchedulerBackend backend, BitVector disabled, World world) {
        for (int k = 0; k < systems.length; k++) {
            // Workaround until issue 15's per-frame enabling lands: a disabled system stays in the plan with no
            // entities this frame, so its body is never called.
            if (disabled.get(positions[k])) {
                ids[k] = null;
                counts[k] = 0;
                continue;
            }
            IntBag entities = systems[k].frameEntities();
            ids[k] = entities.getData();
            counts[k] = entities.size();
        }
        // Workaround until issue 15's begin/end hooks land: begin() and end() run on the calling thread, around
        // the whole phase, in registration order, for the enabled systems.
        for (int k = 0; k < systems.length; k++) {
            if (ids[k] != null) {
                systems[k].frameBegin();
            }
        }
        PhaseResult<EntityCommand> result = backend.execute(plan);
        result.throwIfFailed();
        for (int k = 0; k < systems.length; k++) {
            if (ids[k] != null) {
                systems[k].frameEnd();
                ids[k] = null; // keep no reference to artemis's bag between frames
            }
        }
        for (int i = 0, n = result.commandCount(); i < n; i++) {
            result.command(i).applyTo(world);
        }
    }
}
