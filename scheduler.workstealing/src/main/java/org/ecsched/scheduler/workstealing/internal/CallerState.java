package org.ecsched.scheduler.workstealing.internal;

/**
 * What only the thread executing a phase (worker 0) writes and others read: whether it is hungry, and the phase
 * count. On cache lines of its own (padding before and after, as in {@link Sleeper}), so that worker 0 flipping
 * its hunger while it waits for work never invalidates the lines holding the backend's fields that every worker
 * reads on each loop ({@code injector}, {@code shutdown}, the worker array).
 */
final class CallerState extends CallerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    /** Whether worker 0 found nothing the last time it looked (volatile read: splitting workers poll it). */
    boolean isHungry() {
        return hungry;
    }

    /**
     * Records worker 0's hunger, storing only on a change: a store of the same value would still take the line
     * from the workers that poll it. Worker 0 only.
     */
    void setHungry(boolean value) {
        if (hungry != value) {
            hungry = value; // volatile store: splitting workers see it on their next poll
        }
    }

    /** Phases started; read by stats() from any thread. */
    long phases() {
        return phases;
    }

    /** Numbers a new phase. Worker 0 only, one phase at a time (the execution guard), so no RMW is needed. */
    long nextPhase() {
        long next = phases + 1;
        phases = next; // volatile store: readers see a whole value
        return next;
    }
}

/** Padding before the caller's fields. */
abstract class CallerPad {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** The caller's fields; written by the thread executing a phase only. */
abstract class CallerFields extends CallerPad {
    volatile boolean hungry;
    volatile long phases;
}
