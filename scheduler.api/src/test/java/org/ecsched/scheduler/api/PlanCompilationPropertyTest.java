package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * Properties of compilation over random phases: random reads and writes over a few components, and random
 * acyclic explicit orderings (edges oriented along a hidden random rank, each declared either as runsBefore on
 * the first system or runsAfter on the second).
 *
 * <p>The reference here is independent of the compiler: plain boolean matrices closed with Floyd-Warshall.
 */
class PlanCompilationPropertyTest {

    /** One system: the components (0..3) it reads and writes. */
    record SystemModel(Set<Integer> reads, Set<Integer> writes) { }

    /** An explicit ordering between two positions, {@code from} finishing before {@code to}. */
    record Edge(int from, int to, boolean declaredAsRunsBefore) { }

    /** A random phase. */
    record PhaseModel(List<SystemModel> systems, List<Edge> edges) {

        Phase<String> toPhase() {
            int n = systems.size();
            List<List<String>> before = new ArrayList<>();
            List<List<String>> after = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                before.add(new ArrayList<>());
                after.add(new ArrayList<>());
            }
            for (Edge e : edges) {
                if (e.declaredAsRunsBefore()) {
                    before.get(e.from()).add(name(e.to()));
                } else {
                    after.get(e.to()).add(name(e.from()));
                }
            }
            List<SystemSpec<String>> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SystemModel m = systems.get(i);
                specs.add(SystemSpec.<String>named(name(i))
                        .reads(m.reads().stream().map(PhaseModel::component).toArray())
                        .writes(m.writes().stream().map(PhaseModel::component).toArray())
                        .runsBefore(before.get(i).toArray(String[]::new))
                        .runsAfter(after.get(i).toArray(String[]::new))
                        .runs(ctx -> { }));
            }
            return Phase.of("random", specs);
        }

        static String name(int i) {
            return "s" + i;
        }

        static String component(int c) {
            return "C" + c;
        }

        boolean conflict(int a, int b) {
            SystemModel x = systems.get(a);
            SystemModel y = systems.get(b);
            for (int c : x.writes()) {
                if (y.writes().contains(c) || y.reads().contains(c)) {
                    return true;
                }
            }
            for (int c : y.writes()) {
                if (x.reads().contains(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Provide
    Arbitrary<PhaseModel> phases() {
        Arbitrary<SystemModel> system = Combinators.combine(
                Arbitraries.integers().between(0, 3).set().ofMaxSize(3),
                Arbitraries.integers().between(0, 3).set().ofMaxSize(2)).as(SystemModel::new);
        return Arbitraries.integers().between(1, 9).flatMap(n -> Combinators.combine(
                system.list().ofSize(n),
                Arbitraries.shuffle(range(n)),
                Combinators.combine(Arbitraries.integers().between(0, n - 1),
                        Arbitraries.integers().between(0, n - 1), Arbitraries.of(true, false))
                        .as((a, b, asBefore) -> new int[] {a, b, asBefore ? 1 : 0})
                        .list().ofMaxSize(2 * n))
                .as((systems, rank, pairs) -> {
                    List<Edge> edges = new ArrayList<>();
                    for (int[] p : pairs) {
                        if (p[0] == p[1]) {
                            continue;
                        }
                        // Orient along the hidden rank: the explicit graph is acyclic by construction.
                        boolean forward = rank.indexOf(p[0]) < rank.indexOf(p[1]);
                        edges.add(forward ? new Edge(p[0], p[1], p[2] == 1) : new Edge(p[1], p[0], p[2] == 1));
                    }
                    return new PhaseModel(systems, edges);
                }));
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static void close(boolean[][] m) {
        int n = m.length;
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (m[i][k]) {
                    for (int j = 0; j < n; j++) {
                        m[i][j] |= m[k][j];
                    }
                }
            }
        }
    }

    /**
     * The compiled plan orders every explicit ordering and every conflicting pair; it is acyclic;
     * {@code mayRunConcurrently(a, b)} is true exactly when neither reaches the other; the reduced DAG has the
     * same reachability as {@code isOrderedBefore} and no redundant edge; implied orderings are between
     * conflicting systems, in declaration order, and only where the explicit orderings left the pair unordered.
     */
    @Property(tries = 300)
    void compiledPlanOrdersConflictsAndExplicitOrderings(@ForAll("phases") PhaseModel model) {
        Plan<String> plan = model.toPhase().compile();
        int n = model.systems().size();

        for (Edge e : model.edges()) {
            assertThat(plan.isOrderedBefore(e.from(), e.to())).as("explicit %s", e).isTrue();
        }
        for (int a = 0; a < n; a++) {
            assertThat(plan.isOrderedBefore(a, a)).as("s%d before itself", a).isFalse();
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                boolean ab = plan.isOrderedBefore(a, b);
                boolean ba = plan.isOrderedBefore(b, a);
                assertThat(ab && ba).as("s%d and s%d ordered both ways", a, b).isFalse();
                assertThat(plan.mayRunConcurrently(a, b)).as("concurrent s%d s%d", a, b).isEqualTo(!ab && !ba);
                assertThat(plan.conflicts(a, b)).isEqualTo(model.conflict(a, b));
                if (model.conflict(a, b)) {
                    assertThat(ab || ba).as("conflicting s%d and s%d are ordered", a, b).isTrue();
                }
            }
        }

        // Reachability of the reduced DAG equals isOrderedBefore, and no DAG edge is implied by the others.
        boolean[][] dag = new boolean[n][n];
        for (int u = 0; u < n; u++) {
            for (int k = 0; k < PlanGraph.of(plan).successorCount(u); k++) {
                dag[u][PlanGraph.of(plan).successor(u, k)] = true;
            }
        }
        boolean[][] dagReach = new boolean[n][];
        for (int u = 0; u < n; u++) {
            dagReach[u] = dag[u].clone();
        }
        close(dagReach);
        int roots = 0;
        for (int v = 0; v < n; v++) {
            int preds = 0;
            for (int u = 0; u < n; u++) {
                assertThat(dagReach[u][v]).as("DAG reach s%d -> s%d", u, v).isEqualTo(plan.isOrderedBefore(u, v));
                if (dag[u][v]) {
                    preds++;
                    for (int w = 0; w < n; w++) {
                        assertThat(w != v && dag[u][w] && dagReach[w][v])
                                .as("edge s%d -> s%d is redundant through s%d", u, v, w).isFalse();
                    }
                }
            }
            assertThat(PlanGraph.of(plan).predecessorCount(v)).isEqualTo(preds);
            roots += preds == 0 ? 1 : 0;
        }
        assertThat(PlanGraph.of(plan).rootCount()).isEqualTo(roots);

        // Implied orderings: conflicting, forward in declaration order, not already ordered explicitly, and
        // together with the explicit edges they generate exactly the plan's order.
        boolean[][] explicit = new boolean[n][n];
        for (Edge e : model.edges()) {
            explicit[e.from()][e.to()] = true;
        }
        close(explicit);
        boolean[][] all = new boolean[n][n];
        for (Edge e : model.edges()) {
            all[e.from()][e.to()] = true;
        }
        for (ImpliedOrdering io : plan.impliedOrderings()) {
            int first = plan.indexOf(io.first());
            int second = plan.indexOf(io.second());
            assertThat(first).as("implied %s follows declaration order", io).isLessThan(second);
            assertThat(model.conflict(first, second)).as("implied %s is a conflict", io).isTrue();
            assertThat(explicit[first][second] || explicit[second][first])
                    .as("implied %s was already ordered explicitly", io).isFalse();
            assertThat(io.components()).isNotEmpty();
            all[first][second] = true;
        }
        close(all);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertThat(all[a][b]).as("explicit + implied reach s%d -> s%d", a, b)
                        .isEqualTo(plan.isOrderedBefore(a, b));
            }
        }
    }

    /**
     * With no explicit orderings at all, every conflicting pair runs in declaration order.
     */
    @Property(tries = 200)
    void withoutExplicitOrderingsConflictsFollowDeclarationOrder(@ForAll("phases") PhaseModel withEdges) {
        PhaseModel model = new PhaseModel(withEdges.systems(), List.of());
        Plan<String> plan = model.toPhase().compile();
        int n = model.systems().size();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (model.conflict(a, b)) {
                    assertThat(plan.isOrderedBefore(a, b)).as("s%d before s%d", a, b).isTrue();
                }
                assertThat(plan.isOrderedBefore(b, a)).as("s%d never before earlier s%d", b, a).isFalse();
            }
        }
    }

    /** Explaining any pair names both systems; an ordered pair's explanation starts with the first of them. */
    @Property(tries = 100)
    void explainAgreesWithTheOrder(@ForAll("phases") PhaseModel model) {
        Plan<String> plan = model.toPhase().compile();
        int n = model.systems().size();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                String why = plan.explain(PhaseModel.name(a), PhaseModel.name(b));
                if (plan.isOrderedBefore(a, b)) {
                    assertThat(why).startsWith("'" + PhaseModel.name(a) + "' runs before '" + PhaseModel.name(b)
                            + "':").doesNotContain("null");
                } else if (plan.isOrderedBefore(b, a)) {
                    assertThat(why).startsWith("'" + PhaseModel.name(b) + "' runs before '" + PhaseModel.name(a)
                            + "':").doesNotContain("null");
                } else {
                    assertThat(why).contains("may run concurrently");
                }
            }
        }
    }
}
