package org.ecsched.scheduler.workstealing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's part of the idle protocol ({@link Idle}, which states the protocol): its park state, which wakers
 * read and CAS, and its idle statistics, which only the worker itself touches.
 *
 * <p>Layout (see {@link Padding}): 128 bytes of padding, the shared fields ({@code state}, {@code wakeRequestedAt},
 * {@code thread}, {@code index}), 128 bytes, the owner's fields, 128 bytes. A waker's CAS on {@code state} then
 * never takes the line on which the owner counts its idle steps, and the owner's idle bookkeeping never
 * invalidates the line that notifiers scan. {@code WorkerLayoutTest} checks the offsets (its assertion messages
 * hold them); on JDK 17 with compressed oops: index 140, wakeRequestedAt 144, state 152, thread 156; the owner's
 * fields 288-316.
 *
 * <p>Accessor prefixes say the ordering (as in JCTools): {@code lv} volatile load, {@code sv} volatile store,
 * {@code so} release store, {@code cas} volatile compare-and-set.
 */
final class Sleeper extends SleeperOwnerFields {

    /** Park states. PARKED -> NOTIFIED only by a waker's CAS; everything else by the owner. */
    static final int RUNNING = 0, PARKED = 1, NOTIFIED = 2;

    byte c000, c001, c002, c003, c004, c005, c006, c007;
    byte c008, c009, c010, c011, c012, c013, c014, c015;
    byte c016, c017, c018, c019, c020, c021, c022, c023;
    byte c024, c025, c026, c027, c028, c029, c030, c031;
    byte c032, c033, c034, c035, c036, c037, c038, c039;
    byte c040, c041, c042, c043, c044, c045, c046, c047;
    byte c048, c049, c050, c051, c052, c053, c054, c055;
    byte c056, c057, c058, c059, c060, c061, c062, c063;
    byte c064, c065, c066, c067, c068, c069, c070, c071;
    byte c072, c073, c074, c075, c076, c077, c078, c079;
    byte c080, c081, c082, c083, c084, c085, c086, c087;
    byte c088, c089, c090, c091, c092, c093, c094, c095;
    byte c096, c097, c098, c099, c100, c101, c102, c103;
    byte c104, c105, c106, c107, c108, c109, c110, c111;
    byte c112, c113, c114, c115, c116, c117, c118, c119;
    byte c120, c121, c122, c123, c124, c125, c126, c127;

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

/** Fields other threads read or write: wakers CAS {@code state} and read {@code thread}. */
abstract class SleeperSharedFields extends Padding {
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
    byte b000, b001, b002, b003, b004, b005, b006, b007;
    byte b008, b009, b010, b011, b012, b013, b014, b015;
    byte b016, b017, b018, b019, b020, b021, b022, b023;
    byte b024, b025, b026, b027, b028, b029, b030, b031;
    byte b032, b033, b034, b035, b036, b037, b038, b039;
    byte b040, b041, b042, b043, b044, b045, b046, b047;
    byte b048, b049, b050, b051, b052, b053, b054, b055;
    byte b056, b057, b058, b059, b060, b061, b062, b063;
    byte b064, b065, b066, b067, b068, b069, b070, b071;
    byte b072, b073, b074, b075, b076, b077, b078, b079;
    byte b080, b081, b082, b083, b084, b085, b086, b087;
    byte b088, b089, b090, b091, b092, b093, b094, b095;
    byte b096, b097, b098, b099, b100, b101, b102, b103;
    byte b104, b105, b106, b107, b108, b109, b110, b111;
    byte b112, b113, b114, b115, b116, b117, b118, b119;
    byte b120, b121, b122, b123, b124, b125, b126, b127;

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
