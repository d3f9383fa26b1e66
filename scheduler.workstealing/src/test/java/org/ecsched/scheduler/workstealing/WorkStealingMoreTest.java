package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Further issue-4 checks: interrupt from another thread, knobs observed via commands/stats, garbage smoke. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingMoreTest {

    private static volatile double sink;

    private static double work(int entity, int rounds) {
        double x = entity;
        for (int k = 0; k < rounds; k++) {
            x = Math.sqrt(x * x + k + 1);
        }
        return x;
    }

    private static SchedulerBackend backend(SchedulerConfig.Builder b) {
        return Schedulers.create("workstealing", b.build());
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

    /** Waits on a latch without being stopped by an interrupt; restores the flag. Fails after 20 s. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                long left = deadline - System.nanoTime();
                if (latch.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    break;
                }
                throw new AssertionError("latch not released within 20 s");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A root releasing many leaves, each adding one command, plus an entity-parallel command source. */
    private static Plan<String> fanOutCommands(int width) {
        Phase.Builder<String> phase = Phase.named("fanCommands");
        phase.add(SystemSpec.<String>named("root").runs(ctx -> ctx.add("root")));
        for (int i = 0; i < width; i++) {
            int id = i;
            phase.add(SystemSpec.<String>named("leaf" + i).runsAfter("root").runs(ctx -> {
                sink = work(id, 50);
                ctx.add("leaf" + id);
            }));
        }
        phase.add(SystemSpec.<String>named("ents").writes("e").minBatchSize(4)
                .forEachEntity(2_000, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        if (i % 37 == 0) {
                            ctx.add("e" + i);
                        }
                    }
                }));
        return phase.compile();
    }

    @Test
    void interruptFromAnotherThreadWhileASystemIsHeldLeavesFlagSetAndBackendConsistent() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Phase.Builder<Object> phase = Phase.named("held");
        phase.add(SystemSpec.named("hold").writes("x").runs(ctx -> {
            entered.countDown();
            awaitUninterruptibly(release);
        }));
        for (int i = 0; i < 50; i++) {
            int id = i;
            phase.add(SystemSpec.named("other" + i).runs(ctx -> sink = work(id, 200)));
        }
        phase.add(SystemSpec.named("after").reads("x").forEachEntity(5_000, (s, e, ctx) -> sink = work(s, 5)));
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(2))) {
            AtomicReference<Object> firstOk = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            AtomicReference<Object> secondOk = new AtomicReference<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    firstOk.set(b.execute(plan).succeeded());
                    flagAfter.set(Thread.interrupted()); // reads and clears
                    secondOk.set(b.execute(plan).succeeded());
                } catch (Throwable t) {
                    error.set(t);
                }
            }, "interrupt-test-caller");
            caller.start();
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("hold system entered").isTrue();
            caller.interrupt();
            release.countDown();
            caller.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(caller.isAlive()).as("caller finished both phases").isFalse();
            assertThat(error.get()).isNull();
            assertThat(firstOk.get()).isEqualTo(true);
            assertThat(flagAfter.get()).as("interrupt flag set after execute").isTrue();
            assertThat(secondOk.get()).isEqualTo(true);
        }
        Thread.interrupted();
    }

    @Test
    void tinyLocalDequesGiveTheSameCommandsAsDefaultCapacityAndBlocking() {
        Plan<String> plan = fanOutCommands(300);
        List<String> expected;
        try (SchedulerBackend blocking = Schedulers.create("blocking", SchedulerConfig.builder().workers(1).build())) {
            expected = List.copyOf(blocking.execute(plan).commands());
        }
        assertThat(expected).hasSize(1 + 300 + 55);
        List<String> defaults;
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(4))) {
            defaults = List.copyOf(b.execute(plan).commands());
        }
        assertThat(defaults).containsExactlyElementsOf(expected);
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(4).localQueueCapacity(2))) {
            for (int run = 0; run < 20; run++) {
                PhaseResult<String> r = b.execute(plan);
                assertThat(r.succeeded()).isTrue();
                assertThat(r.tasksExecuted()).isGreaterThanOrEqualTo(302);
                assertThat(r.commands()).as("run %d", run).containsExactlyElementsOf(defaults);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 50, 999})
    void aSystemsOwnMinimumBatchIsNeverUndercut(int systemMin) {
        int n = 20_011;
        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
        Plan<Object> plan = Phase.named("own").add(SystemSpec.named("r").writes("x").minBatchSize(systemMin)
                .forEachEntity(n, (s, e, ctx) -> {
                    ranges.add(new int[] {s, e});
                    sink = work(s, (e - s) * 4);
                })).compile();
        // config default 1: the system's own minimum must win
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(4).minBatchSize(1))) {
            for (int i = 0; i < 5; i++) {
                ranges.clear();
                b.execute(plan).throwIfFailed();
                boolean[] seen = new boolean[n];
                for (int[] r : ranges) {
                    // Worker.execute splits only ranges >= 2*min into halves and cuts pieces of max(min, len/4)
                    // only from ranges >= 2*min, so every piece is >= min (the whole range is >= min here).
                    assertThat(r[1] - r[0]).as("range %d..%d", r[0], r[1]).isGreaterThanOrEqualTo(systemMin);
                    for (int k = r[0]; k < r[1]; k++) {
                        assertThat(seen[k]).as("entity %d run twice", k).isFalse();
                        seen[k] = true;
                    }
                }
                for (int k = 0; k < n; k++) {
                    assertThat(seen[k]).as("entity %d never run", k).isTrue();
                }
            }
        }
    }

    @Test
    void smallIdleBudgetsLeadToParksAfterAPhase() {
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(4).spinIterations(4)
                .yieldIterations(4).adaptiveSpin(false))) {
            Phase.Builder<Object> phase = Phase.named("p");
            for (int i = 0; i < 16; i++) {
                int id = i;
                phase.add(SystemSpec.named("s" + i).runs(ctx -> sink = work(id, 100)));
            }
            b.execute(phase.compile()).throwIfFailed();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (b.stats().parks() == 0) {
                if (System.nanoTime() > deadline) {
                    fail("no worker parked within 30 s; stats " + b.stats());
                }
                LockSupport.parkNanos(1_000_000L);
            }
            assertThat(b.stats().parks()).isPositive();
        }
    }

    @Test
    void idleWorkersAllReachAWaitingStateAndStayParked() {
        String prefix = "ws-more-idle-";
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(3).threadNamePrefix(prefix))) {
            Phase.Builder<Object> phase = Phase.named("p");
            for (int i = 0; i < 8; i++) {
                int id = i;
                phase.add(SystemSpec.named("s" + i).runs(ctx -> sink = work(id, 1000)));
            }
            b.execute(phase.compile()).throwIfFailed();
            List<Thread> threads = threadsNamed(prefix);
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

    @ParameterizedTest
    @ValueSource(strings = {"FAIL_FAST", "CONTINUE"})
    void throwingRangeOfTenThousandEntitiesNeitherHangsNorKills(String policyName) {
        FailurePolicy policy = FailurePolicy.valueOf(policyName);
        String prefix = "ws-more-range-throw-" + policyName + "-";
        Plan<Object> plan = Phase.named("rangeThrow").add(SystemSpec.named("r").writes("x").minBatchSize(1)
                .forEachEntity(10_000, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        if (i == 7_777) {
                            throw new IllegalStateException("boom at " + i);
                        }
                        sink = work(i, 20);
                    }
                }))
                .add(SystemSpec.named("next").reads("x").runs(ctx -> { }))
                .compile();
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(4).minBatchSize(1)
                .threadNamePrefix(prefix))) {
            List<Thread> before = threadsNamed(prefix);
            assertThat(before).hasSize(3);
            for (int i = 0; i < 3; i++) {
                PhaseResult<Object> r = b.execute(plan, policy);
                assertThat(r.outcome("r")).isEqualTo(SystemOutcome.FAILED);
                assertThat(r.failures()).isNotEmpty();
            }
            assertThat(before).allMatch(Thread::isAlive);
            assertThat(threadsNamed(prefix)).containsExactlyInAnyOrderElementsOf(before);
            Plan<Object> ok = Phase.named("ok").add(SystemSpec.named("fine").runs(ctx -> { })).compile();
            assertThat(b.execute(ok).succeeded()).isTrue();
        }
    }

    /**
     * Zero-garbage smoke test, NOT the proof: the real proof is JMH {@code -prof gc} ({@code gc.alloc.rate.norm}).
     * Measures bytes allocated by the calling thread (worker 0, which runs most of the hot path) over 1,000 phases
     * of a warmed-up plan without commands. Reflection reaches {@code com.sun.management.ThreadMXBean} because the
     * patched test module does not read jdk.management.
     */
    @Test
    void steadyStatePhasesAllocateAlmostNothingOnTheCaller() throws Exception {
        Method allocated;
        Object mx;
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            mx = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> sunMx = Class.forName("com.sun.management.ThreadMXBean");
            Assumptions.assumeTrue(sunMx.isInstance(mx), "no com.sun.management.ThreadMXBean");
            allocated = sunMx.getMethod("getCurrentThreadAllocatedBytes");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("management API not available: " + e);
            return;
        }
        Phase.Builder<Object> phase = Phase.named("nogc");
        phase.add(SystemSpec.named("root").writes("a").runs(ctx -> sink = work(1, 10)));
        for (int i = 0; i < 8; i++) {
            int id = i;
            phase.add(SystemSpec.named("mid" + i).reads("a").runs(ctx -> sink = work(id, 10)));
        }
        phase.add(SystemSpec.named("ents").writes("b").minBatchSize(64)
                .forEachEntity(4_096, (s, e, ctx) -> sink = work(s, e - s)));
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = backend(SchedulerConfig.builder().workers(2))) {
            for (int i = 0; i < 500; i++) {
                b.execute(plan);
            }
            long before = (long) allocated.invoke(mx);
            long calibrate = (long) allocated.invoke(mx);
            long probeCost = calibrate - before; // the reflective call itself may allocate (boxing)
            before = (long) allocated.invoke(mx);
            for (int i = 0; i < 1_000; i++) {
                b.execute(plan);
            }
            long after = (long) allocated.invoke(mx);
            double perPhase = (after - before - probeCost) / 1_000.0;
            System.out.println("[zero-garbage smoke] caller bytes/phase = " + perPhase);
            assertThat(perPhase).as("bytes allocated per phase on the caller").isLessThan(64.0);
        }
    }
}
