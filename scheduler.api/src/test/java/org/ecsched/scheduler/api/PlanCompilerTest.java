package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecsched.scheduler.api.backend.PlanGraph;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Plan compilation: conflicts, implied and explicit orderings, the reduced DAG, explanations, and every rejection
 * with what its message must say. Each test's javadoc is the rule it checks.
 */
class PlanCompilerTest {

    private static final SystemBody<String> NOOP = ctx -> { };

    static SystemSpec.Builder<String> sys(String name) {
        return SystemSpec.named(name);
    }

    @SafeVarargs
    static Plan<String> compile(SystemSpec<String>... systems) {
        return Phase.of("frame", List.of(systems)).compile();
    }

    static boolean ordered(Plan<?> plan, String first, String second) {
        return plan.isOrderedBefore(plan.indexOf(first), plan.indexOf(second));
    }

    /** Successor names of a system in the reduced DAG, in the plan's order. */
    static List<String> successors(Plan<?> plan, String name) {
        int s = plan.indexOf(name);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < PlanGraph.of(plan).successorCount(s); k++) {
            out.add(plan.system(PlanGraph.of(plan).successor(s, k)).name());
        }
        return out;
    }

    /** Exclusive systems have the whole world: ordered against every other system, by declaration order. */
    @Nested
    class Exclusive {

        /** An exclusive system conflicts with everyone, unordered pairs follow declaration order, and plans say so. */
        @Test
        void anExclusiveSystemIsOrderedAgainstEveryOther() {
            Plan<String> plan = compile(sys("a").runs(NOOP), sys("x").exclusive().runs(NOOP),
                    sys("b").runs(NOOP), sys("early").runsBefore("x").runs(NOOP));
            assertThat(ordered(plan, "a", "x")).isTrue();
            assertThat(ordered(plan, "x", "b")).isTrue();
            assertThat(ordered(plan, "early", "x")).isTrue();
            assertThat(plan.conflicts(plan.indexOf("x"), plan.indexOf("b"))).isTrue();
            assertThat(plan.conflicts(plan.indexOf("a"), plan.indexOf("b"))).isFalse();
            assertThat(plan.mayRunConcurrently("a", "b")).isFalse(); // x lies between them
            assertThat(plan.describe()).contains("1 x (exclusive)");
            assertThat(plan.explain("x", "b")).contains(SystemSpec.WORLD.toString());
            assertThat(sys("y").exclusive().runs(NOOP).sharedConflictingComponents(sys("z").runs(NOOP)))
                    .containsExactly(SystemSpec.WORLD);
        }

        /** An exclusive system cannot have begin or end bodies. */
        @Test
        void anExclusiveSystemHasNoBeginOrEnd() {
            assertThatThrownBy(() -> sys("x").exclusive().begin(NOOP).forEachEntity(3, (s, e, c) -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("exclusive");
        }
    }

    @Nested
    class Conflicts {

        /** Two writers of one component conflict: the earlier-declared one runs first, and the plan says why. */
        @Test
        void writeWriteConflictIsOrderedByDeclarationAndReported() {
            Plan<String> plan = compile(sys("a").writes("Pos").runs(NOOP), sys("b").writes("Pos").runs(NOOP));

            assertThat(plan.conflicts(0, 1)).isTrue();
            assertThat(ordered(plan, "a", "b")).isTrue();
            assertThat(ordered(plan, "b", "a")).isFalse();
            assertThat(plan.mayRunConcurrently("a", "b")).isFalse();
            assertThat(plan.impliedOrderings()).containsExactly(new ImpliedOrdering("a", "b", Set.of("Pos")));
            assertThat(successors(plan, "a")).containsExactly("b");
            assertThat(PlanGraph.of(plan).predecessorCount(1)).isEqualTo(1);
        }

        /** A reader and a writer of one component conflict, whichever is declared first. */
        @Test
        void readWriteConflictIsOrderedEitherWayRound() {
            Plan<String> readerFirst = compile(sys("r").reads("Pos").runs(NOOP), sys("w").writes("Pos").runs(NOOP));
            Plan<String> writerFirst = compile(sys("w").writes("Pos").runs(NOOP), sys("r").reads("Pos").runs(NOOP));

            assertThat(ordered(readerFirst, "r", "w")).isTrue();
            assertThat(readerFirst.impliedOrderings()).containsExactly(new ImpliedOrdering("r", "w", Set.of("Pos")));
            assertThat(ordered(writerFirst, "w", "r")).isTrue();
            assertThat(writerFirst.impliedOrderings()).containsExactly(new ImpliedOrdering("w", "r", Set.of("Pos")));
        }

        /** Two readers of one component do not conflict: no ordering, they may run concurrently. */
        @Test
        void readReadIsNotAConflict() {
            Plan<String> plan = compile(sys("a").reads("Pos").runs(NOOP), sys("b").reads("Pos").runs(NOOP));

            assertThat(plan.conflicts(0, 1)).isFalse();
            assertThat(plan.mayRunConcurrently("a", "b")).isTrue();
            assertThat(plan.impliedOrderings()).isEmpty();
            assertThat(PlanGraph.of(plan).rootCount()).isEqualTo(2);
        }

        /** Writers of different components do not conflict. */
        @Test
        void disjointWritesDoNotConflict() {
            Plan<String> plan = compile(sys("a").writes("Pos").reads("Vel").runs(NOOP),
                    sys("b").writes("Hp").reads("Vel").runs(NOOP));

            assertThat(plan.mayRunConcurrently("a", "b")).isTrue();
            assertThat(plan.impliedOrderings()).isEmpty();
        }

        /** A component both read and written counts as written, so another reader conflicts with it. */
        @Test
        void readAndWrittenCountsAsWritten() {
            SystemSpec<String> rw = sys("rw").reads("Pos").writes("Pos").runs(NOOP);
            Plan<String> plan = compile(rw, sys("r").reads("Pos").runs(NOOP));

            assertThat(rw.reads()).isEmpty();
            assertThat(rw.writes()).containsExactly("Pos");
            assertThat(ordered(plan, "rw", "r")).isTrue();
        }

        /** Component keys are compared with equals, not identity. */
        @Test
        void componentKeysAreComparedWithEquals() {
            record Key(String name) { }
            Plan<String> plan = compile(sys("a").writes(new Key("pos")).runs(NOOP),
                    sys("b").reads(new Key("pos")).runs(NOOP));

            assertThat(plan.mayRunConcurrently("a", "b")).isFalse();
            assertThat(plan.impliedOrderings().get(0).components()).containsExactly(new Key("pos"));
        }

        /** The implied ordering lists exactly the components through which the two conflict. */
        @Test
        void impliedOrderingNamesOnlyTheConflictingComponents() {
            Plan<String> plan = compile(sys("a").writes("Pos", "Vel").reads("Hp", "Mass").runs(NOOP),
                    sys("b").reads("Pos", "Mass").writes("Hp", "Name").runs(NOOP));

            assertThat(plan.impliedOrderings()).singleElement()
                    .satisfies(io -> assertThat(io.components()).containsExactlyInAnyOrder("Pos", "Hp"));
        }

        /** More than 64 components and systems (several bit-set words) still conflict correctly. */
        @Test
        void manyComponentsAndSystemsSpanSeveralWords() {
            List<SystemSpec<String>> systems = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                // system i writes component i and reads component i - 1: a chain of read/write conflicts.
                SystemSpec.Builder<String> b = sys("s" + i).writes("C" + i);
                if (i > 0) {
                    b.reads("C" + (i - 1));
                }
                systems.add(b.runs(NOOP));
            }
            Plan<String> plan = Phase.of("wide", systems).compile();

            assertThat(plan.impliedOrderings()).hasSize(149);
            assertThat(plan.isOrderedBefore(0, 149)).isTrue();
            assertThat(plan.isOrderedBefore(70, 130)).isTrue();
            assertThat(plan.isOrderedBefore(130, 70)).isFalse();
            assertThat(plan.conflicts(64, 65)).isTrue();
            assertThat(plan.conflicts(64, 66)).isFalse();
            assertThat(PlanGraph.of(plan).rootCount()).isEqualTo(1);
        }
    }

    @Nested
    class Orderings {

        /** An explicit ordering overrides declaration order: the later-declared system runs first. */
        @Test
        void explicitRunsBeforeOverridesDeclarationOrder() {
            Plan<String> plan = compile(sys("a").writes("Pos").runs(NOOP),
                    sys("b").writes("Pos").runsBefore("a").runs(NOOP));

            assertThat(ordered(plan, "b", "a")).isTrue();
            assertThat(ordered(plan, "a", "b")).isFalse();
            assertThat(plan.impliedOrderings()).isEmpty();
            assertThat(plan.explain("a", "b")).contains("'b' runs before 'a'", "declared: 'b' runsBefore 'a'");
        }

        /** The same override expressed with runsAfter on the earlier-declared system. */
        @Test
        void explicitRunsAfterOverridesDeclarationOrder() {
            Plan<String> plan = compile(sys("a").writes("Pos").runsAfter("b").runs(NOOP),
                    sys("b").writes("Pos").runs(NOOP));

            assertThat(ordered(plan, "b", "a")).isTrue();
            assertThat(plan.impliedOrderings()).isEmpty();
            assertThat(PlanGraph.of(plan).root(0)).isEqualTo(plan.indexOf("b"));
            assertThat(plan.explain("b", "a")).contains("declared: 'a' runsAfter 'b'");
        }

        /** An explicit ordering between systems that do not conflict orders them and implies nothing. */
        @Test
        void explicitOrderingWithoutConflict() {
            Plan<String> plan = compile(sys("a").runsBefore("b").runs(NOOP), sys("b").runs(NOOP),
                    sys("c").runs(NOOP));

            assertThat(ordered(plan, "a", "b")).isTrue();
            assertThat(plan.mayRunConcurrently("a", "c")).isTrue();
            assertThat(plan.mayRunConcurrently("b", "c")).isTrue();
            assertThat(plan.impliedOrderings()).isEmpty();
        }

        /**
         * An implied edge never closes a cycle: when explicit orderings already put the later-declared system
         * first (transitively, through a system that does not conflict), no edge is implied.
         */
        @Test
        void noImpliedEdgeAgainstATransitiveExplicitOrdering() {
            // c -> b -> a explicitly; a and c conflict, declaration order would say a -> c: a cycle.
            Plan<String> plan = compile(sys("a").writes("X").runs(NOOP),
                    sys("b").runsBefore("a").runs(NOOP),
                    sys("c").writes("X").runsBefore("b").runs(NOOP));

            assertThat(ordered(plan, "c", "a")).isTrue();
            assertThat(plan.impliedOrderings()).isEmpty();
        }

        /**
         * Implied edges count too: reachability added by earlier implied edges stops a later implied edge that
         * would close a cycle.
         */
        @Test
        void noImpliedEdgeAgainstAnEarlierImpliedChain() {
            // d -> a explicitly; implied a -> b (X), b -> c (Y); then c/d (Z) must not become c -> d.
            Plan<String> plan = compile(sys("a").writes("X").runs(NOOP),
                    sys("b").writes("X", "Y").runs(NOOP),
                    sys("c").writes("Y", "Z").runs(NOOP),
                    sys("d").writes("Z").runsBefore("a").runs(NOOP));

            assertThat(ordered(plan, "d", "c")).isTrue();
            assertThat(ordered(plan, "c", "d")).isFalse();
            assertThat(plan.impliedOrderings()).containsExactly(new ImpliedOrdering("a", "b", Set.of("X")),
                    new ImpliedOrdering("b", "c", Set.of("Y")));
            assertThat(plan.explain("c", "d")).contains("'d' runs before 'c'", "declared: 'd' runsBefore 'a'",
                    "implied");
        }

        /** Edges that transitivity already implies are dropped from the DAG, reachability is kept. */
        @Test
        void transitiveReductionKeepsReachability() {
            Plan<String> plan = compile(sys("a").runsBefore("b", "c").runs(NOOP),
                    sys("b").runsBefore("c").runs(NOOP), sys("c").runs(NOOP));

            assertThat(successors(plan, "a")).containsExactly("b");
            assertThat(successors(plan, "b")).containsExactly("c");
            assertThat(PlanGraph.of(plan).predecessorCount(plan.indexOf("c"))).isEqualTo(1);
            assertThat(ordered(plan, "a", "c")).isTrue();
            assertThat(plan.mayRunConcurrently("a", "c")).isFalse();
            assertThat(plan.explain("a", "c")).contains("'a' runs before 'c'");
        }

        /** A run of writers of one component becomes a chain: each writer waits only for the previous one. */
        @Test
        void writersOfOneComponentFormAChain() {
            Plan<String> plan = compile(sys("w0").writes("X").runs(NOOP), sys("w1").writes("X").runs(NOOP),
                    sys("w2").writes("X").runs(NOOP), sys("w3").writes("X").runs(NOOP));

            assertThat(plan.impliedOrderings()).extracting(ImpliedOrdering::first, ImpliedOrdering::second)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("w0", "w1"),
                            org.assertj.core.groups.Tuple.tuple("w1", "w2"),
                            org.assertj.core.groups.Tuple.tuple("w2", "w3"));
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    assertThat(plan.isOrderedBefore(i, j)).as("w%d before w%d", i, j).isTrue();
                }
            }
            assertThat(PlanGraph.of(plan).rootCount()).isEqualTo(1);
        }

        /** Successors and roots are listed in declaration order, whatever order the edges were declared in. */
        @Test
        void successorsAndRootsInDeclarationOrder() {
            Plan<String> plan = compile(sys("z").runs(NOOP), sys("a").runsBefore("d", "c").runs(NOOP),
                    sys("c").runs(NOOP), sys("d").runs(NOOP), sys("b").runs(NOOP));

            assertThat(successors(plan, "a")).containsExactly("c", "d");
            List<String> roots = new ArrayList<>();
            for (int k = 0; k < PlanGraph.of(plan).rootCount(); k++) {
                roots.add(plan.system(PlanGraph.of(plan).root(k)).name());
            }
            assertThat(roots).containsExactly("z", "a", "b");
        }

        /** A system never "may run concurrently" with itself, and the explanation says it is one system. */
        @Test
        void aSystemWithItself() {
            Plan<String> plan = compile(sys("a").runs(NOOP));

            assertThat(plan.mayRunConcurrently("a", "a")).isFalse();
            assertThat(plan.explain("a", "a")).contains("'a' is one system");
        }

        /** Explaining two independent systems says they may run concurrently. */
        @Test
        void explainIndependentSystems() {
            Plan<String> plan = compile(sys("a").reads("X").runs(NOOP), sys("b").reads("X").runs(NOOP));

            assertThat(plan.explain("a", "b")).contains("'a' and 'b' may run concurrently");
        }

        /** The explanation of an implied ordering names the conflict and the tie-break, in either argument order. */
        @Test
        void explainAnImpliedOrdering() {
            Plan<String> plan = compile(sys("a").writes("Pos").runs(NOOP), sys("b").reads("Pos").runs(NOOP));

            String why = plan.explain("b", "a");
            assertThat(why).startsWith("'a' runs before 'b':")
                    .contains("'a' -> 'b' (implied: both touch [Pos] and at least one writes; 'a' is declared first)");
            assertThat(plan.explain("a", "b")).isEqualTo(why);
        }

        /** The explanation of a chain lists every link with its reason, in order. */
        @Test
        void explainAChainOfOrderings() {
            Plan<String> plan = compile(sys("a").runsBefore("b").runs(NOOP), sys("b").writes("X").runs(NOOP),
                    sys("c").writes("X").runs(NOOP));

            assertThat(plan.mayRunConcurrently("a", "c")).isFalse();
            assertThat(plan.explain("c", "a")).isEqualTo("'a' runs before 'c':"
                    + "\n  'a' -> 'b' (declared: 'a' runsBefore 'b')"
                    + "\n  'b' -> 'c' (implied: both touch [X] and at least one writes; 'b' is declared first)");
        }

        /** Asking about a system that is not in the plan names it. */
        @Test
        void unknownSystemInQueriesIsNamed() {
            Plan<String> plan = compile(sys("a").runs(NOOP));

            assertThatThrownBy(() -> plan.indexOf("ghost")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ghost'").hasMessageContaining("'frame'");
            assertThatThrownBy(() -> plan.explain("a", "ghost")).hasMessageContaining("'ghost'");
            assertThatThrownBy(() -> plan.mayRunConcurrently("ghost", "a")).hasMessageContaining("'ghost'");
        }

        /** The description lists systems, successors and implied orderings. */
        @Test
        void describeListsTheDag() {
            Plan<String> plan = compile(sys("a").writes("X").runs(NOOP), sys("b").writes("X").runs(NOOP));

            assertThat(plan.describe()).contains("plan 'frame', 2 systems", "0 a -> b", "1 b",
                    "implied: a -> b (conflict on [X])");
            assertThat(plan.toString()).contains("frame", "2 systems", "1 implied");
        }

        /** An empty phase compiles to an empty plan. */
        @Test
        void emptyPhase() {
            Plan<String> plan = Phase.<String>named("nothing").compile();

            assertThat(plan.systemCount()).isZero();
            assertThat(PlanGraph.of(plan).rootCount()).isZero();
            assertThat(plan.impliedOrderings()).isEmpty();
        }

        /** Compiling the same phase twice gives equal structure (compilation is deterministic). */
        @Test
        void compilationIsDeterministic() {
            Phase<String> phase = Phase.of("p", List.of(sys("a").writes("X").runs(NOOP),
                    sys("b").reads("X").writes("Y").runs(NOOP), sys("c").reads("Y").runsBefore("a").runs(NOOP)));

            assertThat(phase.compile().describe()).isEqualTo(phase.compile().describe());
        }
    }

    @Nested
    class Rejections {

        /** The names in a cycle message, in the order printed. */
        private List<String> cycleNames(String message) {
            int at = message.indexOf("ordering cycle: ");
            assertThat(at).as("message names an ordering cycle: %s", message).isGreaterThanOrEqualTo(0);
            Matcher m = Pattern.compile("'([^']*)'").matcher(message.substring(at));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** Asserts the printed cycle is, in edge direction, a rotation of {@code expected} and closes on itself. */
        private void assertCycle(String message, String... expected) {
            List<String> names = cycleNames(message);
            assertThat(names).as("cycle in %s", message).hasSize(expected.length + 1);
            assertThat(names.get(names.size() - 1)).isEqualTo(names.get(0));
            List<String> printed = names.subList(0, expected.length);
            int shift = Arrays.asList(expected).indexOf(printed.get(0));
            assertThat(shift).as("cycle %s starts on a system of %s", printed, Arrays.toString(expected))
                    .isGreaterThanOrEqualTo(0);
            List<String> rotated = new ArrayList<>();
            for (int k = 0; k < expected.length; k++) {
                rotated.add(expected[(shift + k) % expected.length]);
            }
            assertThat(printed).as("systems on the cycle, in order").isEqualTo(rotated);
        }

        /** A two-system cycle is rejected naming both systems in order. */
        @Test
        void twoSystemCycle() {
            assertThatThrownBy(() -> compile(sys("a").runsBefore("b").runs(NOOP), sys("b").runsBefore("a").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessageStartingWith("phase 'frame': ordering cycle: ")
                    .satisfies(e -> assertCycle(e.getMessage(), "a", "b"));
        }

        /**
         * A longer cycle declared with both runsBefore and runsAfter is named in edge order; systems outside the
         * cycle (upstream or downstream of it) are not named.
         */
        @Test
        void threeSystemCycleWithBystanders() {
            // x -> a -> b -> c -> a, c -> d; plus an unrelated y.
            assertThatThrownBy(() -> compile(sys("x").runsBefore("a").runs(NOOP),
                    sys("d").runsAfter("c").runs(NOOP),
                    sys("b").runsAfter("a").runs(NOOP),
                    sys("c").runsAfter("b").runsBefore("a").runs(NOOP),
                    sys("y").runs(NOOP),
                    sys("a").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .satisfies(e -> assertCycle(e.getMessage(), "a", "b", "c"))
                    .satisfies(e -> assertThat(cycleNames(e.getMessage())).doesNotContain("x", "d", "y"));
        }

        /** When two cycles exist, one of them is named exactly. */
        @Test
        void oneOfTwoCyclesIsNamed() {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> compile(
                    sys("a").runsBefore("b").runs(NOOP), sys("b").runsBefore("a").runs(NOOP),
                    sys("p").runsBefore("q").runs(NOOP), sys("q").runsBefore("r").runs(NOOP),
                    sys("r").runsBefore("p").runs(NOOP)));
            assertThat(e).isInstanceOf(InvalidPlanException.class);
            List<String> names = cycleNames(e.getMessage());
            if (names.contains("a")) {
                assertCycle(e.getMessage(), "a", "b");
            } else {
                assertCycle(e.getMessage(), "p", "q", "r");
            }
        }

        /** An unknown name in runsBefore names the phase, the system, the missing name and the known names. */
        @Test
        void unknownRunsBeforeName() {
            assertThatThrownBy(() -> compile(sys("move").runsBefore("ghost").runs(NOOP), sys("draw").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessage("phase 'frame': system 'move' declares runsBefore 'ghost', which is not a system"
                            + " of this phase; its systems are [draw, move]");
        }

        /** An unknown name in runsAfter is rejected the same way. */
        @Test
        void unknownRunsAfterName() {
            assertThatThrownBy(() -> compile(sys("move").runs(NOOP), sys("draw").runsAfter("Move").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessageContaining("system 'draw' declares runsAfter 'Move'")
                    .hasMessageContaining("[draw, move]");
        }

        /** Two systems with one name are rejected naming the name and both positions. */
        @Test
        void duplicateNames() {
            assertThatThrownBy(() -> compile(sys("a").runs(NOOP), sys("b").runs(NOOP), sys("a").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessage("phase 'frame': duplicate system name 'a' at positions 0 and 2");
        }

        /** A system ordered before itself is rejected naming it. */
        @Test
        void selfOrderingBefore() {
            assertThatThrownBy(() -> compile(sys("a").runsBefore("a").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessage("phase 'frame': system 'a' declares runsBefore itself");
        }

        /** A system ordered after itself is rejected naming it. */
        @Test
        void selfOrderingAfter() {
            assertThatThrownBy(() -> compile(sys("b").runs(NOOP), sys("a").runsAfter("a").runs(NOOP)))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessage("phase 'frame': system 'a' declares runsAfter itself");
        }

        /** A negative fixed entity count is rejected naming the system and the value. */
        @Test
        void negativeEntityCount() {
            assertThatThrownBy(() -> sys("move").forEachEntity(-1, (s, e, c) -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system 'move': entityCount must be >= 0 but was -1");
        }

        /** A minimum batch size below 1 is rejected naming the system and the value. */
        @Test
        void batchSizeBelowOne() {
            assertThatThrownBy(() -> sys("move").minBatchSize(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system 'move': minBatchSize must be >= 1 but was 0");
            assertThatThrownBy(() -> sys("move").minBatchSize(-7))
                    .hasMessage("system 'move': minBatchSize must be >= 1 but was -7");
        }

        /** A blank or null phase name is rejected showing the value. */
        @Test
        void blankPhaseName() {
            assertThatThrownBy(() -> Phase.named(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("phase name must not be null or blank but was ' '");
            assertThatThrownBy(() -> Phase.of(null, List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("phase name must not be null or blank but was null");
        }

        /** A null system is rejected. */
        @Test
        void nullSystemInPhase() {
            assertThatThrownBy(() -> Phase.<String>named("p").add(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("system");
            List<SystemSpec<String>> withNull = new ArrayList<>();
            withNull.add(sys("a").runs(NOOP));
            withNull.add(null);
            assertThatThrownBy(() -> Phase.of("p", withNull)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Phase.of("p", null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("systems");
        }
    }
}
