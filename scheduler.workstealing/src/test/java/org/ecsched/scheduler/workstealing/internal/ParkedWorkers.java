package org.ecsched.scheduler.workstealing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.SchedulerBackend;

/**
 * For tests outside this package: when an idle work-stealing backend has gone quiet, read off its park protocol
 * ({@link Idle}) instead of waited for with a sleep.
 */
public final class ParkedWorkers {

    private ParkedWorkers() {
    }

    /**
     * Waits, at most {@code timeoutMillis}, until every pool worker of {@code backend} (which runs no phase) is
     * parked for good; fails with what it saw if that does not happen.
     *
     * <p>Parked for good: the counts word shows every pool worker parked and none searching, and after that read
     * every pool thread is WAITING. At that read no wake-up is in flight (a waker moves the worker it claims from
     * parked to searching before it unparks it), and nobody is left to start one (only a worker outside the parked
     * count, or the caller inside {@code execute}, wakes anybody). A thread seen WAITING after that read has
     * counted its park and is inside {@code LockSupport.park}: it is not a worker that was unparked and has not run
     * yet, which still shows WAITING. So from then until the next phase a correct backend's spin, yield and park
     * counters cannot move; a backend whose parked workers wake each other never gets there and fails here.
     */
    public static void await(SchedulerBackend backend, long timeoutMillis) {
        WorkStealingBackend b = (WorkStealingBackend) backend;
        Idle idle = b.idle();
        int pool = b.config().workers() - 1;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long counts = idle.counts(); // first: the thread states below must be read after it
            if (Idle.parked(counts) == pool && Idle.searching(counts) == 0 && waiting(idle, pool).size() == pool) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the pool workers did not all park within " + timeoutMillis + " ms: "
                        + Idle.parked(counts) + " of " + pool + " parked, " + Idle.searching(counts)
                        + " searching; WAITING: " + waiting(idle, pool));
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** The pool threads now WAITING, by name. */
    private static List<String> waiting(Idle idle, int pool) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= pool; i++) {
            Thread t = idle.sleeper(i).thread;
            if (t != null && t.getState() == Thread.State.WAITING) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
