package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.workstealing.internal.ParkedWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every user of the work-stealing backend relies on about its threads, at the worker counts users run (one per
 * core on 4-64 cores; 8 and 16 are oversubscribed on a 2-core machine): they are persistent named daemons, and an
 * idle backend's workers park and burn no CPU, which its own spin, yield and park counters confirm. CPU use is
 * measured over a window, never from one instant's thread states; the window starts once the workers are parked
 * for good ({@link ParkedWorkers}), not after a sleep; waits for a state are bounded. The rules every backend meets
 * (5.01-5.10) run in {@link WorkStealingConformanceTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkStealingReliabilityTest {

    /** The idle window: a second by default ({@code -Didle.window.millis=2000} for the 2 s figure). */
    private static final long WINDOW_MILLIS = Long.getLong("idle.window.millis", 1_000);
    /** How long the workers may take to park before the window: a bound on the wait, not a settling time. */
    private static final long PARK_TIMEOUT_MILLIS = 30_000;
    /** 1% of one core over the window. */
    private static final long IDLE_CPU_BUDGET_NANOS = WINDOW_MILLIS * 1_000_000L / 100;

    private static SchedulerBackend backend(int workers, String prefix) {
        return Schedulers.create("workstealing",
                SchedulerConfig.builder().workers(workers).threadNamePrefix(prefix).build());
    }

    private static Plan<Object> fanOut(int systems) {
        Phase.Builder<Object> phase = Phase.named("fan-out-" + systems);
        for (int i = 0; i < systems; i++) {
            int id = i;
            phase.add(SystemSpec.named("s" + i).runs(ctx -> ctx.add(id)));
        }
        return phase.compile();
    }

    private static Plan<Object> ranges() {
        return Phase.named("ranges").add(SystemSpec.named("r").writes("x").minBatchSize(64)
                .forEachEntity(20_000, (s, e, ctx) -> ctx.add(s))).compile();
    }

    static Stream<Arguments> idleCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int workers : new int[] {2, 3, 4, 8, 16}) {
            cases.add(Arguments.of(workers, true));
            cases.add(Arguments.of(workers, false));
        }
        return cases.stream();
    }

    /**
     * An idle backend goes quiet: after a burst of phases or with no phase at all, every worker parks for good, and
     * over a 1 s window from then their spin, yield and park counters do not grow and their threads use under 1%
     * of one core. (With 3 or more workers, two parked workers used to wake each other for as long as the backend
     * lived: 65-99% of a core; such workers never all park, and the wait for it fails.)
     */
    @ParameterizedTest(name = "{0} workers, after phases: {1}")
    @MethodSource("idleCases")
    void idleBackendGoesQuiet(int workers, boolean afterPhases) {
        String prefix = "ws-quiet-" + workers + "-" + afterPhases + "-";
        try (SchedulerBackend b = backend(workers, prefix)) {
            if (afterPhases) {
                Plan<Object> small = fanOut(32);
                Plan<Object> ranged = ranges();
                for (int i = 0; i < 300; i++) {
                    b.execute(i % 3 == 0 ? ranged : small).throwIfFailed();
                }
            }
            List<Thread> threads = ThreadCpu.named(prefix);
            assertThat(threads).hasSize(workers - 1);
            ParkedWorkers.await(b, PARK_TIMEOUT_MILLIS);
            BackendStats before = b.stats();
            Map<String, Long> cpu = ThreadCpu.over(threads, WINDOW_MILLIS);
            BackendStats after = b.stats();
            String seen = String.format("idle, %d workers, after phases %s: %.3f%% of one core; CPU ns per worker"
                    + " over %d ms: %s; spins +%d, yields +%d, parks +%d", workers, afterPhases,
                    100.0 * ThreadCpu.sum(cpu) / (WINDOW_MILLIS * 1_000_000.0), WINDOW_MILLIS, cpu,
                    after.spins() - before.spins(), after.yields() - before.yields(), after.parks() - before.parks());
            assertThat(after.spins() - before.spins()).as(seen).isZero();
            assertThat(after.yields() - before.yields()).as(seen).isZero();
            assertThat(after.parks() - before.parks()).as(seen).isZero();
            assertThat(ThreadCpu.sum(cpu)).as(seen).isLessThan(IDLE_CPU_BUDGET_NANOS);
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Test
    void idleWorkersAllReachAWaitingStateAndStayParked() {
        String prefix = "ws-idle-parked-";
        try (SchedulerBackend b = backend(3, prefix)) {
            Phase.Builder<Object> phase = Phase.named("p");
            for (int i = 0; i < 8; i++) {
                int id = i;
                phase.add(SystemSpec.named("s" + i).runs(ctx -> ctx.add(id)));
            }
            b.execute(phase.compile()).throwIfFailed();
            List<Thread> threads = ThreadCpu.named(prefix);
            assertThat(threads).hasSize(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING)) {
                if (System.nanoTime() > deadline) {
                    fail("workers not parked within 30 s: " + threads.stream().map(Thread::getState).toList());
                }
                LockSupport.parkNanos(1_000_000L);
            }
            long parks = b.stats().parks();
            assertThat(parks).isGreaterThanOrEqualTo(2);
        }
    }

    /** The workers are daemon threads named after the prefix, started once: never a thread per phase. */
    @Test
    void workerThreadsArePersistentNamedDaemons() {
        String prefix = "ws-daemons-";
        try (SchedulerBackend b = backend(4, prefix)) {
            List<Thread> before = ThreadCpu.named(prefix);
            assertThat(before).hasSize(3).allMatch(Thread::isDaemon);
            Plan<Object> plan = Phase.named("p").add(SystemSpec.named("a").runs(ctx -> { })).compile();
            for (int i = 0; i < 50; i++) {
                b.execute(plan).throwIfFailed();
            }
            assertThat(ThreadCpu.named(prefix)).as("never a thread per phase")
                    .containsExactlyInAnyOrderElementsOf(before);
        }
    }
}
