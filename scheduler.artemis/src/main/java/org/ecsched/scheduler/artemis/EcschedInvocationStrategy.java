package org.ecsched.scheduler.artemis;

import com.artemis.BaseSystem;
import com.artemis.SystemInvocationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ecsched.scheduler.api.SchedulerBackend;

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
 * strategy keeps that contract and changes only what may overlap:
 * <ul>
 *   <li>Consecutive {@link ParallelIteratingSystem}s form a <em>group</em>, compiled once (at the first frame) into
 *       one ecsched plan, declared in registration order; each system is entity-parallel over its
 *       subscription's entities, its reads and writes derived from its aspect and mapper fields
 *       ({@code SystemAccess}). Conflicting systems keep their registration order; others overlap.</li>
 *   <li>Every other system (artemis's own {@code IteratingSystem}s, managers, anything that may change the world
 *       directly) is <em>exclusive</em>: it runs alone, on the calling thread, between groups, exactly as
 *       artemis runs it.</li>
 * </ul>
 * For a group: {@code updateEntityStates()}, then on the calling thread each enabled system's sorted entity ids
 * are read from its subscription (artemis rebuilds that bag lazily, so it must not happen on a worker) and its
 * {@code begin()} called; then the phase; then {@code end()}; then the group's commands are applied.
 *
 * <h2>Commands</h2>
 * A parallel system changes the world's structure only through {@link EntityCommands}. The strategy applies a
 * group's commands after its phase, on the calling thread, in the order the backend delivers them: system
 * registration order, then entity order (ranges are cut from the sorted ids, and the backend orders by range
 * start), then the order a call recorded them. That is the order artemis's own loop would produce if the same
 * commands were applied at the same point, and {@link ParallelIteratingSystem} applies them there under
 * artemis's loop: so both strategies give the same world, entity ids included, whatever the backend and worker
 * count. New and deleted entities become visible to subscriptions at the next {@code updateEntityStates()}: to
 * the next exclusive system or group, or the next frame.
 *
 * <h2>Failures and ownership</h2>
 * A system that throws makes {@code world.process()} throw the phase's {@code PhaseFailedException}; that phase's
 * commands are not applied. The strategy does not own the backend: close it after the world.
 *
 * <h2>Enabling</h2>
 * Systems disabled with {@code setEnabled(false)} are skipped, checked at the start of each group.
 */
public final class EcschedInvocationStrategy extends SystemInvocationStrategy {

    private final SchedulerBackend backend;

    /** The frame's steps in registration order, laid out at the first frame; calling thread only. */
    private List<Step> steps;

    /** Runs the world's systems on {@code backend}, which the caller keeps and closes. */
    public EcschedInvocationStrategy(SchedulerBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The backend the systems run on. */
    public SchedulerBackend backend() {
        return backend;
    }

    /** One frame: see the class comment. Called by {@code world.process()}. */
    @Override
    protected void process() {
        for (Step step : steps()) {
            if (step.group != null) {
                updateEntityStates();
                step.group.run(backend, disabled, world);
            } else if (!disabled.get(step.position)) {
                updateEntityStates();
                step.exclusive.process();
            }
        }
        updateEntityStates();
    }

    /**
     * The frame's layout, readable: each exclusive system, and each group's plan (systems, the orderings their
     * conflicts imply). Lays the frame out if no frame ran yet.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Step step : steps()) {
            if (step.group != null) {
                sb.append(step.group.plan().describe());
            } else {
                sb.append("exclusive ").append(step.position).append(' ')
                        .append(step.exclusive.getClass().getName()).append('\n');
            }
        }
        return sb.toString();
    }

    private List<Step> steps() {
        if (steps == null) {
            steps = layOut();
        }
        return steps;
    }

    /**
     * Splits the systems into groups of consecutive parallel systems and the exclusive systems between them.
     */
    private List<Step> layOut() {
        // Workaround until issue 15's exclusive systems land: an exclusive system is not a node of a plan (the api
        // cannot yet say "runs alone"), so the frame is cut around it into several plans, and it runs on the
        // calling thread between their phases.
        List<Step> out = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<ParallelIteratingSystem> members = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            BaseSystem system = systems.get(i);
            if (system instanceof ParallelIteratingSystem parallel) {
                positions.add(i);
                members.add(parallel);
                continue;
            }
            closeGroup(out, positions, members);
            out.add(new Step(i, system, null));
        }
        closeGroup(out, positions, members);
        return List.copyOf(out);
    }

    private void closeGroup(List<Step> out, List<Integer> positions, List<ParallelIteratingSystem> members) {
        if (members.isEmpty()) {
            return;
        }
        int[] at = positions.stream().mapToInt(Integer::intValue).toArray();
        String name = "artemis systems " + at[0] + ".." + at[at.length - 1];
        out.add(new Step(at[0], null, new SystemGroup(world, name, at,
                members.toArray(ParallelIteratingSystem[]::new))));
        positions.clear();
        members.clear();
    }

    /** A step of the frame: an exclusive system at its position, or a group. */
    private record Step(int position, BaseSystem exclusive, SystemGroup group) {
    }
}
