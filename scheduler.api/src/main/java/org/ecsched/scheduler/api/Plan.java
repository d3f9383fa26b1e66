package org.ecsched.scheduler.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.ecsched.scheduler.api.internal.PlanAccess;

/**
 * A compiled, immutable, reusable phase: the DAG a backend executes.
 *
 * <p>Nodes are the phase's systems, indexed by declaration order. An edge {@code u -> v} means "u finishes before v
 * starts"; the edges are the explicit orderings plus one implied ordering for every pair of conflicting systems
 * that nothing else orders (directed by declaration order), with edges that transitivity already implies removed.
 * Two systems may run concurrently exactly when neither reaches the other.
 *
 * <p>A plan answers the user's questions: what it holds ({@link #describe()}), whether two systems may overlap
 * ({@link #mayRunConcurrently(String, String)}) and why not ({@link #explain}), and which orderings it added for
 * conflicts ({@link #impliedOrderings()}). A backend walks the same DAG as indices through
 * {@link org.ecsched.scheduler.api.backend.PlanGraph#of}, and
 * {@link org.ecsched.scheduler.api.backend.PhaseRun} already does the bookkeeping around it. A plan is safe to
 * share between threads and backends.
 *
 * @param <C> the ECS's command type
 */
public final class Plan<C> {

    static {
        // The backend view's bridge (JDK "shared secrets"): see PlanAccess for why it is set before any use.
        PlanAccess.register(new PlanAccess.Accessor() {
            @Override
            public int[][] successors(Object plan) {
                return ((Plan<?>) plan).successors;
            }

            @Override
            public int[] predecessorCounts(Object plan) {
                return ((Plan<?>) plan).predecessorCount;
            }

            @Override
            public int[] roots(Object plan) {
                return ((Plan<?>) plan).roots;
            }
        });
    }

    private final String name;
    private final List<SystemSpec<C>> systems;
    private final Map<String, Integer> index;
    private final int[][] successors;
    private final int[] predecessorCount;
    private final int[] roots;
    private final long[][] reach;
    private final List<ImpliedOrdering> impliedOrderings;
    private final Map<Long, String> edgeReasons;
    private final long[][] readBits;
    private final long[][] writeBits;
    /** The interned component keys, by bit position. */
    private final List<Object> components;
    /** The phase's before-each-run hooks, as an array: run without an iterator. */
    private final Runnable[] beforeEachRun;

    Plan(String name, List<SystemSpec<C>> systems, Map<String, Integer> index, int[][] successors,
         int[] predecessorCount, long[][] reach, List<ImpliedOrdering> impliedOrderings,
         Map<Long, String> edgeReasons, long[][] readBits, long[][] writeBits, List<Object> components,
         List<Runnable> beforeEachRun) {
        this.name = name;
        this.systems = systems;
        this.index = Map.copyOf(index);
        this.successors = successors;
        this.predecessorCount = predecessorCount;
        this.reach = reach;
        this.impliedOrderings = List.copyOf(impliedOrderings);
        this.edgeReasons = Map.copyOf(edgeReasons);
        this.readBits = readBits;
        this.writeBits = writeBits;
        this.components = List.copyOf(components);
        this.beforeEachRun = beforeEachRun.toArray(new Runnable[0]);
        this.roots = rootsOf(predecessorCount);
    }

    private static int[] rootsOf(int[] predecessorCount) {
        int[] r = new int[predecessorCount.length];
        int k = 0;
        for (int i = 0; i < predecessorCount.length; i++) {
            if (predecessorCount[i] == 0) {
                r[k++] = i;
            }
        }
        return Arrays.copyOf(r, k);
    }

    /** {@return the phase's name} */
    public String name() {
        return name;
    }

    /**
     * Runs the phase's before-each-run hooks ({@link Phase.Builder#beforeEachRun}) in order, on the calling thread;
     * what a hook throws propagates. Backends call it in {@code execute} before anything of the phase: the
     * template ({@code AbstractSchedulerBackend}) does. Allocates nothing.
     */
    public void runBeforeEachRun() {
        for (Runnable hook : beforeEachRun) {
            hook.run();
        }
    }

    /** {@return whether the plan has before-each-run hooks} */
    public boolean hasBeforeEachRun() {
        return beforeEachRun.length > 0;
    }

    /** {@return the number of systems} */
    public int systemCount() {
        return systems.size();
    }

    /**
     * The system at a position (declaration order).
     *
     * @param index from 0 to {@link #systemCount()} - 1
     * @return the system
     */
    public SystemSpec<C> system(int index) {
        return systems.get(index);
    }

    /** {@return all systems in declaration order} */
    public List<SystemSpec<C>> systems() {
        return systems;
    }

    /**
     * The position of a system.
     *
     * @param systemName the system's name
     * @return its position (declaration order)
     * @throws IllegalArgumentException naming the system if the plan has no system of that name
     */
    public int indexOf(String systemName) {
        Integer i = index.get(systemName);
        if (i == null) {
            throw new IllegalArgumentException("plan '" + name + "' has no system '" + systemName + "'");
        }
        return i;
    }

    /**
     * Whether {@code first} must finish before {@code second} starts, directly or transitively.
     *
     * @param first  a system's position
     * @param second another system's position
     * @return true if a chain of orderings leads from {@code first} to {@code second}
     */
    public boolean isOrderedBefore(int first, int second) {
        return PlanCompiler.get(reach[first], second);
    }

    /**
     * Whether the two systems may overlap in time: neither is ordered before the other.
     *
     * @param a a system's position
     * @param b another system's position
     * @return true if neither is ordered before the other
     */
    public boolean mayRunConcurrently(int a, int b) {
        return a != b && !isOrderedBefore(a, b) && !isOrderedBefore(b, a);
    }

    /**
     * Whether the two systems may overlap in time.
     *
     * @param a a system's name
     * @param b another system's name
     * @return true if neither is ordered before the other
     * @throws IllegalArgumentException naming a system the plan does not have
     */
    public boolean mayRunConcurrently(String a, String b) {
        return mayRunConcurrently(indexOf(a), indexOf(b));
    }

    /**
     * Whether the two systems touch a common component and at least one of them writes it, or one of them is
     * exclusive.
     *
     * @param a a system's position
     * @param b another system's position
     * @return true if they conflict
     */
    public boolean conflicts(int a, int b) {
        if (a != b && (system(a).isExclusive() || system(b).isExclusive())) {
            return true; // an exclusive system has the whole world
        }
        return PlanCompiler.conflict(readBits[a], writeBits[a], readBits[b], writeBits[b]);
    }

    /**
     * {@return the orderings the plan added only because of conflicts} Bevy calls them ambiguities. Declare an
     * explicit ordering for any whose direction matters to you.
     */
    public List<ImpliedOrdering> impliedOrderings() {
        return impliedOrderings;
    }

    /**
     * Explains in words whether two systems may run concurrently and, if not, the chain of orderings (each with
     * its reason: declared, or implied by a conflict) that keeps them apart.
     *
     * @param a a system's name
     * @param b another system's name
     * @return one or more lines of text
     * @throws IllegalArgumentException naming a system the plan does not have
     */
    public String explain(String a, String b) {
        int ia = indexOf(a);
        int ib = indexOf(b);
        if (ia == ib) {
            return "'" + a + "' is one system";
        }
        if (mayRunConcurrently(ia, ib)) {
            return "'" + a + "' and '" + b + "' may run concurrently: they do not conflict and no ordering"
                    + " connects them";
        }
        int from = isOrderedBefore(ia, ib) ? ia : ib;
        int to = from == ia ? ib : ia;
        List<Integer> path = path(from, to);
        StringBuilder sb = new StringBuilder("'").append(system(from).name()).append("' runs before '")
                .append(system(to).name()).append("':");
        for (int k = 0; k + 1 < path.size(); k++) {
            int u = path.get(k);
            int v = path.get(k + 1);
            sb.append("\n  '").append(system(u).name()).append("' -> '").append(system(v).name()).append("' (")
                    .append(edgeReasons.get(PlanCompiler.key(u, v))).append(')');
        }
        return sb.toString();
    }

    /** A shortest path over the unreduced edges (each has a recorded reason). */
    private List<Integer> path(int from, int to) {
        int n = systemCount();
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        parent[from] = from;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty() && parent[to] < 0) {
            int u = queue.poll();
            for (int v = 0; v < n; v++) {
                if (parent[v] < 0 && edgeReasons.containsKey(PlanCompiler.key(u, v))) {
                    parent[v] = u;
                    queue.add(v);
                }
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int x = to; x != from; x = parent[x]) {
            path.add(x);
        }
        path.add(from);
        Collections.reverse(path);
        return path;
    }

    /**
     * A readable multi-line description: systems, their direct successors, the implied orderings, and a warning for
     * each component only one system touches (most often a typo in a key, or a class where another was meant).
     * Components print by {@link SystemSpec#componentName simple name}.
     *
     * @return a header line, then one line per system, per implied ordering and per warning
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("plan '").append(name).append("', ").append(systemCount())
                .append(" systems\n");
        for (int i = 0; i < systemCount(); i++) {
            sb.append("  ").append(i).append(' ').append(system(i).name())
                    .append(system(i).isExclusive() ? " (exclusive)" : "");
            if (successors[i].length > 0) {
                sb.append(" -> ");
                for (int k = 0; k < successors[i].length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(system(successors[i][k]).name());
                }
            }
            sb.append('\n');
        }
        for (ImpliedOrdering io : impliedOrderings) {
            sb.append("  implied: ").append(io).append('\n');
        }
        for (int c = 0; c < components.size(); c++) {
            int touching = -1;
            int count = 0;
            for (int s = 0; s < systemCount(); s++) {
                if (PlanCompiler.get(readBits[s], c) || PlanCompiler.get(writeBits[s], c)) {
                    touching = s;
                    count++;
                }
            }
            if (count == 1 && systemCount() > 1) {
                sb.append("  warning: component ").append(SystemSpec.componentName(components.get(c)))
                        .append(" is touched only by '").append(system(touching).name())
                        .append("' (a typo in its key?)\n");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Plan[" + name + ", " + systemCount() + " systems, " + impliedOrderings.size() + " implied orderings]";
    }
}
