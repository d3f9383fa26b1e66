package org.ecsched.scheduler.api.backend;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.WorkerStats;

/**
 * One worker's counters: each counter has one writer at a time, read by anyone for a snapshot. The worker itself
 * writes what only it sees (steals, LIFO hits, spins, yields, parks, busy time); {@link PhaseRun#finish()} adds
 * the tasks executed and commands recorded on the worker's index once per phase, on the coordinating thread
 * (phases never overlap, and the backend's guard orders one phase's coordinating thread before the next one's).
 *
 * <p>Orderings: the writer updates with a plain read and an opaque write, and readers use opaque reads. Opaque
 * gives untorn 64-bit values and eventual visibility, which is all a statistics snapshot needs; it costs the
 * owner nothing over a plain store on common hardware. Between phases, values are exact, because phase
 * completion already orders every worker's writes before the caller's return. The values sit in the middle of a
 * padded array so that two workers' counters never share a cache line.
 */
public final class WorkerCounters {

    /** Counter indices. */
    public static final int TASKS_EXECUTED = 0, TASKS_STOLEN = 1, STEAL_ATTEMPTS = 2, STEAL_SUCCESSES = 3,
            LIFO_HITS = 4, SPINS = 5, YIELDS = 6, PARKS = 7, COMMANDS_RECORDED = 8, BUSY_NANOS = 9;
    private static final int COUNT = 10;
    /** 128 bytes of longs on each side: two cache lines, enough for adjacent-line prefetchers. */
    private static final int PAD = 16;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int worker;
    private final long[] values = new long[PAD + COUNT + PAD];

    /**
     * Makes one worker's counters, all zero.
     *
     * @param worker the owning worker's index
     */
    public WorkerCounters(int worker) {
        this.worker = worker;
    }

    /**
     * Adds to a counter; its one writer only (see the class comment).
     *
     * @param counter a counter index, such as {@link #TASKS_EXECUTED}
     * @param delta   the amount added
     */
    public void add(int counter, long delta) {
        int i = PAD + counter;
        LONGS.setOpaque(values, i, values[i] + delta); // plain read: this slot has one writer at a time
    }

    /**
     * Adds one to a counter; its one writer only.
     *
     * @param counter a counter index, such as {@link #TASKS_EXECUTED}
     */
    public void increment(int counter) {
        add(counter, 1);
    }

    /**
     * Reads a counter from any thread.
     *
     * @param counter a counter index, such as {@link #TASKS_EXECUTED}
     * @return its value, exact between phases
     */
    public long get(int counter) {
        return (long) LONGS.getOpaque(values, PAD + counter);
    }

    /**
     * A snapshot of every worker's counters as the API's stats record.
     *
     * @param backend  the backend's name
     * @param phases   phases executed so far
     * @param counters one per worker, indexed by worker
     * @return the snapshot
     */
    public static org.ecsched.scheduler.api.BackendStats snapshot(String backend, long phases,
                                                                  WorkerCounters[] counters) {
        List<WorkerStats> workers = new ArrayList<>(counters.length);
        for (WorkerCounters c : counters) {
            workers.add(c.snapshot());
        }
        return new org.ecsched.scheduler.api.BackendStats(backend, phases, workers);
    }

    /** {@return a snapshot as the API's record} */
    public WorkerStats snapshot() {
        return new WorkerStats(worker, get(TASKS_EXECUTED), get(TASKS_STOLEN), get(STEAL_ATTEMPTS),
                get(STEAL_SUCCESSES), get(LIFO_HITS), get(SPINS), get(YIELDS), get(PARKS), get(COMMANDS_RECORDED),
                get(BUSY_NANOS));
    }
}
