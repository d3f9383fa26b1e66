package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour specific to the work-stealing backend (issue 4): stealing happens, commands match the blocking
 * backend's, failures neither hang nor kill, threads stop, and every knob changes what the counters show. The
 * general contract is checked by the testkit's conformance suite on 1, 2, 4, 8 and 16 workers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkStealingBackendTest {

    private static SchedulerBackend backend(SchedulerConfig.Builder config) {
        return Schedulers.create("workstealing", config.build());
    }

    private static SchedulerConfig.Builder workers(int n) {
        return SchedulerConfig.builder().workers(n);
    }

    /** Deterministic busy work: enough for a thief to get a chance, no sleeping. */
    private static double work(int entity, int rounds) {
        double x = entity;
        for (int k = 0; k < rounds; k++) {
            x = Math.sqrt(x * x + k + 1);
        }
        return x;
    }

    private static volatile double sink;

    @Test
    void isTheDefaultBackend() {
        assertThat(Schedulers.availableBackends()).first().isEqualTo("workstealing");
    }

    @Test
    void stealsOnAnImbalancedPhase() {
        Phase.Builder<Object> phase = Phase.named("imbalanced");
        phase.add(SystemSpec.named("heavy").writes("h").minBatchSize(256)
                .forEachEntity(100_000, (s, e, ctx) -> {
                    double acc = 0;
                    for (int i = s; i < e; i++) {
                        acc += work(i, 20);
                    }
                    sink = acc;
                }));
        for (int i = 0; i < 15; i++) {
            phase.add(SystemSpec.named("light" + i).writes("l" + i).runs(ctx -> sink = work(1, 100)));
        }
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = backend(workers(2))) {
            for (int i = 0; i < 200 && b.stats().tasksStolen() == 0; i++) {
                b.execute(plan).throwIfFailed();
            }
            assertThat(b.stats().tasksStolen()).as("tasks stolen").isPositive();
            assertThat(b.stats().stealSuccesses()).isPositive();
        }
    }

    /** Commands from run-once and entity-parallel systems, some conflicting, some ordered. */
    private static Plan<String> commandPhase() {
        return Phase.<String>named("commands")
                .add(SystemSpec.<String>named("spawn").writes("pos").runs(ctx -> {
                    for (int i = 0; i < 5; i++) {
                        ctx.add("spawn" + i);
                    }
                }))
                .add(SystemSpec.<String>named("move").reads("vel").writes("pos").minBatchSize(16)
                        .forEachEntity(5_000, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                if (i % 97 == 0) {
                                    ctx.add("move" + i);
                                }
                            }
                        }))
                .add(SystemSpec.<String>named("age").writes("age").minBatchSize(8)
                        .forEachEntity(3_000, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                if (i % 101 == 0) {
                                    ctx.add("age" + i);
                                }
                            }
                        }))
                .add(SystemSpec.<String>named("stats").reads("pos", "age").runs(ctx -> ctx.add("stats")))
                .compile();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void hundredRunsGiveOneCommandSequenceEqualToBlocking(int workers) {
        Plan<String> plan = commandPhase();
        List<String> expected;
        try (SchedulerBackend blocking = Schedulers.create("blocking", workers(1).build())) {
            expected = List.copyOf(blocking.execute(plan).commands());
        }
        assertThat(expected).hasSize(5 + 52 + 30 + 1);
        try (SchedulerBackend b = backend(workers(workers).minBatchSize(8))) {
            for (int run = 0; run < 100; run++) {
                PhaseResult<String> result = b.execute(plan);
                assertThat(result.commands()).as("run %d", run).containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FAIL_FAST", "CONTINUE"})
    void aThrowingSystemInTenThousandTasksNeitherHangsNorKillsAThread(String policyName) {
        FailurePolicy policy = FailurePolicy.valueOf(policyName);
        String prefix = "ws-throw-" + policyName + "-";
        Phase.Builder<Object> phase = Phase.named("many");
        for (int i = 0; i < 10_000; i++) {
            int id = i;
            phase.add(SystemSpec.named("s" + i).runs(ctx -> {
                if (id == 4_321) {
                    throw new IllegalStateException("boom in s" + id);
                }
                sink = work(id, 3);
            }));
        }
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = backend(workers(4).threadNamePrefix(prefix))) {
            List<Thread> before = threadsNamed(prefix);
            assertThat(before).hasSize(3);
            PhaseResult<Object> result = b.execute(plan, policy);
            assertThat(result.outcome("s4321")).isEqualTo(SystemOutcome.FAILED);
            assertThat(result.failures()).hasSize(1);
            assertThat(result.failure(4_321)).hasMessage("boom in s4321");
            if (policy == FailurePolicy.CONTINUE) {
                assertThat(result.tasksExecuted()).isEqualTo(10_000);
            }
            assertThat(before).allMatch(Thread::isAlive);
            assertThat(threadsNamed(prefix)).containsExactlyInAnyOrderElementsOf(before);
            // usable afterwards
            Plan<Object> ok = Phase.named("ok").add(SystemSpec.named("fine").runs(ctx -> { })).compile();
            assertThat(b.execute(ok).succeeded()).isTrue();
        }
    }

    @Test
    void closeDuringIdleJoinsEveryThreadAndIsIdempotent() {
        String prefix = "ws-close-test-";
        SchedulerBackend b = backend(workers(6).threadNamePrefix(prefix));
        Plan<Object> plan = Phase.named("p").add(SystemSpec.named("a").runs(ctx -> { })).compile();
        b.execute(plan);
        assertThat(threadsNamed(prefix)).hasSize(5);
        b.close();
        assertThat(threadsNamed(prefix)).isEmpty();
        b.close();
        assertThatThrownBy(() -> b.execute(plan)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void interruptingTheCallerLeavesTheFlagSetAndTheBackendConsistent() {
        Thread caller = Thread.currentThread();
        Plan<Object> plan = Phase.named("interrupt")
                .add(SystemSpec.named("interrupter").writes("x").runs(ctx -> caller.interrupt()))
                .add(SystemSpec.named("after").writes("x").minBatchSize(10)
                        .forEachEntity(10_000, (s, e, ctx) -> sink = work(s, 10)))
                .compile();
        try (SchedulerBackend b = backend(workers(2))) {
            PhaseResult<Object> result = b.execute(plan);
            assertThat(Thread.interrupted()).as("interrupt flag after execute").isTrue();
            assertThat(result.succeeded()).isTrue();
            assertThat(b.execute(plan).succeeded()).isTrue();
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    /** One root releasing many independent systems: the finishing worker's deque fills, the other steals. */
    private static Plan<Object> fanOut(int width) {
        Phase.Builder<Object> phase = Phase.named("fan");
        phase.add(SystemSpec.named("root").runs(ctx -> { }));
        for (int i = 0; i < width; i++) {
            int id = i;
            phase.add(SystemSpec.named("leaf" + i).runsAfter("root").runs(ctx -> sink = work(id, 2_000)));
        }
        return phase.compile();
    }

    private static BackendStats runUntilStolen(SchedulerBackend b, Plan<Object> plan, long stolen) {
        for (int i = 0; i < 500 && b.stats().stealSuccesses() < stolen; i++) {
            b.execute(plan).throwIfFailed();
        }
        return b.stats();
    }

    @Test
    void stealBatchOneMovesOneTaskPerSteal() {
        try (SchedulerBackend b = backend(workers(2).stealBatch(1))) {
            BackendStats stats = runUntilStolen(b, fanOut(64), 20);
            assertThat(stats.stealSuccesses()).isPositive();
            assertThat(stats.tasksStolen()).isEqualTo(stats.stealSuccesses());
        }
    }

    @Test
    void stealBatchThirtyTwoMovesSeveralTasksPerSteal() {
        try (SchedulerBackend b = backend(workers(2).stealBatch(32))) {
            BackendStats stats = runUntilStolen(b, fanOut(64), 20);
            assertThat(stats.stealSuccesses()).isPositive();
            assertThat((double) stats.tasksStolen() / stats.stealSuccesses()).isGreaterThan(1.0);
        }
    }

    private static Plan<Object> chain(int length) {
        Phase.Builder<Object> phase = Phase.named("chain");
        for (int i = 0; i < length; i++) {
            SystemSpec.Builder<Object> s = SystemSpec.named("c" + i);
            if (i > 0) {
                s.runsAfter("c" + (i - 1));
            }
            phase.add(s.runs(ctx -> { }));
        }
        return phase.compile();
    }

    @Test
    void lifoSlotOnRunsReleasedSystemsFromTheSlot() {
        try (SchedulerBackend b = backend(workers(2).lifoSlot(true))) {
            b.execute(chain(20)).throwIfFailed();
            assertThat(b.stats().lifoHits()).isPositive();
        }
    }

    @Test
    void lifoSlotOffNeverUsesTheSlot() {
        try (SchedulerBackend b = backend(workers(2).lifoSlot(false))) {
            for (int i = 0; i < 5; i++) {
                b.execute(chain(20)).throwIfFailed();
            }
            assertThat(b.stats().lifoHits()).isZero();
            assertThat(b.stats().tasksExecuted()).isEqualTo(100);
        }
    }

    @Test
    void tinyLocalDequesOverflowToTheInjectorWithoutLosingTasks() {
        try (SchedulerBackend b = backend(workers(2).localQueueCapacity(2))) {
            PhaseResult<Object> result = b.execute(fanOut(200));
            assertThat(result.succeeded()).isTrue();
            assertThat(result.tasksExecuted()).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 1000})
    void rangesNeverUndercutTheMinimumBatch(int minBatch) {
        int n = 10_007;
        List<int[]> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
        Plan<Object> plan = Phase.named("ranges").add(SystemSpec.named("r").writes("x")
                .forEachEntity(n, (s, e, ctx) -> {
                    ranges.add(new int[] {s, e});
                    sink = work(s, (e - s) * 4);
                })).compile();
        try (SchedulerBackend b = backend(workers(4).minBatchSize(minBatch))) {
            for (int i = 0; i < 5; i++) {
                ranges.clear();
                b.execute(plan).throwIfFailed();
                long covered = 0;
                for (int[] r : ranges) {
                    covered += r[1] - r[0];
                    if (r[1] != n) {
                        assertThat(r[1] - r[0]).as("range %d..%d", r[0], r[1]).isGreaterThanOrEqualTo(minBatch);
                    }
                }
                assertThat(covered).isEqualTo(n);
            }
        }
    }

    @Test
    void noSpinningWhenTheSpinBudgetIsZero() {
        try (SchedulerBackend b = backend(workers(2).spinIterations(0).adaptiveSpin(false))) {
            for (int i = 0; i < 20; i++) {
                b.execute(fanOut(16)).throwIfFailed();
            }
            assertThat(b.stats().spins()).isZero();
            assertThat(b.stats().yields() + b.stats().parks()).isPositive();
        }
    }

    @Test
    void workerIndicesStayWithinTheWorkerCount() {
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Plan<Object> plan = Phase.named("idx").add(SystemSpec.named("r").writes("x").minBatchSize(16)
                .forEachEntity(50_000, (s, e, ctx) -> {
                    seen.add(ctx.workerIndex());
                    sink = work(s, (e - s) * 2);
                })).compile();
        try (SchedulerBackend b = backend(workers(4))) {
            for (int i = 0; i < 50 && seen.size() < 2; i++) {
                b.execute(plan).throwIfFailed();
            }
        }
        assertThat(seen).allMatch(w -> w >= 0 && w < 4).hasSizeGreaterThan(1);
    }
}
