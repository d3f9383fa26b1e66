package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every user of the work-stealing backend relies on, at the worker counts users run (one per core on 4-64
 * cores; 8 and 16 are oversubscribed on a 2-core machine): an idle backend burns no CPU, a body's interrupt stays in
 * that body, and {@code close()} from an odd place fails fast instead of deadlocking. Resource claims are measured
 * over a window (thread CPU time and counters), never from one instant's thread states.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkStealingReliabilityTest {

    /** The idle window: a second by default ({@code -Didle.window.millis=2000} for the 2 s figure). */
    private static final long WINDOW_MILLIS = Long.getLong("idle.window.millis", 1_000);
    /**
     * Time allowed to go idle before the window: competitive spinning waits at most 0.5 ms before parking, so
     * this is generous; a backend that never settles is caught whatever the settle time.
     */
    private static final long SETTLE_MILLIS = 300;
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
     * An idle backend goes quiet: over a 1 s window, after a burst of phases or with no phase at all, the workers'
     * spin, yield and park counters stop growing and their threads use under 1% of one core. (With 3 or more
     * workers, two parked workers used to wake each other for as long as the backend lived: 65-99% of a core.)
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
            ThreadCpu.sleep(SETTLE_MILLIS);
            BackendStats before = b.stats();
            Map<String, Long> cpu = ThreadCpu.over(threads, WINDOW_MILLIS);
            BackendStats after = b.stats();
            String seen = "CPU ns per worker over " + WINDOW_MILLIS + " ms: " + cpu + "; spins +"
                    + (after.spins() - before.spins()) + ", yields +" + (after.yields() - before.yields())
                    + ", parks +" + (after.parks() - before.parks());
            System.out.printf("idle, %d workers, after phases %s: %.3f%% of one core; %s%n", workers, afterPhases,
                    100.0 * ThreadCpu.sum(cpu) / (WINDOW_MILLIS * 1_000_000.0), seen);
            assertThat(after.spins() - before.spins()).as(seen).isZero();
            assertThat(after.yields() - before.yields()).as(seen).isZero();
            assertThat(after.parks() - before.parks()).as(seen).isZero();
            assertThat(ThreadCpu.sum(cpu)).as(seen).isLessThan(IDLE_CPU_BUDGET_NANOS);
        }
    }

    /**
     * A body that leaves its thread's interrupt flag set (the "catch InterruptedException, restore the flag"
     * idiom) never reaches another body: no body starts interrupted, in the same phase or a later one, on any
     * worker. Afterwards the backend still goes quiet (a worker whose flag stays set returns from every park at
     * once, and spins).
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 3, 4, 8, 16})
    void aBodysInterruptNeverReachesAnotherBody(int workers) {
        String prefix = "ws-interrupt-" + workers + "-";
        AtomicInteger bodies = new AtomicInteger();
        AtomicInteger startedInterrupted = new AtomicInteger();
        Phase.Builder<Object> phase = Phase.named("interrupting");
        for (int i = 0; i < 48; i++) {
            boolean interrupts = i % 3 == 0;
            phase.add(SystemSpec.named("s" + i).runs(ctx -> {
                bodies.incrementAndGet();
                if (Thread.currentThread().isInterrupted()) {
                    startedInterrupted.incrementAndGet();
                }
                if (interrupts) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        phase.add(SystemSpec.named("ranged").writes("x").minBatchSize(16).forEachEntity(4_096, (s, e, ctx) -> {
            bodies.incrementAndGet();
            if (Thread.currentThread().isInterrupted()) {
                startedInterrupted.incrementAndGet();
            }
            if ((s / 16) % 2 == 0) {
                Thread.currentThread().interrupt();
            }
        }));
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = backend(workers, prefix)) {
            for (int i = 0; i < 100; i++) {
                b.execute(plan).throwIfFailed();
                Thread.interrupted(); // a body that ran on this thread may leave the caller's flag set: allowed
            }
            assertThat(startedInterrupted.get()).as("bodies that started with the interrupt flag set, of "
                    + bodies.get()).isZero();
            List<Thread> threads = ThreadCpu.named(prefix);
            ThreadCpu.sleep(SETTLE_MILLIS);
            Map<String, Long> cpu = ThreadCpu.over(threads, WINDOW_MILLIS / 2);
            assertThat(ThreadCpu.sum(cpu)).as("CPU ns per worker over %d ms after interrupting bodies: %s",
                    WINDOW_MILLIS / 2, cpu).isLessThan(IDLE_CPU_BUDGET_NANOS / 2);
        }
    }

    /**
     * {@code close()} from inside a running system while another thread is closing the backend fails at once
     * with an {@link IllegalStateException}; the phase completes and the other close returns. (The monitor of a
     * {@code synchronized close()} used to be held by the waiting closer, so the body blocked on it and both threads
     * hung forever.) Bounded: a deadlock fails the test instead of hanging it.
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 4, 8})
    void closeFromABodyWhileAnotherThreadClosesFailsFastInsteadOfDeadlocking(int workers) throws Exception {
        SchedulerBackend b = backend(workers, "ws-close-" + workers + "-");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch otherCloserWaiting = new CountDownLatch(1);
        AtomicReference<Throwable> fromBody = new AtomicReference<>();
        Plan<Object> plan = Phase.named("closing").add(SystemSpec.named("closes").runs(ctx -> {
            entered.countDown();
            try {
                otherCloserWaiting.await(10, TimeUnit.SECONDS);
                b.close();
            } catch (Throwable t) {
                fromBody.set(t);
            }
            ctx.add("after close");
        })).compile();
        AtomicReference<PhaseResult<Object>> result = new AtomicReference<>();
        Thread caller = daemon("ws-close-caller", () -> result.set(b.execute(plan)));
        caller.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the body runs").isTrue();
        Thread closer = daemon("ws-close-other", b::close);
        closer.start();
        awaitWaiting(closer);
        otherCloserWaiting.countDown();
        caller.join(10_000);
        closer.join(10_000);
        assertThat(caller.isAlive()).as("execute returned (no deadlock)").isFalse();
        assertThat(closer.isAlive()).as("the other close() returned (no deadlock)").isFalse();
        assertThat(fromBody.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close()");
        assertThat(result.get().succeeded()).isTrue();
        assertThat(result.get().commands()).containsExactly("after close");
    }

    /** {@code close()} from a body with nobody else closing fails at once, and the backend stays usable. */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 4})
    void closeFromABodyAloneFailsAtOnceAndTheBackendStaysUsable(int workers) {
        try (SchedulerBackend b = backend(workers, "ws-close-alone-" + workers + "-")) {
            AtomicReference<Throwable> fromBody = new AtomicReference<>();
            Plan<Object> plan = Phase.named("closing").add(SystemSpec.named("ranged").writes("x").minBatchSize(1)
                    .forEachEntity(64, (s, e, ctx) -> {
                        try {
                            b.close();
                        } catch (Throwable t) {
                            fromBody.compareAndSet(null, t);
                        }
                    })).compile();
            b.execute(plan).throwIfFailed();
            assertThat(fromBody.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("close()");
            b.execute(fanOut(8)).throwIfFailed();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Waits (bounded) until a thread blocks or waits: the other closer is inside close(). */
    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW) {
            assertThat(System.nanoTime() - deadline).as("the other closer never waited").isNegative();
            Thread.onSpinWait();
        }
    }
}
