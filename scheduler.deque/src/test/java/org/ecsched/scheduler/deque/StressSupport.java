package org.ecsched.scheduler.deque;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** Shared plumbing of the stress tests: duration, start together, join with a deadline, exactly-once ledger. */
final class StressSupport {

    /** How long each stress test runs: {@code -Dstress.millis} (1500 by default, 60000 under {@code -Psoak}). */
    static final long STRESS_MILLIS = Long.getLong("stress.millis", 1500);

    /** How long past its planned duration a stress test may take before it is failed as hung. */
    static final long GRACE_MILLIS = 30_000 + STRESS_MILLIS / 2;

    private StressSupport() {
    }

    /** A thread body that may throw anything; the first failure stops the others and fails the test. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs each body on its own thread, all released together by a latch; waits until {@code deadlineNanos}
     * (System.nanoTime) for all to finish. On a failure, sets {@code stop} (bodies must watch it) and rethrows
     * the first failure with the others suppressed. On timeout, sets {@code stop}, interrupts, and fails with
     * the stacks of the threads that had not finished -- it never hangs.
     */
    static void runTogether(String name, AtomicBoolean stop, long deadlineNanos, List<Body> bodies)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Body body = bodies.get(i);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    failures.add(t);
                    stop.set(true);
                }
            }, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left > 0) {
                thread.join(left);
            }
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.isEmpty()) {
            StringBuilder stacks = new StringBuilder();
            for (Thread thread : alive) {
                stacks.append('\n').append(thread.getName()).append(':');
                for (StackTraceElement frame : thread.getStackTrace()) {
                    stacks.append("\n    at ").append(frame);
                }
            }
            stop.set(true);
            alive.forEach(Thread::interrupt);
            for (Thread thread : alive) {
                thread.join(1_000);
            }
            AssertionError timeout = new AssertionError(name + ": " + alive.size()
                    + " thread(s) did not finish before the deadline (hung or live-locked):" + stacks);
            failures.forEach(timeout::addSuppressed);
            throw timeout;
        }
        // The root cause first: a thread that failed on a barrier another thread broke is only a consequence.
        Throwable first = failures.stream().filter(t -> !(t instanceof BrokenBarrierException)).findFirst()
                .orElse(failures.peek());
        if (first != null) {
            failures.remove(first);
            failures.forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw new AssertionError(name + ": a thread failed", first);
        }
    }

    /** How many times each task id was taken; one entry per id of a round. */
    static final class Ledger {
        private final AtomicIntegerArray takes;

        Ledger(int ids) {
            takes = new AtomicIntegerArray(ids);
        }

        void took(int id) {
            takes.incrementAndGet(id);
        }

        /**
         * Fails unless ids {@code [0, issued)} were taken exactly once and no other id at all; lists the first
         * offenders. Resets the ledger for the next round.
         */
        void assertExactlyOnce(int issued, String round) {
            StringBuilder bad = new StringBuilder();
            int offenders = 0;
            for (int id = 0; id < takes.length(); id++) {
                int expected = id < issued ? 1 : 0;
                int actual = takes.get(id);
                if (actual != expected) {
                    if (offenders++ < 10) {
                        bad.append(String.format("%n  task %d taken %d times", id, actual));
                    }
                }
                takes.set(id, 0);
            }
            if (offenders > 0) {
                throw new AssertionError(round + ": " + offenders + " of " + issued
                        + " tasks were not taken exactly once (0 = lost, 2+ = duplicated):" + bad);
            }
        }
    }
}
