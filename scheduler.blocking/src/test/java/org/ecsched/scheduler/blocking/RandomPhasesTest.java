package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * Random phases on the blocking backend: random component access, random acyclic explicit orderings, run-once
 * and entity-parallel systems (some failing), on 1 to 8 workers. The probe checks overlap and ordering; the
 * model ({@link SystemModel}) gives the outcomes under CONTINUE and the commands under both policies.
 */
class RandomPhasesTest {

    private static final List<String> COMPONENTS = List.of("A", "B", "C", "D");

    @Provide
    Arbitrary<List<SystemModel>> phases() {
        Arbitrary<List<String>> access = Arbitraries.of(COMPONENTS).list().ofMaxSize(2).uniqueElements();
        Arbitrary<int[]> shape = Combinators.combine(
                Arbitraries.integers().between(-1, 120),  // entities, -1 = run once
                Arbitraries.integers().between(0, 16),    // minBatch, 0 = default
                Arbitraries.integers().between(0, 130).injectNull(0.8)) // failAt, mostly none
                .as((entities, minBatch, failAt) -> new int[] {entities, minBatch, failAt == null ? -1 : failAt});
        return Arbitraries.integers().between(1, 8).flatMap(n -> Combinators.combine(
                Combinators.combine(access, access, shape).as((r, w, s) -> new Object[] {r, w, s}).list().ofSize(n),
                Arbitraries.shuffle(range(n)),
                Arbitraries.integers().between(0, n - 1).list().ofSize(2).list().ofMaxSize(n))
                .as((drafts, rank, pairs) -> {
                    List<List<String>> before = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        before.add(new ArrayList<>());
                    }
                    for (List<Integer> p : pairs) {
                        int a = p.get(0);
                        int b = p.get(1);
                        if (a != b) {
                            boolean forward = rank.indexOf(a) < rank.indexOf(b);
                            int from = forward ? a : b;
                            int to = forward ? b : a;
                            if (!before.get(from).contains("s" + to)) {
                                before.get(from).add("s" + to);
                            }
                        }
                    }
                    List<SystemModel> systems = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Object[] d = drafts.get(i);
                        @SuppressWarnings("unchecked")
                        List<String> reads = (List<String>) d[0];
                        @SuppressWarnings("unchecked")
                        List<String> writes = (List<String>) d[1];
                        int[] s = (int[]) d[2];
                        systems.add(new SystemModel("s" + i, reads, writes, before.get(i), List.of(), s[0],
                                s[0] < 0 ? 0 : s[1], s[2]));
                    }
                    return systems;
                }));
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    /**
     * Under CONTINUE the outcomes are exactly those the plan implies, the commands exactly those of the
     * completed systems in the deterministic order, and no conflicting systems overlap nor orderings break.
     */
    @Property(tries = 80)
    void continueMatchesTheModel(@ForAll("phases") List<SystemModel> systems,
                                 @ForAll("workers") int workers) {
        Probe probe = new Probe(systems.size(), SystemModel.components(systems), 200);
        Plan<String> plan = SystemModel.phase("random", systems, probe).compile();
        List<SystemOutcome> expected = SystemModel.continueOutcomes(plan, systems);
        try (SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder()
                .workers(workers).minBatchSize(4).build())) {
            for (int frame = 0; frame < 2; frame++) {
                probe.resetStamps();
                PhaseResult<String> r = backend.execute(plan, FailurePolicy.CONTINUE);

                assertThat(probe.violations()).isEmpty();
                assertThat(probe.orderingViolations(plan)).isEmpty();
                assertThat(BlockingBackendTest.outcomes(r)).isEqualTo(expected);
                assertThat(r.commands()).containsExactlyElementsOf(SystemModel.expectedCommands(systems, expected));
            }
        }
    }

    /**
     * Under FAIL_FAST: a phase without failures completes entirely; with failures, each completed system had
     * only completed predecessors, nothing ordered after a failed system ran, and the commands are those of
     * the completed systems.
     */
    @Property(tries = 80)
    void failFastKeepsItsInvariants(@ForAll("phases") List<SystemModel> systems, @ForAll("workers") int workers) {
        Probe probe = new Probe(systems.size(), SystemModel.components(systems), 200);
        Plan<String> plan = SystemModel.phase("random", systems, probe).compile();
        boolean anyFailure = systems.stream().anyMatch(SystemModel::throwsWhenRun);
        try (SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder()
                .workers(workers).minBatchSize(4).build())) {
            PhaseResult<String> r = backend.execute(plan, FailurePolicy.FAIL_FAST);
            List<SystemOutcome> outcomes = BlockingBackendTest.outcomes(r);

            assertThat(probe.violations()).isEmpty();
            assertThat(probe.orderingViolations(plan)).isEmpty();
            if (!anyFailure) {
                assertThat(outcomes).containsOnly(SystemOutcome.COMPLETED);
            }
            for (int s = 0; s < systems.size(); s++) {
                if (outcomes.get(s) == SystemOutcome.FAILED) {
                    assertThat(systems.get(s).throwsWhenRun()).isTrue();
                    for (int t = 0; t < systems.size(); t++) {
                        if (plan.isOrderedBefore(s, t)) {
                            assertThat(probe.ran(t)).as("s%d ran after s%d failed", t, s).isFalse();
                            assertThat(outcomes.get(t)).isEqualTo(SystemOutcome.SKIPPED);
                        }
                    }
                }
                if (outcomes.get(s) == SystemOutcome.COMPLETED) {
                    assertThat(systems.get(s).throwsWhenRun()).isFalse();
                    for (int p = 0; p < systems.size(); p++) {
                        if (plan.isOrderedBefore(p, s)) {
                            assertThat(outcomes.get(p)).isEqualTo(SystemOutcome.COMPLETED);
                        }
                    }
                }
            }
            assertThat(r.commands()).containsExactlyElementsOf(SystemModel.expectedCommands(systems, outcomes));
        }
    }

    @Provide
    Arbitrary<Integer> workers() {
        return Arbitraries.of(1, 2, 3, 4, 8);
    }
}
