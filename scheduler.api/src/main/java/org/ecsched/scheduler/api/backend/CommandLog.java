package org.ecsched.scheduler.api.backend;

import java.util.Arrays;

/**
 * One worker's commands for one phase: a growable array of commands cut into segments, one segment per task
 * that recorded something, each tagged with its system and range start for the deterministic merge.
 *
 * <p>Owned by one worker index while the phase runs (plain fields; the phase's completion orders these writes
 * before the merge reads them); touched by the coordinating thread only when no task runs: {@link #reset} in
 * {@code PhaseRun.start}, the merge in {@code PhaseRun.finish}. Arrays keep their capacity between phases and only
 * grow, so a steady state allocates nothing; a full array grows and never drops a command. A growth that fails
 * (out of memory) throws from {@link #begin} or {@link #add}, inside the task, whose system then fails; the log
 * stays consistent either way.
 */
final class CommandLog {

    /** Segments a new log holds before it first grows. */
    static final int INITIAL_SEGMENTS = 16;

    Object[] commands = new Object[64];
    int size;
    int[] segmentSystem = new int[INITIAL_SEGMENTS];
    int[] segmentRangeStart = new int[INITIAL_SEGMENTS];
    int[] segmentOffset = new int[INITIAL_SEGMENTS];
    int[] segmentLength = new int[INITIAL_SEGMENTS];
    int segments;
    private int openOffset = -1;

    /**
     * Opens a segment for a task. Growing the segment arrays allocates, and so may throw
     * {@link OutOfMemoryError}: the four new arrays are made first and installed together, so a failed growth
     * leaves the log exactly as it was (consistent, no segment open), and the caller fails the task.
     */
    void begin(int system, int rangeStart) {
        if (segments == segmentSystem.length) {
            int n = segments * 2;
            int[] system2 = Arrays.copyOf(segmentSystem, n);
            InternalFaults.check(InternalFaults.Site.LOG_GROWTH); // a fault here: one array made, none installed
            int[] rangeStart2 = Arrays.copyOf(segmentRangeStart, n);
            int[] offset2 = Arrays.copyOf(segmentOffset, n);
            int[] length2 = Arrays.copyOf(segmentLength, n);
            segmentSystem = system2;
            segmentRangeStart = rangeStart2;
            segmentOffset = offset2;
            segmentLength = length2;
        }
        segmentSystem[segments] = system;
        segmentRangeStart[segments] = rangeStart;
        openOffset = size;
    }

    void add(Object command) {
        if (openOffset < 0) {
            throw new IllegalStateException("a command buffer was used outside the task it was handed to");
        }
        if (size == commands.length) {
            commands = Arrays.copyOf(commands, size * 2);
        }
        commands[size++] = command;
    }

    /**
     * Closes the open segment and returns how many commands it holds; an empty segment is not kept. With no
     * segment open (its {@link #begin} failed) there is nothing to close: returns 0.
     */
    int end() {
        if (openOffset < 0) {
            return 0;
        }
        int length = size - openOffset;
        if (length > 0) {
            segmentOffset[segments] = openOffset;
            segmentLength[segments] = length;
            segments++;
        }
        openOffset = -1;
        return length;
    }

    /**
     * Forgets whatever a phase left here, as {@link #clear} does, but stores nothing when the log is already
     * empty (the usual case: the merge cleared it). Called when a phase starts, so that a phase abandoned before
     * its merge cannot leak commands into the next one.
     */
    void reset() {
        if (size != 0 || segments != 0 || openOffset >= 0) {
            clear();
        }
    }

    /**
     * Forgets the closed segments (a drain delivered them) but keeps the open one, the running exclusive system's,
     * moved to the front of the array; with none open, as {@link #clear}. Allocates nothing.
     */
    void dropClosedSegments() {
        if (openOffset < 0) {
            clear();
            return;
        }
        int open = size - openOffset;
        System.arraycopy(commands, openOffset, commands, 0, open);
        Arrays.fill(commands, open, size, null);
        size = open;
        segments = 0;
        openOffset = 0;
    }

    /** Forgets everything, releasing the commands for the garbage collector. */
    void clear() {
        Arrays.fill(commands, 0, size, null);
        size = 0;
        segments = 0;
        openOffset = -1;
    }
}
