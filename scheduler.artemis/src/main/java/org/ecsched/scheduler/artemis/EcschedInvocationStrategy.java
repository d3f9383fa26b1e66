package org.ecsched.scheduler.artemis;

import com.artemis.BaseSystem;
import com.artemis.SystemInvocationStrategy;
import java.util.Objects;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.artemis.internal.EntityCommand;

/**
 * Runs an artemis-odb world's systems on an ecsched backend: artemis's {@code SystemInvocationStrategy}, plugged in
 * with {@code WorldConfigurationBuilder.register(strategy)}.
 *
 * <pre>{@code
 * try (SchedulerBackend backend = Schedulers.createDefault(SchedulerConfig.defaults())) {
 *     World world = new World(new WorldConfigurationBuilder()
 *             .with(new Move(), new Spawn(), new Render())
 *             .register(new EcschedInvocationStrategy(backend))
 *             .build());
 *     while (running) world.process();
 * }
 * }</pre>
 *
 * <h2>The frame</h2>
 * Artemis's own {@code InvocationStrategy} calls, for each enabled system in registration order,
 * {@code updateEntityStates()} (which applies pending creations, deletions and composition changes to every
 * subscription) and then {@code system.process()}; and {@code updateEntityStates()} once more at the end. This
 * strategy keeps that contract and changes only what may overlap. The whole frame is <em>one</em> ecsched plan,
 * compiled at the first frame, with one system per artemis system, declared in registration order:
 * <ul>
 *   <li>A {@link ParallelIteratingSystem} is entity-parallel over its subscription's sorted entity ids (a sparse
 *       {@code EntitySet}), its reads and writes derived from its aspect and mapper fields ({@code SystemAccess}).
 *       Conflicting systems keep their registration order; others overlap. Its {@code begin()} and {@code end()}
 *       run once per frame, before and after all its entities, with its access.</li>
 *   <li>Every other system (artemis's own {@code IteratingSystem}s, managers, anything that may change the world
 *       directly) is <em>exclusive</em>: it runs alone, on the calling thread, at its place in the plan, exactly
 *       as artemis runs it.</li>
 * </ul>
 * The ids are read from the subscriptions on the calling thread only (artemis rebuilds them lazily, so that must
 * not happen on a worker): before the phase for the parallel systems before the first exclusive one, and by each
 * exclusive system, after it ran, for those that follow it.
 *
 * <h2>Commands</h2>
 * A parallel system changes the world's structure only through {@link EntityCommands}. Their order is the one the
 * backend delivers: system registration order, then entity order (ranges are cut from the sorted ids, and the
 * backend orders by range start), then the order a call recorded them. They are applied on the calling thread:
 * those of the parallel systems before an exclusive system by that system's body, before it runs (the phase's
 * sync point, {@code SystemContext.drainCommands}; also when it is disabled), and the rest after the phase. That
 * is where {@link ParallelIteratingSystem} applies them under artemis's own loop (after the last enabled parallel
 * system before a system that is not one, or the end of the frame): so both strategies give the same world,
 * entity ids included, whatever the backend and worker count. New and deleted entities become visible to
 * subscriptions at the next {@code updateEntityStates()}: to the exclusive system that applied them and everything
 * after it, or the next frame.
 *
 * <h2>Failures and ownership</h2>
 * A system that throws makes {@code world.process()} throw the phase's {@code PhaseFailedException}; the commands
 * not yet applied by then (those an exclusive system before the failure did not apply) are not applied. The
 * strategy does not own the backend: close it after the world.
 *
 * <h2>Enabling</h2>
 * Systems disabled with {@code setEnabled(false)} are skipped: a parallel one costs no task (its outcome is
 * DISABLED), read when it becomes ready in the frame, so an exclusive system before it may switch it.
 */
public final class EcschedInvocationStrategy extends SystemInvocationStrategy {

    private final SchedulerBackend backend;

    /** The frame's plan, compiled at the first frame; calling thread only. */
    private FramePlan frame;

    /**
     * Runs the world's systems on {@code backend}, which the caller keeps and closes.
     *
     * @param backend the backend the systems run on
     */
    public EcschedInvocationStrategy(SchedulerBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * The backend the systems run on.
     *
     * @return the backend given to the constructor
     */
    public SchedulerBackend backend() {
        return backend;
    }

    /** One frame, one phase: see the class comment. Called by {@code world.process()}. */
    @Override
    protected void process() {
        FramePlan plan = frame();
        try {
            PhaseResult<EntityCommand> result = backend.execute(plan.plan());
            result.throwIfFailed();
            for (int i = 0, n = result.commandCount(); i < n; i++) {
                result.command(i).applyTo(world);
            }
        } finally {
            plan.forgetSnapshots();
        }
        updateEntityStates();
    }

    /**
     * The frame's layout, readable: its plan (systems, exclusive ones marked, the orderings their conflicts
     * imply). Lays the frame out if no frame ran yet.
     *
     * @return the plan's description
     */
    public String describe() {
        return frame().plan().describe();
    }

    private FramePlan frame() {
        if (frame == null) {
            BaseSystem[] all = new BaseSystem[systems.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = systems.get(i);
            }
            frame = new FramePlan(world, all, disabled, this::updateEntityStates);
        }
        return frame;
    }
}
