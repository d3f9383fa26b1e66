package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

/** Threads are named daemons; re-entrant, concurrent and in-system close are rejected without hanging. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingMisuseTest {

    private static List<Thread> threadsNamed(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    @Test
    void workerThreadsArePersistentNamedDaemons() {
        String prefix = "ws-misuse-daemon-";
        try (SchedulerBackend b = Schedulers.create("workstealing",
                SchedulerConfig.builder().workers(4).threadNamePrefix(prefix).build())) {
            List<Thread> before = threadsNamed(prefix);
            assertThat(before).hasSize(3).allMatch(Thread::isDaemon);
            Plan<Object> plan = Phase.named("p").add(SystemSpec.named("a").runs(ctx -> { })).compile();
            for (int i = 0; i < 50; i++) {
                b.execute(plan).throwIfFailed();
            }
            assertThat(threadsNamed(prefix)).as("never a thread per phase").containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void executeFromInsideASystemFailsThatSystemOnEveryWorker() {
        AtomicReference<SchedulerBackend> self = new AtomicReference<>();
        Plan<Object> inner = Phase.named("inner").add(SystemSpec.named("i").runs(ctx -> { })).compile();
        Phase.Builder<Object> phase = Phase.named("outer");
        for (int i = 0; i < 32; i++) {
            phase.add(SystemSpec.named("nest" + i).runs(ctx -> self.get().execute(inner)));
        }
        Plan<Object> outer = phase.compile();
        try (SchedulerBackend b = Schedulers.create("workstealing", SchedulerConfig.builder().workers(2).build())) {
            self.set(b);
            PhaseResult<Object> r = b.execute(outer, FailurePolicy.CONTINUE);
            assertThat(r.failures()).hasSize(32);
            for (int i = 0; i < 32; i++) {
                assertThat(r.outcome("nest" + i)).isEqualTo(SystemOutcome.FAILED);
                assertThat(r.failure(i)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("re-entrant");
            }
            assertThat(b.execute(inner).succeeded()).isTrue();
        }
    }

    @Test
    void closeFromInsideASystemFailsThatSystemAndDoesNotDeadlock() {
        AtomicReference<SchedulerBackend> self = new AtomicReference<>();
        Phase.Builder<Object> phase = Phase.named("closer");
        for (int i = 0; i < 8; i++) {
            phase.add(SystemSpec.named("c" + i).runs(ctx -> self.get().close()));
        }
        Plan<Object> plan = phase.compile();
        try (SchedulerBackend b = Schedulers.create("workstealing", SchedulerConfig.builder().workers(2).build())) {
            self.set(b);
            PhaseResult<Object> r = b.execute(plan, FailurePolicy.CONTINUE);
            assertThat(r.failures()).hasSize(8);
            assertThat(b.execute(Phase.named("ok").add(SystemSpec.named("x").runs(ctx -> { })).compile())
                    .succeeded()).isTrue();
        }
    }

    @Test
    void aSecondThreadExecutingConcurrentlyIsRejected() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Plan<Object> held = Phase.named("held").add(SystemSpec.named("h").runs(ctx -> {
            entered.countDown();
            try {
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).compile();
        Plan<Object> other = Phase.named("other").add(SystemSpec.named("o").runs(ctx -> { })).compile();
        try (SchedulerBackend b = Schedulers.create("workstealing", SchedulerConfig.builder().workers(2).build())) {
            AtomicReference<PhaseResult<Object>> first = new AtomicReference<>();
            Thread t = new Thread(() -> first.set(b.execute(held)), "ws-misuse-first");
            t.start();
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            try {
                assertThatThrownBy(() -> b.execute(other)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("concurrent");
            } finally {
                release.countDown();
            }
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).isFalse();
            assertThat(first.get().succeeded()).isTrue();
            assertThat(b.execute(other).succeeded()).isTrue();
        }
    }
}
