package org.ecsched.scheduler.workstealing.internal;

/**
 * One worker's free list of range tasks: plain fields, touched only by its owner while a phase runs.
 *
 * <p>Splitting takes tasks from the splitting worker's pool, but whoever runs a half returns it to its own pool,
 * so pools drift towards thieves. Between phases, when no worker touches a pool (every pool operation of a phase
 * happens before the task's completion is counted, and the phase's last count happens before the caller sees it
 * finished), the caller evens the pools out with {@link #rebalance}, so that in a steady state no worker has to
 * allocate.
 */
final class TaskPool {
    /** The owning worker's index (for fault injection); -1 for a pool of no worker. */
    private final int owner;
    private Task head;
    private int size;

    TaskPool() {
        this(-1);
    }

    TaskPool(int owner) {
        this.owner = owner;
    }

    /** A free task, or a new one when the pool is empty (an allocation, so it may throw OutOfMemoryError). */
    Task acquire() {
        FaultInjection.at(FaultInjection.Site.RANGE_TASK, owner);
        Task t = head;
        if (t == null) {
            return new Task(true);
        }
        head = t.nextFree;
        t.nextFree = null;
        size--;
        return t;
    }

    void release(Task t) {
        t.plan = null; // do not keep a plan reachable from a pool
        t.nextFree = head;
        head = t;
        size++;
    }

    int size() {
        return size;
    }

    /** Deals all pooled tasks out evenly; only while no phase runs. */
    static void rebalance(TaskPool[] pools) {
        int total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (TaskPool p : pools) {
            total += p.size;
            min = Math.min(min, p.size);
            max = Math.max(max, p.size);
        }
        if (max - min <= 1) {
            return;
        }
        Task all = null;
        for (TaskPool p : pools) {
            while (p.head != null) {
                Task t = p.head;
                p.head = t.nextFree;
                t.nextFree = all;
                all = t;
            }
            p.size = 0;
        }
        for (int i = 0; all != null; i = (i + 1) % pools.length) {
            Task t = all;
            all = t.nextFree;
            pools[i].release(t);
        }
        assert total == sum(pools);
    }

    private static int sum(TaskPool[] pools) {
        int s = 0;
        for (TaskPool p : pools) {
            s += p.size;
        }
        return s;
    }
}
