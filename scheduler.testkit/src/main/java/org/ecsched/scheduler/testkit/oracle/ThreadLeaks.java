package org.ecsched.scheduler.testkit.oracle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds threads left alive: take a {@link #snapshot()} before creating a backend, note the threads that are
 * {@linkplain #newSince new} while it is open (the threads it started), close it, and ask which of them are
 * {@linkplain #stillAlive still alive}: a correct {@code close()} has joined them all, so none may be, at once and
 * without a grace period. Threads of the common fork-join pool are ignored (the JDK owns them).
 */
public final class ThreadLeaks {

    private ThreadLeaks() {
    }

    /** {@return the live threads now} */
    public static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * The threads alive now that were not in {@code before}, except the calling thread and the common pool's.
     * Taken while a backend is open, with {@code before} taken just before creating it, these are the threads the
     * backend started (in a test JVM that runs one rule at a time, nobody else starts threads in that window).
     *
     * @param before the threads alive before
     * @return the new threads
     */
    public static List<Thread> newSince(Set<Thread> before) {
        List<Thread> fresh = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.contains(t) && t != Thread.currentThread() && !commonPool(t)) {
                fresh.add(t);
            }
        }
        return fresh;
    }

    /**
     * Those of {@code threads} that are alive now.
     *
     * @param threads threads seen earlier
     * @return the live ones
     */
    public static List<Thread> stillAlive(Collection<Thread> threads) {
        List<Thread> alive = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                alive.add(t);
            }
        }
        return alive;
    }

    /**
     * The threads alive now that were not in {@code before}, after waiting up to {@code grace} for them to end.
     * For threads never seen while the backend was open (started by {@code close()} itself, say): the grace
     * absorbs threads of the JVM or the test harness that happen to end at the same time. The threads seen while
     * it was open get no grace: see {@link #stillAlive}.
     *
     * @param before the threads alive before
     * @param grace  the longest wait
     * @return the new threads still alive after the wait
     */
    public static List<Thread> newThreadsAfter(Set<Thread> before, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            List<Thread> fresh = newSince(before);
            if (fresh.isEmpty() || System.nanoTime() - deadline >= 0) {
                return fresh;
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private static boolean commonPool(Thread t) {
        return t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
    }

    /**
     * Names, states and the top six frames of each thread, one thread per paragraph.
     *
     * @param threads the threads
     * @return the text
     */
    public static String describe(List<Thread> threads) {
        return describe(threads, 6);
    }

    /**
     * Names, states and the top {@code frames} frames of each thread, one thread per paragraph.
     *
     * @param threads the threads
     * @param frames  how many frames per thread
     * @return the text
     */
    public static String describe(List<Thread> threads, int frames) {
        StringBuilder sb = new StringBuilder();
        for (Thread t : threads) {
            sb.append("\n  '").append(t.getName()).append("' ").append(t.getState())
                    .append(t.isDaemon() ? " daemon" : "");
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(frames, stack.length); i++) {
                sb.append("\n      at ").append(stack[i]);
            }
        }
        return sb.toString();
    }
}
