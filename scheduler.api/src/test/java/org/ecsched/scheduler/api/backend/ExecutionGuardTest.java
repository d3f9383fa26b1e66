package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
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

    // ---- close without a monitor and without polling ----------------------------------------------------------

    /** A daemon thread running {@code body}, remembering what it threw. */
    private static final class Runner {
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Runner(String name, Runnable body) {
            thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Joins with the deadline; fails if the thread is still running or threw. */
        void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertThat(thread.isAlive()).as("'%s' still running after %d s", thread.getName(), DEADLINE_SECONDS)
                    .isFalse();
            assertThat(failure.get()).as("'%s' threw", thread.getName()).isNull();
        }
    }

    /** Holds a phase open on its own thread until {@link #release()}; {@link #exiting} is set just before exit. */
    private static final class HeldPhase {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean exiting = new AtomicBoolean();
        final Runner runner;

        HeldPhase(ExecutionGuard guard) throws InterruptedException {
            runner = new Runner("phase-holder", () -> {
                guard.enter(false);
                try {
                    entered.countDown();
                    awaitLatch(release);
                } finally {
                    exiting.set(true);
                    guard.exit();
                }
            });
            assertThat(entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("phase entered").isTrue();
        }

        void release() throws InterruptedException {
            release.countDown();
            runner.join();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + DEADLINE_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (with the deadline) until {@code t} is blocked: waiting, timed-waiting or blocked on a monitor. */
    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            Thread.State state = t.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail("'" + t.getName() + "' returned instead of waiting");
            }
            if (System.nanoTime() > deadline) {
                fail("'" + t.getName() + "' never started waiting; state " + state);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * A second closer waits until the first closer's stopThreads has finished (the backend's threads are gone)
     * before it returns; stopThreads runs once.
     */
    @Test
    void secondCloserWaitsForTheFirstClosersStopThreads() throws Exception {
        ExecutionGuard guard = new ExecutionGuard("demo");
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch finishStopping = new CountDownLatch(1);
        AtomicBoolean threadsStopped = new AtomicBoolean();
        AtomicBoolean firstResult = new AtomicBoolean();
        AtomicBoolean secondResult = new AtomicBoolean(true);
        AtomicBoolean secondSawThreadsStopped = new AtomicBoolean();
        Runner first = new Runner("closer-1", () -> firstResult.set(guard.close(false, () -> {
            stopping.countDown();
            awaitLatch(finishStopping);
            threadsStopped.set(true);
        })));
        assertThat(stopping.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("first closer stopping").isTrue();
        Runner second = new Runner("closer-2", () -> {
            boolean ranStop = guard.close(false, () -> {
                throw new AssertionError("stopThreads ran twice");
            });
            secondSawThreadsStopped.set(threadsStopped.get());
            secondResult.set(ranStop);
        });
        try {
            awaitBlocked(second.thread);
            assertThat(second.thread.isAlive()).as("second close returned while threads were stopping").isTrue();
        } finally {
            finishStopping.countDown();
        }
        first.join();
        second.join();

        assertThat(firstResult).isTrue();
        assertThat(secondResult).as("the second closer did not run stopThreads").isFalse();
        assertThat(secondSawThreadsStopped).as("the second closer returned after stopThreads finished").isTrue();
    }

    /**
     * A closer waiting for a phase blocks on a condition and burns no CPU: over ~300 ms of a held phase, the
     * closer thread's CPU time stays under 5% of the window (a polling closer used 22-62% of a core). The only
     * timing-based check in this class: a resource bound, measured on the closer's own CPU clock.
     */
    @Test
    void aWaitingCloserUsesNoCpu() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadCpuTimeSupported(), "thread CPU time not supported");
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        ExecutionGuard guard = new ExecutionGuard("demo");
        HeldPhase phase = new HeldPhase(guard);
        Runner closer = new Runner("closer", () -> guard.close(false, () -> { }));
        try {
            awaitBlocked(closer.thread);
            long id = closer.thread.getId();
            long cpu0 = mx.getThreadCpuTime(id);
            long t0 = System.nanoTime();
            Thread.sleep(300); // the measuring window, not a synchronisation: the closer is already blocked
            long cpu1 = mx.getThreadCpuTime(id);
            long t1 = System.nanoTime();
            assertThat(closer.thread.isAlive()).as("close returned while a phase was held").isTrue();
            double share = (double) (cpu1 - cpu0) / (t1 - t0);
            assertThat(share).as("closer CPU time / wall time while waiting (%d ns CPU in %d ns)", cpu1 - cpu0,
                    t1 - t0).isLessThan(0.05);
        } finally {
            phase.release();
        }
        closer.join();
    }

    /**
     * Interrupting waiting closers (one waiting for the phase, one for the first closer) does not cut their wait
     * short: both return only after the phase exits, each with its interrupt flag set.
     */
    @Test
    void interruptedClosersKeepWaitingAndGetTheirFlagBack() throws Exception {
        ExecutionGuard guard = new ExecutionGuard("demo");
        HeldPhase phase = new HeldPhase(guard);
        AtomicBoolean firstAfterExit = new AtomicBoolean();
        AtomicBoolean secondAfterExit = new AtomicBoolean();
        AtomicBoolean firstFlag = new AtomicBoolean();
        AtomicBoolean secondFlag = new AtomicBoolean();
        Runner first = new Runner("closer-1", () -> {
            guard.close(false, () -> { });
            firstAfterExit.set(phase.exiting.get());
            firstFlag.set(Thread.currentThread().isInterrupted());
        });
        try {
            awaitBlocked(first.thread);
            Runner second = new Runner("closer-2", () -> {
                guard.close(false, () -> { });
                secondAfterExit.set(phase.exiting.get());
                secondFlag.set(Thread.currentThread().isInterrupted());
            });
            awaitBlocked(second.thread);
            first.thread.interrupt();
            second.thread.interrupt();
            awaitBlocked(first.thread);
            awaitBlocked(second.thread);
            phase.release();
            first.join();
            second.join();
        } finally {
            phase.release.countDown();
        }

        assertThat(firstAfterExit).as("first closer returned after the phase exited").isTrue();
        assertThat(secondAfterExit).as("second closer returned after the phase exited").isTrue();
        assertThat(firstFlag).as("first closer's interrupt flag on return").isTrue();
        assertThat(secondFlag).as("second closer's interrupt flag on return").isTrue();
    }

    /**
     * enter racing close, many times: close always returns, stopThreads runs exactly once and never while a
     * phase is inside, and once close has returned every enter fails saying "closed".
     */
    @Test
    void enterRacingClose() throws Exception {
        for (int round = 0; round < 300; round++) {
            ExecutionGuard guard = new ExecutionGuard("demo");
            java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(2);
            AtomicBoolean inPhase = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger stops = new java.util.concurrent.atomic.AtomicInteger();
            AtomicBoolean overlap = new AtomicBoolean();
            Runner executor = new Runner("executor", () -> {
                awaitBarrier(go);
                for (int i = 0; i < 1_000; i++) {
                    try {
                        guard.enter(false);
                    } catch (IllegalStateException closed) {
                        assertThat(closed).hasMessageContaining("closed");
                        return;
                    }
                    inPhase.set(true);
                    Thread.onSpinWait();
                    inPhase.set(false);
                    guard.exit();
                }
            });
            Runner closer = new Runner("closer", () -> {
                awaitBarrier(go);
                guard.close(false, () -> {
                    stops.incrementAndGet();
                    if (inPhase.get()) {
                        overlap.set(true);
                    }
                });
            });
            closer.join();
            executor.join();

            assertThat(overlap).as("round %d: stopThreads ran inside a phase", round).isFalse();
            assertThat(stops).as("round %d: stopThreads runs", round).hasValue(1);
            assertThatThrownBy(() -> guard.enter(false)).hasMessageContaining("closed");
        }
    }

    private static void awaitBarrier(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
