package org.ecsched.scheduler.api.backend;

import java.util.Objects;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.internal.PlanAccess;

/**
 * The executor's view of a {@link Plan}: its reduced DAG as indices, for a backend that counts dependencies down
 * itself. A user asks a {@code Plan} what runs before what ({@link Plan#explain}, {@link Plan#mayRunConcurrently},
 * {@link Plan#describe}); a backend walks this graph. The split follows Bevy, whose users build a {@code Schedule}
 * while its executor runs the index-based {@code SystemSchedule} made from it.
 *
 * <p>Nodes are the plan's systems by declaration position. An edge {@code u -> v} means "u finishes before v
 * starts"; edges that transitivity already implies are removed, and successors and roots are listed in
 * declaration order, so a backend that releases them in index order releases them deterministically. A backend
 * built on {@link PhaseRun} never needs this view: the run counts down the graph itself.
 *
 * <p>Immutable and safe to share between threads; no accessor allocates. {@link #of} makes a small view over the
 * plan's own arrays (it copies nothing): call it once per plan, where the backend makes its per-plan state.
 */
public final class PlanGraph {

    private final Plan<?> plan;
    private final int[][] successors;
    private final int[] predecessorCounts;
    private final int[] roots;

    private PlanGraph(Plan<?> plan, PlanAccess.Accessor access) {
        this.plan = plan;
        this.successors = access.successors(plan);
        this.predecessorCounts = access.predecessorCounts(plan);
        this.roots = access.roots(plan);
    }

    /**
     * The graph of {@code plan}.
     *
     * @param plan a compiled plan
     * @return a view over the plan's own arrays
     */
    public static PlanGraph of(Plan<?> plan) {
        return new PlanGraph(Objects.requireNonNull(plan, "plan"), PlanAccess.plans());
    }

    /** {@return the plan this graph belongs to} */
    public Plan<?> plan() {
        return plan;
    }

    /** {@return the number of systems (nodes)} */
    public int systemCount() {
        return predecessorCounts.length;
    }

    /**
     * How many systems must finish before {@code system} may start (its direct predecessors).
     *
     * @param system a node
     * @return the number of direct predecessors
     */
    public int predecessorCount(int system) {
        return predecessorCounts[system];
    }

    /**
     * How many systems wait directly for {@code system}.
     *
     * @param system a node
     * @return the number of direct successors
     */
    public int successorCount(int system) {
        return successors[system].length;
    }

    /**
     * A system waiting directly for {@code system}, in declaration order.
     *
     * @param system a node
     * @param k      from 0 to {@code successorCount(system) - 1}
     * @return the {@code k}-th direct successor
     */
    public int successor(int system, int k) {
        return successors[system][k];
    }

    /** {@return the number of systems with no predecessor: the ones that start the phase} */
    public int rootCount() {
        return roots.length;
    }

    /**
     * A root, in declaration order.
     *
     * @param k from 0 to {@link #rootCount()} - 1
     * @return the {@code k}-th system with no predecessor
     */
    public int root(int k) {
        return roots[k];
    }

    @Override
    public String toString() {
        return "PlanGraph[" + plan.name() + ", " + systemCount() + " systems, " + rootCount() + " roots]";
    }
}
