package org.ecsched.scheduler.api.backend;

import java.util.Arrays;

/**
 * One worker's commands for one phase: a growable array of commands cut into segments, one segment per task
 * that recorded something, each tagged with its system and range start for the deterministic merge.
 *
 * <p>Owned by one worker while the phase runs (plain fields; the phase's completion orders these writes before
 * the merge reads them). Arrays keep their capacity between phases and only grow, so a steady state allocates
 * nothing; a full array grows and never drops a command.
 */
final class CommandLog {

    Object[] commands = new Object[64];
    int size;
    int[] segmentSystem = new int[16];
    int[] segmentRangeStart = new int[16];
    int[] segmentOffset = new int[16];
    int[] segmentLength = new int[16];
    int segments;
    private int openOffset = -1;

    void begin(int system, int rangeStart) {
        if (segments == segmentSystem.length) {
            int n = segments * 2;
            segmentSystem = Arrays.copyOf(segmentSystem, n);
            segmentRangeStart = Arrays.copyOf(segmentRangeStart, n);
            segmentOffset = Arrays.copyOf(segmentOffset, n);
            segmentLength = Arrays.copyOf(segmentLength, n);
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

    /** Closes the open segment and returns how many commands it holds; an empty segment is not kept. */
    int end() {
        int length = size - openOffset;
        if (length > 0) {
            segmentOffset[segments] = openOffset;
            segmentLength[segments] = length;
            segments++;
        }
        openOffset = -1;
        return length;
    }

    /** Forgets everything, releasing the commands for the garbage collector. */
    void clear() {
        Arrays.fill(commands, 0, size, null);
        size = 0;
        segments = 0;
        openOffset = -1;
    }
}
