package org.ecsched.scheduler.api.backend;

import java.util.Arrays;
import java.util.function.Consumer;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * The deterministic command merge of a {@link PhaseRun}: the segments of completed systems, bucketed by system
 * position with a counting sort, each bucket sorted by range start, then copied in that order (plan position, then
 * range start, then recording order: the order {@link org.ecsched.scheduler.api.PhaseResult} promises, whoever ran
 * which task). A system's begin body records under range start -1 and its end body under
 * {@code Integer.MAX_VALUE}, so its begin's commands come before its ranges' and its end's after (the sort key's high
 * half is a signed int: -1 sorts first). Every array is kept and grown, never reallocated in a steady state; {@code Arrays.sort} on a
 * primitive range below a few thousand elements does not allocate.
 *
 * <p>Run by the coordinating thread after the phase finished (from {@link PhaseRun#finish()}); the workers' logs
 * and the outcomes it reads were written by tasks that the phase's completion orders before it. Also run early,
 * inside an exclusive system's body on the coordinating thread, by {@link #drain} (the sync point of
 * {@code SystemContext.drainCommands}): nothing else of the phase runs then, and every task whose segments it
 * reads ended before the run paused for the exclusive system. Not thread-safe.
 */
final class CommandMerge {

    private static final int COMPLETED = SystemOutcome.COMPLETED.ordinal();

    private final int systems;
    private final WorkerContext<?>[] workers;
    /** The run's outcome array (shared, read only here): a system's segments are merged if it COMPLETED. */
    private final int[] outcomes;
    private final int[] bucketStart;
    private final int[] workerBase;
    private long[] keys = new long[16];
    private Object[] merged = new Object[16];
    private int mergedCount;

    CommandMerge(int systems, WorkerContext<?>[] workers, int[] outcomes) {
        this.systems = systems;
        this.workers = workers;
        this.outcomes = outcomes;
        this.bucketStart = new int[systems + 1];
        this.workerBase = new int[workers.length + 1];
    }

    /** Commands merged by the last {@link #run()}. */
    int count() {
        return mergedCount;
    }

    /** The {@code index}-th merged command; the caller checks the index. */
    Object get(int index) {
        return merged[index];
    }

    /** Merges the logs of the phase that just finished and clears them. */
    void run() {
        mergeClosedSegments();
        for (WorkerContext<?> w : workers) {
            w.log.clear();
        }
    }

    /**
     * The drain of {@link org.ecsched.scheduler.api.SystemContext#drainCommands}: merges the closed segments
     * present now (those of the systems that completed so far; the running exclusive system's own segment is
     * still open, so it is not among them) exactly as {@link #run()} merges a finished phase's, removes them from
     * the logs (keeping the open segment of {@code open}, the exclusive system's context), and hands the merged
     * commands to {@code sink} in order. Called on the coordinating thread inside an exclusive body, when no other
     * task runs: the logs of the other worker indices were written by tasks ordered before it by the phase's
     * hand-over to the calling thread. The commands are out of the logs before the sink sees the first, so a sink
     * that throws drops the rest (as documented) and nothing is delivered twice. Allocates nothing once the
     * merge arrays have grown to the phase's size.
     */
    <C> void drain(WorkerContext<C> open, Consumer<? super C> sink) {
        mergeClosedSegments();
        for (WorkerContext<?> w : workers) {
            if (w == open) {
                w.log.dropClosedSegments();
            } else {
                w.log.clear();
            }
        }
        int n = mergedCount;
        try {
            for (int i = 0; i < n; i++) {
                @SuppressWarnings("unchecked") // every command of a PhaseRun<C> is a C
                C command = (C) merged[i];
                sink.accept(command);
            }
        } finally {
            Arrays.fill(merged, 0, n, null); // delivered (or dropped): the result's merge starts empty
            mergedCount = 0;
        }
    }

    /**
     * Merges every closed segment of a COMPLETED system into {@code merged[0, mergedCount)}, leaving the logs as
     * they are.
     */
    private void mergeClosedSegments() {
        int totalSegments = 0;
        for (int w = 0; w < workers.length; w++) {
            workerBase[w] = totalSegments;
            totalSegments += workers[w].log.segments;
        }
        workerBase[workers.length] = totalSegments;
        if (totalSegments == 0) { // no task recorded a command: nothing to order (a walk over every system saved)
            if (mergedCount > 0) {
                Arrays.fill(merged, 0, mergedCount, null);
                mergedCount = 0;
            }
            return;
        }
        if (keys.length < totalSegments) {
            keys = new long[Math.max(totalSegments, keys.length * 2)];
        }
        Arrays.fill(bucketStart, 0);
        for (WorkerContext<?> w : workers) {
            CommandLog log = w.log;
            for (int i = 0; i < log.segments; i++) {
                int s = log.segmentSystem[i];
                if (outcomes[s] == COMPLETED) {
                    bucketStart[s + 1]++;
                }
            }
        }
        for (int s = 0; s < systems; s++) {
            bucketStart[s + 1] += bucketStart[s];
        }
        // Fill: key = rangeStart (high 32 bits, signed: -1 for a begin body) | global segment index (low 32 bits).
        int[] fill = bucketStartCopy();
        int commands = 0;
        for (int w = 0; w < workers.length; w++) {
            CommandLog log = workers[w].log;
            for (int i = 0; i < log.segments; i++) {
                int s = log.segmentSystem[i];
                if (outcomes[s] == COMPLETED) {
                    keys[fill[s]++] = ((long) log.segmentRangeStart[i] << 32) | (workerBase[w] + i);
                    commands += log.segmentLength[i];
                }
            }
        }
        int used = bucketStart[systems];
        for (int s = 0; s < systems; s++) {
            if (bucketStart[s + 1] - bucketStart[s] > 1) {
                Arrays.sort(keys, bucketStart[s], bucketStart[s + 1]);
            }
        }
        if (merged.length < commands) {
            merged = new Object[Math.max(commands, merged.length * 2)];
        }
        int out = 0;
        for (int k = 0; k < used; k++) {
            int global = (int) keys[k];
            int w = workerOf(global);
            CommandLog log = workers[w].log;
            int i = global - workerBase[w];
            System.arraycopy(log.commands, log.segmentOffset[i], merged, out, log.segmentLength[i]);
            out += log.segmentLength[i];
        }
        if (out < mergedCount) {
            Arrays.fill(merged, out, mergedCount, null); // drop references from the previous phase
        }
        mergedCount = out;
    }

    private int[] scratch = new int[0];

    private int[] bucketStartCopy() {
        if (scratch.length != bucketStart.length) {
            scratch = new int[bucketStart.length];
        }
        System.arraycopy(bucketStart, 0, scratch, 0, bucketStart.length);
        return scratch;
    }

    private int workerOf(int globalSegment) {
        int lo = 0;
        int hi = workers.length - 1;
        while (lo < hi) { // largest w with workerBase[w] <= globalSegment and a non-empty log
            int mid = (lo + hi + 1) >>> 1;
            if (workerBase[mid] <= globalSegment) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (workerBase[lo + 1] <= globalSegment) {
            lo++;
        }
        return lo;
    }
}
