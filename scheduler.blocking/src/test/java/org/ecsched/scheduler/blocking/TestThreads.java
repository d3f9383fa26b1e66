package org.ecsched.scheduler.blocking;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Threads with deadlines: a test that waits fails with the stuck thread's stack instead of hanging. */
final class TestThreads {

    /** How long any single wait in these tests may take before the test fails as hung. */
    static final long DEADLINE_SECONDS = 30;

    private TestThreads() {
    }

    /** A started daemon thread running {@code body}, remembering its result or failure. */
    static final class Worker<T> {
        final Thread thread;
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Worker(String name, Callable<T> body) {
            thread = new Thread(() -> {
                try {
                    result.set(body.call());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Joins with the deadline; fails (with the thread's stack) if it has not ended. */
        Worker<T> join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            if (thread.isAlive()) {
                throw new AssertionError("thread '" + thread.getName() + "' did not finish within "
                        + DEADLINE_SECONDS + " s; it is at:\n" + stack(thread));
            }
            return this;
        }

        /** Joins, rethrows the body's failure, returns its result. */
        T get() throws Exception {
            join();
            Throwable t = failure.get();
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return result.get();
        }
    }

    static <T> Worker<T> start(String name, Callable<T> body) {
        return new Worker<>(name, body);
    }

    /** Runs {@code body} on its own thread and waits for it with the deadline. */
    static <T> T withDeadline(String name, Callable<T> body) throws Exception {
        return start(name, body).get();
    }

    /** Awaits a latch with the deadline, failing with {@code what} if it does not open. */
    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out after " + DEADLINE_SECONDS + " s waiting for " + what);
        }
    }

    /**
     * Awaits a latch with the deadline, but stops early if {@code worker} (whose work should open the latch)
     * has ended: then fails with the worker's own failure as the cause, instead of waiting out the deadline.
     */
    static void await(CountDownLatch latch, String what, Worker<?> worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!latch.await(20, TimeUnit.MILLISECONDS)) {
            if (!worker.thread.isAlive()) {
                if (latch.getCount() == 0) {
                    return;
                }
                throw new AssertionError("thread '" + worker.thread.getName() + "' ended before " + what,
                        worker.failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE_SECONDS + " s waiting for " + what);
            }
        }
    }

    /** Waits (with the deadline) until {@code thread} is in {@code state}. */
    static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread '" + thread.getName() + "' never reached " + state + "; it is "
                        + thread.getState() + " at:\n" + stack(thread));
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Waits (with the deadline) until {@code thread} is blocked, whatever the mechanism: WAITING or TIMED_WAITING
     * (parked, on a condition, in a timed wait) or BLOCKED (on a monitor). Fails if it ends first.
     */
    static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                throw new AssertionError("thread '" + thread.getName() + "' ended instead of blocking");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread '" + thread.getName() + "' never blocked; it is " + state
                        + " at:\n" + stack(thread));
            }
            Thread.onSpinWait();
        }
    }

    /** Live threads whose name starts with {@code prefix}. */
    static List<Thread> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .collect(Collectors.toList());
    }

    static String stack(Thread t) {
        return Arrays.stream(t.getStackTrace()).map(e -> "    at " + e).collect(Collectors.joining("\n"));
    }
}
