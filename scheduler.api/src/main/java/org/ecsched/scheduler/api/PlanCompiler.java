package org.ecsched.scheduler.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Phase} into a {@link Plan}. Runs once per phase, never per frame, so clarity wins over speed;
 * still, everything is bit sets so that a phase of thousands of systems compiles in milliseconds.
 *
 * <p>Steps: (1) index names, rejecting duplicates; (2) resolve explicit orderings, rejecting unknown names and
 * self-orderings; (3) reject cycles, naming the systems on one; (4) compute reachability over the explicit edges;
 * (5) intern component keys into bit positions; (6) for each conflicting pair not yet ordered either way, add an
 * implied edge from the earlier-declared system to the later one, keeping reachability current so that no
 * implied edge can close a cycle; (7) drop edges implied by transitivity, giving the execution DAG.
 */
final class PlanCompiler {

    private PlanCompiler() {
    }

    static <C> Plan<C> compile(Phase<C> phase) {
        List<SystemSpec<C>> systems = phase.systems();
        int n = systems.size();
        Map<String, Integer> index = indexNames(phase);

        // Explicit orderings, as edges u -> v ("u finishes before v starts"), with where they were declared.
        Map<Long, String> edgeReasons = new LinkedHashMap<>();
        List<List<Integer>> explicit = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            explicit.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            SystemSpec<C> s = systems.get(i);
            for (String before : s.runsBefore()) {
                int v = resolve(phase, index, s, "runsBefore", before);
                addEdge(explicit, edgeReasons, i, v, "declared: '" + s.name() + "' runsBefore '" + before + "'");
            }
            for (String after : s.runsAfter()) {
                int u = resolve(phase, index, s, "runsAfter", after);
                addEdge(explicit, edgeReasons, u, i, "declared: '" + s.name() + "' runsAfter '" + after + "'");
            }
        }
        for (String[] pair : phase.chainedPairs()) {
            SystemSpec<C> second = systems.get(index.get(pair[1]));
            int u = resolve(phase, index, second, "a chain after", pair[0]);
            addEdge(explicit, edgeReasons, u, index.get(pair[1]), "declared: chain '" + pair[0] + "' then '"
                    + pair[1] + "'");
        }
        int[] topo = topologicalOrderOrThrow(phase, explicit);

        // reach[u] = every system that must wait for u, transitively.
        long[][] reach = new long[n][words(n)];
        for (int k = n - 1; k >= 0; k--) {
            int u = topo[k];
            for (int v : explicit.get(u)) {
                set(reach[u], v);
                or(reach[u], reach[v]);
            }
        }

        // Intern component keys.
        Map<Object, Integer> componentIds = new HashMap<>();
        List<Object> components = new ArrayList<>();
        for (SystemSpec<C> s : systems) {
            for (Object c : s.writes()) {
                intern(componentIds, components, c);
            }
            for (Object c : s.reads()) {
                intern(componentIds, components, c);
            }
        }
        int cw = words(components.size());
        long[][] readBits = new long[n][cw];
        long[][] writeBits = new long[n][cw];
        for (int i = 0; i < n; i++) {
            for (Object c : systems.get(i).reads()) {
                set(readBits[i], componentIds.get(c));
            }
            for (Object c : systems.get(i).writes()) {
                set(writeBits[i], componentIds.get(c));
            }
        }

        // Implied orderings: for each later system j, look back from its nearest predecessor in declaration
        // order, so that a run of writers of one component becomes a chain of n - 1 edges, not n^2 / 2.
        List<ImpliedOrdering> implied = new ArrayList<>();
        List<List<Integer>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(new ArrayList<>(explicit.get(i)));
        }
        for (int j = 0; j < n; j++) {
            for (int i = j - 1; i >= 0; i--) {
                if (!conflict(readBits[i], writeBits[i], readBits[j], writeBits[j])
                        && !systems.get(i).isExclusive() && !systems.get(j).isExclusive()) {
                    continue;
                }
                if (get(reach[i], j) || get(reach[j], i)) {
                    continue; // already ordered one way or the other
                }
                SystemSpec<C> first = systems.get(i);
                SystemSpec<C> second = systems.get(j);
                ImpliedOrdering io = new ImpliedOrdering(first.name(), second.name(),
                        first.sharedConflictingComponents(second));
                implied.add(io);
                addEdge(all, edgeReasons, i, j, "implied: both touch " + names(io.components())
                        + " and at least one writes; '" + first.name() + "' is declared first");
                // Everyone who reaches i (and i itself) now reaches j and all j reaches.
                for (int x = 0; x < n; x++) {
                    if (x == i || get(reach[x], i)) {
                        set(reach[x], j);
                        or(reach[x], reach[j]);
                    }
                }
            }
        }

        // Transitive reduction: u -> v is redundant if another successor w of u already reaches v.
        int[][] successors = new int[n][];
        int[] predecessorCount = new int[n];
        for (int u = 0; u < n; u++) {
            List<Integer> out = all.get(u);
            int[] kept = new int[out.size()];
            int k = 0;
            for (int v : out) {
                boolean redundant = false;
                for (int w : out) {
                    if (w != v && get(reach[w], v)) {
                        redundant = true;
                        break;
                    }
                }
                if (!redundant) {
                    kept[k++] = v;
                    predecessorCount[v]++;
                }
            }
            kept = Arrays.copyOf(kept, k);
            Arrays.sort(kept); // successors in declaration order: a deterministic release order
            successors[u] = kept;
        }
        return new Plan<>(phase.name(), systems, index, successors, predecessorCount, reach, implied, edgeReasons,
                readBits, writeBits, components, phase.beforeEachRun());
    }

    /** Component keys as a plan prints them: classes by simple name ({@link SystemSpec#componentName}). */
    static String names(Iterable<Object> components) {
        StringBuilder sb = new StringBuilder("[");
        for (Object c : components) {
            sb.append(sb.length() == 1 ? "" : ", ").append(SystemSpec.componentName(c));
        }
        return sb.append(']').toString();
    }

    private static Map<String, Integer> indexNames(Phase<?> phase) {
        Map<String, Integer> index = new HashMap<>();
        List<? extends SystemSpec<?>> systems = phase.systems();
        for (int i = 0; i < systems.size(); i++) {
            Integer previous = index.putIfAbsent(systems.get(i).name(), i);
            if (previous != null) {
                throw new InvalidPlanException("phase '" + phase.name() + "': duplicate system name '"
                        + systems.get(i).name() + "' at positions " + previous + " and " + i);
            }
        }
        return index;
    }

    private static int resolve(Phase<?> phase, Map<String, Integer> index, SystemSpec<?> s, String what,
                               String other) {
        Integer v = index.get(other);
        if (v == null) {
            throw new InvalidPlanException("phase '" + phase.name() + "': system '" + s.name() + "' declares "
                    + what + " '" + other + "', which is not a system of this phase; its systems are "
                    + index.keySet().stream().sorted().toList());
        }
        if (other.equals(s.name())) {
            throw new InvalidPlanException("phase '" + phase.name() + "': system '" + s.name()
                    + "' declares " + what + " itself");
        }
        return v;
    }

    private static void addEdge(List<List<Integer>> edges, Map<Long, String> reasons, int u, int v, String why) {
        if (!edges.get(u).contains(v)) {
            edges.get(u).add(v);
        }
        reasons.putIfAbsent(key(u, v), why);
    }

    static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xFFFF_FFFFL);
    }

    /** Kahn's algorithm; on a cycle, names the systems on one cycle in order. */
    private static int[] topologicalOrderOrThrow(Phase<?> phase, List<List<Integer>> edges) {
        int n = edges.size();
        int[] indegree = new int[n];
        for (List<Integer> out : edges) {
            for (int v : out) {
                indegree[v]++;
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            order[k++] = u;
            for (int v : edges.get(u)) {
                if (--indegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (k == n) {
            return order;
        }
        throw new InvalidPlanException("phase '" + phase.name() + "': ordering cycle: "
                + describeCycle(phase, edges, indegree));
    }

    /** Names the systems on one cycle among those Kahn's algorithm could not order. */
    private static String describeCycle(Phase<?> phase, List<List<Integer>> edges, int[] indegree) {
        int n = edges.size();
        int start = 0;
        while (indegree[start] == 0) {
            start++;
        }
        // Every node left over has an incoming edge from another left-over node; following predecessors must
        // repeat. Build the predecessor walk, then print the cycle in edge direction.
        int[] predecessorOnCycle = new int[n];
        Arrays.fill(predecessorOnCycle, -1);
        for (int u = 0; u < n; u++) {
            if (indegree[u] == 0) {
                continue;
            }
            for (int v : edges.get(u)) {
                if (indegree[v] > 0 && predecessorOnCycle[v] < 0) {
                    predecessorOnCycle[v] = u;
                }
            }
        }
        int[] seenAt = new int[n];
        Arrays.fill(seenAt, -1);
        List<Integer> walk = new ArrayList<>();
        int x = start;
        while (seenAt[x] < 0) {
            seenAt[x] = walk.size();
            walk.add(x);
            x = predecessorOnCycle[x];
        }
        List<Integer> cycle = new ArrayList<>(walk.subList(seenAt[x], walk.size()));
        Collections.reverse(cycle); // predecessor walk reversed = edge direction
        StringBuilder sb = new StringBuilder();
        for (int c : cycle) {
            sb.append('\'').append(phase.systems().get(c).name()).append("' -> ");
        }
        sb.append('\'').append(phase.systems().get(cycle.get(0)).name()).append('\'');
        return sb.toString();
    }

    private static void intern(Map<Object, Integer> ids, List<Object> list, Object c) {
        if (!ids.containsKey(c)) {
            ids.put(c, list.size());
            list.add(c);
        }
    }

    static boolean conflict(long[] ri, long[] wi, long[] rj, long[] wj) {
        for (int k = 0; k < ri.length; k++) {
            if ((wi[k] & (rj[k] | wj[k])) != 0 || (ri[k] & wj[k]) != 0) {
                return true;
            }
        }
        return false;
    }

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    static void or(long[] into, long[] from) {
        for (int k = 0; k < into.length; k++) {
            into[k] |= from[k];
        }
    }
}
