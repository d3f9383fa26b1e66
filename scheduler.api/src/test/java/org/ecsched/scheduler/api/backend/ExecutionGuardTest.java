package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The misuse guard: closed, concurrent and re-entrant execution, and close waiting for a running phase. */
class ExecutionGuardTest {

    private static final long DEADLINE_SECONDS = 20;

    /** Executing after close fails saying "closed". */
    @Test
    void enterAfterCloseSaysClosed() {
        ExecutionGuard guard = new ExecutionGuard("demo");
        assertThat(guard.close(false, () -> { })).isTrue();

        assertThat(guard.isClosed()).isTrue();
        assertThatThrownBy(() -> guard.enter(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("backend 'demo' is closed");
    }

    /** Close is idempotent: the second call returns false at once. */
    @Test
    void closeIsIdempotent() {
        ExecutionGuard guard = new ExecutionGuard("demo");
        assertThat(guard.close(false, () -> { })).isTrue();
        assertThat(guard.close(false, () -> { })).isFalse();
    }

    /** Entering from inside a task, or twice on one thread, fails saying "re-entrant". */
    @Test
    void reentrantEnterIsRefused() {
        ExecutionGuard guard = new ExecutionGuard("demo");
        assertThatThrownBy(() -> guard.enter(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("re-entrant execution").hasMessageContaining("'demo'");

        guard.enter(false);
        try {
            assertThatThrownBy(() -> guard.enter(false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("re-entrant execution");
        } finally {
            guard.exit();
        }
        guard.enter(false); // released: usable again
        guard.exit();
    }

    /** Entering while another thread executes fails saying "concurrent" and naming that thread. */
    @Test
    void concurrentEnterIsRefusedNamingTheOtherThread() throws Exception {
        ExecutionGuard guard = new ExecutionGuard("demo");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            try {
                guard.enter(false);
                try {
                    entered.countDown();
                    release.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
                } finally {
                    guard.exit();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "phase-holder");
        holder.setDaemon(true);
        holder.start();
        try {
            assertThat(entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> guard.enter(false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("concurrent execution")
                    .hasMessageContaining("'phase-holder'");
        } finally {
            release.countDown();
            holder.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        }
        assertThat(holder.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    /** Closing from inside a task fails at once (it would wait for itself). */
    @Test
    void closeFromATaskIsRefused() {
        ExecutionGuard guard = new ExecutionGuard("demo");
        assertThatThrownBy(() -> guard.close(true, () -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("close() was called from inside a running system of backend 'demo'");
        assertThat(guard.isClosed()).isFalse();
    }

    /** Close waits until the running phase exits; execution afterwards is refused. */
    @Test
    void closeWaitsForTheRunningPhase() throws Exception {
        ExecutionGuard guard = new ExecutionGuard("demo");
        guard.enter(false);
        AtomicBoolean closed = new AtomicBoolean();
        Thread closer = new Thread(() -> closed.set(guard.close(false, () -> { })), "closer");
        closer.setDaemon(true);
        closer.start();
        // Wait (with a deadline) until the closer is parked in its wait loop: it must not have returned.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!(guard.isClosed() && closer.getState() == Thread.State.WAITING)) {
            if (!closer.isAlive()) {
                fail("close() returned while a phase was executing");
            }
            if (System.nanoTime() > deadline) {
                fail("closer never started waiting; state " + closer.getState());
            }
            Thread.onSpinWait();
        }
        assertThat(closed).isFalse();
        guard.exit();
        closer.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(closer.isAlive()).isFalse();
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> guard.enter(false)).hasMessageContaining("closed");
    }
}
