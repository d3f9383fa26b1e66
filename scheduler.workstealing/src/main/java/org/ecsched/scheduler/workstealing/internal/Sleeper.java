package org.ecsched.scheduler.workstealing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's part of the idle protocol ({@link Idle}, which states the protocol): its park state, which wakers
 * read and CAS, and its idle statistics, which only the worker itself touches.
 *
 * <p>Layout (JCTools style: HotSpot lays out a superclass's fields before its subclass's, so a chain of classes
 * fixes the order): 128 bytes of padding, the shared fields ({@code state}, {@code wakeRequestedAt},
 * {@code thread}, {@code index}), 128 bytes, the owner's fields, 128 bytes. A waker's CAS on {@code state} then
 * never takes the line on which the owner counts its idle steps, and the owner's idle bookkeeping never
 * invalidates the line that notifiers scan. {@code WorkerLayoutTest} checks the offsets.
 *
 * <p>Accessor prefixes say the ordering (as in JCTools): {@code lv} volatile load, {@code sv} volatile store,
 * {@code so} release store, {@code cas} volatile compare-and-set.
 */
final class Sleeper extends SleeperOwnerFields {

    /** Park states. PARKED -> NOTIFIED only by a waker's CAS; everything else by the owner. */
    static final int RUNNING = 0, PARKED = 1, NOTIFIED = 2;

    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

    private static final VarHandle STATE;
    private static final VarHandle WAKE_REQUESTED_AT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SleeperSharedFields.class, "state", int.class);
            WAKE_REQUESTED_AT = lookup.findVarHandle(SleeperSharedFields.class, "wakeRequestedAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Sleeper(int index) {
        super(index);
    }

    int lvState() {
        return (int) STATE.getVolatile(this);
    }

    void svState(int value) {
        STATE.setVolatile(this, value);
    }

    /** Release store: used by the owner only once no waker can write the state (it left PARKED). */
    void soState(int value) {
        STATE.setRelease(this, value);
    }

    boolean casState(int expected, int value) {
        return STATE.compareAndSet(this, expected, value);
    }

    long lvWakeRequestedAt() {
        return (long) WAKE_REQUESTED_AT.getVolatile(this);
    }

    /**
     * Release store by a waker just before its claiming CAS, whose volatile write then publishes it to the owner.
     * A waker that loses the CAS may still overwrite it; the owner then reads a slightly later request time, which
     * only shortens one latency sample.
     */
    void soWakeRequestedAt(long nanoTime) {
        WAKE_REQUESTED_AT.setRelease(this, nanoTime);
    }

    @Override
    public String toString() {
        return "Sleeper[" + index + ", state=" + lvState() + ", searching=" + searching + "]";
    }
}

/** Padding before the shared fields. */
abstract class SleeperPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** Fields other threads read or write: wakers CAS {@code state} and read {@code thread}. */
abstract class SleeperSharedFields extends SleeperPad0 {
    /** The worker's index; final. */
    final int index;
    /** RUNNING, PARKED or NOTIFIED, through the VarHandle in {@link Sleeper}. */
    volatile int state;
    /** {@code System.nanoTime()} of the latest wake-up request, through the VarHandle in {@link Sleeper}. */
    volatile long wakeRequestedAt;
    /** The worker's thread (null for worker 0, which never parks); written before any thread starts. */
    Thread thread;

    SleeperSharedFields(int index) {
        this.index = index;
    }
}

/** Padding between the shared fields and the owner's. */
abstract class SleeperPad1 extends SleeperSharedFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    SleeperPad1(int index) {
        super(index);
    }
}

/** Fields only the owning worker reads and writes (plain). */
abstract class SleeperOwnerFields extends SleeperPad1 {
    /** Whether this worker holds one of the searching slots counted in {@link Idle}. */
    boolean searching;
    /** Idle steps since the worker last found work. */
    int idleSteps;
    /** When the current idle stretch began. */
    long idleSince;
    /** Moving average of the time from a wake-up request to running again. */
    double wakeLatencyNanos = Idle.INITIAL_WAKE_LATENCY_NANOS;
    /** Moving average of steal rounds that found work, in [0, 1]; drives the spin budget. */
    double stealSuccessRate = 0.5;

    SleeperOwnerFields(int index) {
        super(index);
    }
}
