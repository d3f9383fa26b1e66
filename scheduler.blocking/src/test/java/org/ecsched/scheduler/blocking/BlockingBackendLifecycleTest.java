package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lifecycle and misuse: close stops and joins every thread and is idempotent; executing on a closed backend,
 * concurrently, or re-entrantly, and closing from inside a system, each fail at once with an
 * {@link IllegalStateException} saying which; an interrupted caller gets a complete phase and its flag back.
 * Every wait has a deadline ({@link TestThreads}).
 */
class BlockingBackendLifecycleTest {

    private static String uniquePrefix(String what) {
        return "bt-" + what + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static SchedulerBackend backend(int workers, String prefix) {
        return new BlockingBackendProvider().create(SchedulerConfig.builder().workers(workers)
                .threadNamePrefix(prefix).build());
    }

    private static Plan<String> single(String name, SystemBody<String> body) {
        return Phase.<String>named(name).add(SystemSpec.<String>named(name).runs(body)).compile();
    }

    private static Plan<String> simple() {
        return Phase.<String>named("simple")
                .add(SystemSpec.<String>named("a").writes("X").runs(ctx -> ctx.add("a")))
                .add(SystemSpec.<String>named("b").writes("X").minBatchSize(1)
                        .forEachEntity(8, (s, e, ctx) -> ctx.add("b" + s)))
                .compile();
    }

    /**
     * close() stops and joins every pool thread: the threads the backend started (found by name while it ran)
     * are all dead when close returns, and no thread of that name is left.
     */
    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        String prefix = uniquePrefix("close");
        Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
        SchedulerBackend backend = backend(4, prefix);
        List<Thread> pool = TestThreads.liveThreadsNamed(prefix);
        assertThat(pool).extracting(Thread::getName)
                .containsExactly(prefix + "0", prefix + "1", prefix + "2", prefix + "3");
        assertThat(pool).extracting(Thread::getId).doesNotContainAnyElementsOf(before);
        assertThat(backend.execute(simple()).succeeded()).isTrue();

        TestThreads.withDeadline("closer", () -> {
            backend.close();
            return null;
        });

        assertThat(pool).allSatisfy(t -> assertThat(t.isAlive()).as("%s alive after close", t.getName()).isFalse());
        assertThat(TestThreads.liveThreadsNamed(prefix)).isEmpty();
    }

    /** The default thread names say what the threads are. */
    @Test
    void defaultThreadNames() {
        SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder().workers(2).build());
        try {
            List<Thread> pool = TestThreads.liveThreadsNamed("ecsched-blocking-");
            assertThat(pool).extracting(Thread::getName).contains("ecsched-blocking-0", "ecsched-blocking-1");
        } finally {
            backend.close();
        }
    }

    /** close() is idempotent: a second close (from any thread) returns at once and changes nothing. */
    @Test
    void closeIsIdempotent() throws Exception {
        String prefix = uniquePrefix("idem");
        SchedulerBackend backend = backend(2, prefix);
        List<Thread> pool = TestThreads.liveThreadsNamed(prefix);
        TestThreads.withDeadline("first close", () -> {
            backend.close();
            return null;
        });
        TestThreads.withDeadline("second close", () -> {
            backend.close();
            backend.close();
            return null;
        });
        backend.close();

        assertThat(pool).noneMatch(Thread::isAlive);
        assertThat(backend.toString()).contains("closed=true");
    }

    /** Executing on a closed backend fails at once, saying it is closed. */
    @Test
    void executeOnClosedBackend() {
        SchedulerBackend backend = backend(2, uniquePrefix("closed"));
        backend.close();

        assertThatThrownBy(() -> backend.execute(simple())).isInstanceOf(IllegalStateException.class)
                .hasMessage("backend 'blocking' is closed");
        assertThatThrownBy(() -> backend.execute(simple(), FailurePolicy.CONTINUE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * Executing while another thread's phase runs fails at once, saying "concurrent" and naming that thread;
     * the running phase is unaffected.
     */
    @Test
    void concurrentExecutionIsRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Plan<String> blocking = single("held", ctx -> {
            entered.countDown();
            TestThreads.await(release, "the test to release the held system");
            ctx.add("held");
        });
        try (SchedulerBackend backend = backend(2, uniquePrefix("conc"))) {
            TestThreads.Worker<List<String>> first = TestThreads.start("first-caller",
                    () -> List.copyOf(backend.execute(blocking).commands()));
            try {
                TestThreads.await(entered, "the held system to start", first);

                assertThatThrownBy(() -> backend.execute(simple())).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("concurrent execution")
                        .hasMessageContaining("'first-caller'");
                assertThatThrownBy(() -> backend.execute(blocking)).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("concurrent execution");
            } finally {
                release.countDown();
            }
            assertThat(first.get()).containsExactly("held");
            assertThat(backend.execute(simple()).succeeded()).as("usable afterwards").isTrue();
        }
    }

    /** Executing from inside a running system fails at once, saying "re-entrant"; the outer phase goes on. */
    @Test
    void reentrantExecutionIsRefused() {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        try (SchedulerBackend backend = backend(2, uniquePrefix("reent"))) {
            Plan<String> inner = simple();
            Plan<String> outer = Phase.<String>named("outer")
                    .add(SystemSpec.<String>named("catches").runs(ctx -> {
                        try {
                            backend.execute(inner);
                        } catch (Throwable t) {
                            caught.set(t);
                        }
                        ctx.add("caught");
                    }))
                    .add(SystemSpec.<String>named("propagates").runs(ctx -> backend.execute(inner)))
                    .compile();

            PhaseResult<String> r = backend.execute(outer, FailurePolicy.CONTINUE);

            assertThat(caught.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("re-entrant execution")
                    .hasMessageContaining("'blocking'");
            assertThat(r.outcome("catches")).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(r.outcome("propagates")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("re-entrant execution");
            assertThat(r.commands()).containsExactly("caught");
            assertThat(backend.execute(inner).succeeded()).as("usable afterwards").isTrue();
        }
    }

    /**
     * close() from inside a running system fails at once, saying so (the phase, run with a deadline, would
     * otherwise wait for itself); the backend stays open and usable.
     */
    @Test
    void closeFromInsideASystemIsRefused() throws Exception {
        String prefix = uniquePrefix("selfclose");
        try (SchedulerBackend backend = backend(2, prefix)) {
            Plan<String> plan = single("closer", ctx -> backend.close());

            PhaseResult<String> r = TestThreads.withDeadline("self-closing caller", () -> backend.execute(plan));

            assertThat(r.outcome(0)).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("close() was called from inside a running system of backend 'blocking'");
            assertThat(TestThreads.liveThreadsNamed(prefix)).hasSize(2);
            assertThat(backend.execute(simple()).succeeded()).isTrue();
        }
        assertThat(TestThreads.liveThreadsNamed(prefix)).isEmpty();
    }

    /**
     * close() from inside a running system while another thread is closing (and so waiting for that very phase)
     * fails at once instead of waiting: the system gets the IllegalStateException, the phase completes, the
     * other closer returns after it, and the threads are gone. A deadlock fails the test at the deadline.
     */
    @Test
    void closeFromASystemWhileAnotherThreadClosesFailsAtOnce() throws Exception {
        String prefix = uniquePrefix("closerace");
        SchedulerBackend backend = backend(2, prefix);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicReference<Throwable> fromInside = new AtomicReference<>();
        Plan<String> plan = single("closes-too", ctx -> {
            entered.countDown();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(
                    TestThreads.DEADLINE_SECONDS);
            while (!backend.toString().contains("closed=true")) { // the other closer has begun
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the other closer never began closing");
                }
                Thread.onSpinWait();
            }
            try {
                backend.close();
            } catch (Throwable t) {
                fromInside.set(t);
            }
            ctx.add("done");
        });
        TestThreads.Worker<List<String>> caller = TestThreads.start("caller",
                () -> List.copyOf(backend.execute(plan).commands()));
        TestThreads.await(entered, "the system to start", caller);
        TestThreads.Worker<Void> closer = TestThreads.start("closer", () -> {
            backend.close();
            return null;
        });

        assertThat(caller.get()).as("the phase completed").containsExactly("done");
        closer.get();
        assertThat(fromInside.get()).as("close() from inside the system")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("close() was called from inside a running system of backend 'blocking'");
        assertThat(TestThreads.liveThreadsNamed(prefix)).isEmpty();
    }

    /**
     * Two threads closing at once while a phase runs: neither returns before the phase ends; both return after
     * it, and the threads are gone.
     */
    @Test
    void twoClosersBothReturnAfterThePhase() throws Exception {
        String prefix = uniquePrefix("twoclosers");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SchedulerBackend backend = backend(2, prefix);
        Plan<String> held = single("held", ctx -> {
            entered.countDown();
            TestThreads.await(release, "release");
            ctx.add("done");
        });
        TestThreads.Worker<List<String>> caller = TestThreads.start("caller",
                () -> List.copyOf(backend.execute(held).commands()));
        TestThreads.await(entered, "the held system to start", caller);
        TestThreads.Worker<Void> first = TestThreads.start("closer-1", () -> {
            backend.close();
            return null;
        });
        TestThreads.Worker<Void> second = TestThreads.start("closer-2", () -> {
            backend.close();
            return null;
        });
        try {
            TestThreads.awaitBlocked(first.thread);
            TestThreads.awaitBlocked(second.thread);
            assertThat(first.thread.isAlive()).as("first close returned while the phase ran").isTrue();
            assertThat(second.thread.isAlive()).as("second close returned while the phase ran").isTrue();
            assertThat(TestThreads.liveThreadsNamed(prefix)).hasSize(2);
        } finally {
            release.countDown();
        }
        assertThat(caller.get()).containsExactly("done");
        first.get();
        second.get();
        assertThat(TestThreads.liveThreadsNamed(prefix)).isEmpty();
    }

    /**
     * close() called while another thread's phase runs waits for that phase, which completes normally; then
     * the threads are gone.
     */
    @Test
    void closeWaitsForThePhaseInProgress() throws Exception {
        String prefix = uniquePrefix("wait");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SchedulerBackend backend = backend(2, prefix);
        Plan<String> held = single("held", ctx -> {
            entered.countDown();
            TestThreads.await(release, "release");
            ctx.add("done");
        });
        TestThreads.Worker<List<String>> caller = TestThreads.start("caller",
                () -> List.copyOf(backend.execute(held).commands()));
        TestThreads.await(entered, "the held system to start", caller);
        TestThreads.Worker<Void> closer = TestThreads.start("closer", () -> {
            backend.close();
            return null;
        });
        try {
            TestThreads.awaitBlocked(closer.thread);
            assertThat(closer.thread.isAlive()).as("close returned while a phase was running").isTrue();
            assertThat(caller.thread.isAlive()).isTrue();
        } finally {
            release.countDown();
        }
        assertThat(caller.get()).containsExactly("done");
        closer.get();
        assertThat(TestThreads.liveThreadsNamed(prefix)).isEmpty();
        assertThatThrownBy(() -> backend.execute(held)).hasMessageContaining("closed");
    }

    /**
     * Interrupting the caller during a phase does not cut it short: the phase completes with every command,
     * and the interrupt flag is set when execute returns.
     */
    @Test
    void interruptedCallerGetsACompletePhaseAndItsFlagBack() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean systemSawInterrupt = new AtomicBoolean();
        Plan<String> plan = Phase.<String>named("interrupted")
                .add(SystemSpec.<String>named("held").runs(ctx -> {
                    entered.countDown();
                    TestThreads.await(release, "release");
                    systemSawInterrupt.set(Thread.currentThread().isInterrupted());
                    ctx.add("held");
                }))
                .add(SystemSpec.<String>named("next").runsAfter("held").minBatchSize(1)
                        .forEachEntity(4, (s, e, ctx) -> ctx.add("next" + s)))
                .compile();
        try (SchedulerBackend backend = backend(2, uniquePrefix("intr"))) {
            TestThreads.Worker<Object[]> caller = TestThreads.start("interrupted-caller", () -> {
                PhaseResult<String> r = backend.execute(plan);
                boolean flag = Thread.currentThread().isInterrupted();
                return new Object[] {r.succeeded(), List.copyOf(r.commands()), flag};
            });
            TestThreads.await(entered, "the held system to start", caller);
            caller.thread.interrupt();
            release.countDown();
            Object[] out = caller.get();

            assertThat(out[0]).as("phase succeeded").isEqualTo(true);
            assertThat(out[1]).isEqualTo(List.of("held", "next0", "next1", "next2", "next3"));
            assertThat(out[2]).as("interrupt flag set after execute").isEqualTo(true);
            assertThat(systemSawInterrupt).as("the pool thread was not interrupted").isFalse();
            assertThat(backend.execute(plan).succeeded()).isTrue();
        }
    }

    /**
     * A body that leaves its thread's interrupt flag set (the "catch InterruptedException, restore the flag"
     * idiom) never reaches another body: every body starts with the flag clear, phase after phase, on 1, 2, 4 and
     * 8 workers; and the caller's own flag stays clear.
     */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 4, 8})
    void aBodysInterruptNeverReachesAnotherBody(int workers) throws Exception {
        java.util.Queue<String> startedInterrupted = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger bodies = new java.util.concurrent.atomic.AtomicInteger();
        Phase.Builder<String> b = Phase.named("interrupting");
        for (int i = 0; i < 6; i++) {
            String name = "once" + i;
            b.add(SystemSpec.<String>named(name).writes(i % 2 == 0 ? "A" : "B").runs(ctx -> {
                bodies.incrementAndGet();
                if (Thread.currentThread().isInterrupted()) {
                    startedInterrupted.add(name + " on " + Thread.currentThread().getName());
                }
                Thread.currentThread().interrupt(); // leaves the flag set for whoever runs next on this thread
            }));
            String ranged = "ranged" + i;
            b.add(SystemSpec.<String>named(ranged).reads(i % 2 == 0 ? "A" : "B").minBatchSize(1)
                    .forEachEntity(16, (start, end, ctx) -> {
                        bodies.incrementAndGet();
                        if (Thread.currentThread().isInterrupted()) {
                            startedInterrupted.add(ranged + " [" + start + ", " + end + ") on "
                                    + Thread.currentThread().getName());
                        }
                        if (start % 2 == 0) {
                            Thread.currentThread().interrupt();
                        }
                    }));
        }
        Plan<String> plan = b.compile();
        try (SchedulerBackend backend = backend(workers, uniquePrefix("intr" + workers))) {
            boolean callerFlag = TestThreads.withDeadline("caller", () -> {
                boolean set = false;
                for (int phase = 0; phase < 10; phase++) {
                    assertThat(backend.execute(plan).succeeded()).isTrue();
                    set |= Thread.currentThread().isInterrupted();
                }
                return set;
            });

            assertThat(bodies.get()).as("bodies run").isGreaterThan(10 * 6 * 2);
            assertThat(startedInterrupted).as("bodies that started with an interrupt left by another").isEmpty();
            assertThat(callerFlag).as("the caller's flag after execute").isFalse();
        }
    }

    /** A caller interrupted before it calls execute also gets a complete phase and keeps its flag. */
    @Test
    void callerInterruptedBeforeExecute() throws Exception {
        try (SchedulerBackend backend = backend(2, uniquePrefix("pre"))) {
            Object[] out = TestThreads.withDeadline("pre-interrupted", () -> {
                Thread.currentThread().interrupt();
                PhaseResult<String> r = backend.execute(simple());
                return new Object[] {r.succeeded(), r.commandCount(), Thread.interrupted()};
            });

            assertThat(out).containsExactly(true, 9, true);
        }
    }
}
