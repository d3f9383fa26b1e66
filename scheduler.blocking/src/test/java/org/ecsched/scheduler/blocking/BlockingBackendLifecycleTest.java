package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * The blocking backend's lifecycle beyond the conformance rules 5.01 to 5.10 (which
 * {@link BlockingBackendConformanceTest} runs): its thread names, two closers at once, a caller interrupted before
 * it calls execute. Every wait has a deadline ({@link TestThreads}).
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

    /** The default thread names say what the threads are. */
    @Test
    void defaultThreadNamesSayWhatTheThreadsAre() {
        SchedulerBackend backend = new BlockingBackendProvider().create(SchedulerConfig.builder().workers(2).build());
        try {
            List<Thread> pool = TestThreads.liveThreadsNamed("ecsched-blocking-");
            assertThat(pool).extracting(Thread::getName).contains("ecsched-blocking-0", "ecsched-blocking-1");
        } finally {
            backend.close();
        }
    }

    /**
     * Two threads closing at once while a phase runs: neither returns before the phase ends; both return after
     * it, and the threads are gone.
     */
    @Test
    void twoClosersAtOnceBothReturnOnlyAfterThePhase() throws Exception {
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

    /** A caller interrupted before it calls execute also gets a complete phase and keeps its flag. */
    @Test
    void aCallerInterruptedBeforeExecuteGetsACompletePhaseAndKeepsItsFlag() throws Exception {
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
