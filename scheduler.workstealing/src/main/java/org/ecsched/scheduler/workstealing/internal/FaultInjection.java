package org.ecsched.scheduler.workstealing.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Test hook: throws an {@link Error} (an {@link OutOfMemoryError}, a {@link StackOverflowError}) at one of the
 * backend's own fault points, so that tests can prove a worker survives anything and a phase never hangs.
 * Package-private and unarmed in production, where each site costs one volatile read of a null field; no site is
 * on a per-entity path.
 */
final class FaultInjection {

    /** Where the backend's own code can fail. */
    enum Site {
        /** Allocating a range task for a split ({@link TaskPool#acquire}). */
        RANGE_TASK,
        /** Before running a piece of a range (stands for anything a worker does around a body). */
        PIECE,
        /** Queueing a system that became ready ({@code PlanState.ready}, inside the predecessor's completion). */
        READY,
        /** Worker 0's loop while it drives a phase, between tasks. */
        CALLER_LOOP,
        /** A pool worker's loop, before it looks for work. */
        WORKER_LOOP
    }

    /** Worker filter: any worker. */
    static final int ANY_WORKER = -1;
    /** Worker filter: any worker but worker 0 (the caller's thread). */
    static final int ANY_POOL_WORKER = -2;

    /** The armed fault, or null. */
    private static volatile FaultInjection armed;

    private final Site site;
    private final int worker;
    private final AtomicInteger remaining;
    private final Supplier<? extends Error> fault;
    private final AtomicInteger fired = new AtomicInteger();

    private FaultInjection(Site site, int worker, int times, Supplier<? extends Error> fault) {
        this.site = site;
        this.worker = worker;
        this.remaining = new AtomicInteger(times);
        this.fault = fault;
    }

    /**
     * Arms a fault: the next {@code times} visits of {@code site} by {@code worker} (or {@link #ANY_WORKER}, or
     * {@link #ANY_POOL_WORKER}) throw what {@code fault} makes. Replaces any armed fault.
     */
    static FaultInjection arm(Site site, int worker, int times, Supplier<? extends Error> fault) {
        FaultInjection f = new FaultInjection(site, worker, times, fault);
        armed = f;
        return f;
    }

    static void disarm() {
        armed = null;
    }

    private boolean matches(int w) {
        return worker == ANY_WORKER || worker == w || (worker == ANY_POOL_WORKER && w > 0);
    }

    /** How many times this fault fired. */
    int fired() {
        return fired.get();
    }

    /** A fault point: throws if a fault is armed for this site and worker. */
    static void at(Site site, int worker) {
        FaultInjection f = armed; // volatile read; null in production
        if (f != null && f.site == site && f.matches(worker)
                && f.remaining.getAndDecrement() > 0) {
            f.fired.incrementAndGet();
            throw f.fault.get();
        }
    }
}
