package org.ecsched.scheduler.observability.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.ecsched.scheduler.api.Plan;

/**
 * One lane of a trace (one worker, or the phases): a bounded, append-only table of events, written by one thread
 * (the lane's owner) and read by any thread.
 *
 * <h2>Layout</h2>
 * One preallocated array per column (struct of arrays); an event is a row. The meaning of the four int columns
 * depends on the row's kind:
 * <pre>
 *   kind          plan  begin   end      number  x0        x1              x2              x3
 *   TASK[_FAILED] plan  start   finish   -       system    rangeStart      rangeEnd        -
 *   STEAL         -     time    time     -       victim    count           -               -
 *   PARK          -     park    unpark   -       -         -               -               -
 *   PHASE         plan  start   finish   phase#  tasks     failedSystems   skippedSystems  policy ordinal
 * </pre>
 * Appending stores a reference and primitives into existing arrays: no allocation.
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>The owner writes row {@code i}'s columns with plain stores, then publishes the row with a release store of
 *       {@code size = i + 1} (StoreStore: the row is visible before the size that covers it).</li>
 *   <li>A reader loads {@code size} with acquire (LoadLoad) and reads rows {@code [0, size)}. Rows are never
 *       rewritten (no wrap-around, no clear), so what a reader sees of a published row is final.</li>
 *   <li>A full lane refuses the row and counts it in {@code dropped}: the owner never waits for a reader.</li>
 *   <li>The open slice and open park (a begin waiting for its end) are owner-only plain fields.</li>
 * </ul>
 * Who is the owner is the caller's protocol: the thread acting as the lane's worker, or the thread running
 * {@code execute} for the phase lane; a change of owner must be ordered by the backend (it is, between phases).
 *
 * <p>The owner's hot fields sit between two 128-byte pads (see {@link TraceLaneHotFields}) so that two workers'
 * lanes never share a cache line however the heap places them.
 */
public final class TraceLane extends TraceLanePadAfter {

    /** Row kinds. */
    public static final byte TASK = 1, TASK_FAILED = 2, STEAL = 3, PARK = 4, PHASE = 5;

    private static final VarHandle SIZE;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(TraceLaneHotFields.class, "size", int.class);
            DROPPED = lookup.findVarHandle(TraceLaneHotFields.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] kind;
    private final Plan<?>[] plan;
    private final long[] begin;
    private final long[] end;
    private final long[] number;
    private final int[] x0;
    private final int[] x1;
    private final int[] x2;
    private final int[] x3;

    /** @param capacity rows the lane holds before it drops; at least 1 */
    public TraceLane(int capacity) {
        super(capacity);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        kind = new byte[capacity];
        plan = new Plan<?>[capacity];
        begin = new long[capacity];
        end = new long[capacity];
        number = new long[capacity];
        x0 = new int[capacity];
        x1 = new int[capacity];
        x2 = new int[capacity];
        x3 = new int[capacity];
    }

    // ---- owner side -------------------------------------------------------------------------------------------

    /** Remembers the begin of a task or phase slice; owner only. */
    public void openSlice(long beginNanos) {
        sliceBegin = beginNanos;
        sliceOpen = true;
    }

    /** Whether a slice was open, closing it; owner only. Read {@link #openSliceBegin()} right after. */
    public boolean closeSlice() {
        boolean wasOpen = sliceOpen;
        sliceOpen = false;
        return wasOpen;
    }

    /** The begin of the slice {@link #closeSlice()} just closed; owner only. */
    public long openSliceBegin() {
        return sliceBegin;
    }

    /** Remembers when the owner parked; owner only. */
    public void openPark(long beginNanos) {
        parkBegin = beginNanos;
        parkOpen = true;
    }

    /** Whether a park was open, closing it; owner only. Read {@link #openParkBegin()} right after. */
    public boolean closePark() {
        boolean wasOpen = parkOpen;
        parkOpen = false;
        return wasOpen;
    }

    /** The begin of the park {@link #closePark()} just closed; owner only. */
    public long openParkBegin() {
        return parkBegin;
    }

    /** Appends a task slice; owner only. */
    public void appendTask(Plan<?> taskPlan, int system, int rangeStart, int rangeEnd, boolean failed,
                           long startNanos, long finishNanos) {
        int i = reserve();
        if (i >= 0) {
            kind[i] = failed ? TASK_FAILED : TASK;
            plan[i] = taskPlan;
            begin[i] = startNanos;
            end[i] = finishNanos;
            x0[i] = system;
            x1[i] = rangeStart;
            x2[i] = rangeEnd;
            srSize(i + 1); // StoreStore: the row before its size
        }
    }

    /** Appends a steal instant; owner only (the thief). */
    public void appendSteal(int victim, int count, long nanoTime) {
        int i = reserve();
        if (i >= 0) {
            kind[i] = STEAL;
            plan[i] = null;
            begin[i] = nanoTime;
            end[i] = nanoTime;
            x0[i] = victim;
            x1[i] = count;
            srSize(i + 1); // StoreStore: the row before its size
        }
    }

    /** Appends a park slice; owner only. */
    public void appendPark(long parkNanos, long unparkNanos) {
        int i = reserve();
        if (i >= 0) {
            kind[i] = PARK;
            plan[i] = null;
            begin[i] = parkNanos;
            end[i] = unparkNanos;
            srSize(i + 1); // StoreStore: the row before its size
        }
    }

    /** Appends a phase slice; owner only (the thread that ran the phase). */
    public void appendPhase(Plan<?> phasePlan, long phaseNumber, int tasks, int failedSystems, int skippedSystems,
                            int policyOrdinal, long startNanos, long finishNanos) {
        int i = reserve();
        if (i >= 0) {
            kind[i] = PHASE;
            plan[i] = phasePlan;
            begin[i] = startNanos;
            end[i] = finishNanos;
            number[i] = phaseNumber;
            x0[i] = tasks;
            x1[i] = failedSystems;
            x2[i] = skippedSystems;
            x3[i] = policyOrdinal;
            srSize(i + 1); // StoreStore: the row before its size
        }
    }

    /** The next free row, or -1 after counting a drop when the lane is full. */
    private int reserve() {
        int i = lpSize(); // plain: only the owner writes size
        if (i == capacity) {
            soDropped(lpDropped() + 1);
            return -1;
        }
        return i;
    }

    // ---- reader side ------------------------------------------------------------------------------------------

    /** Rows published so far; rows below it may be read from any thread. */
    public int laSize() {
        return (int) SIZE.getAcquire(this); // LoadLoad: rows below it are visible
    }

    /** Rows refused because the lane was full (a racy but untorn count while the owner runs). */
    public long loDropped() {
        return (long) DROPPED.getOpaque(this);
    }

    /** Rows the lane holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Row {@code i}'s kind. */
    public byte kind(int i) {
        return kind[i];
    }

    /** Row {@code i}'s plan (TASK, PHASE). */
    public Plan<?> plan(int i) {
        return plan[i];
    }

    /** Row {@code i}'s begin, a nanoTime reading. */
    public long begin(int i) {
        return begin[i];
    }

    /** Row {@code i}'s end, a nanoTime reading (equal to begin for an instant). */
    public long end(int i) {
        return end[i];
    }

    /** TASK: the system's index. */
    public int system(int i) {
        return x0[i];
    }

    /** TASK: the range start. */
    public int rangeStart(int i) {
        return x1[i];
    }

    /** TASK: the range end. */
    public int rangeEnd(int i) {
        return x2[i];
    }

    /** STEAL: the victim (-1: injector). */
    public int victim(int i) {
        return x0[i];
    }

    /** STEAL: tasks moved. */
    public int stealCount(int i) {
        return x1[i];
    }

    /** PHASE: the backend's phase number. */
    public long phaseNumber(int i) {
        return number[i];
    }

    /** PHASE: tasks executed. */
    public int phaseTasks(int i) {
        return x0[i];
    }

    /** PHASE: systems that failed. */
    public int phaseFailedSystems(int i) {
        return x1[i];
    }

    /** PHASE: systems skipped. */
    public int phaseSkippedSystems(int i) {
        return x2[i];
    }

    /** PHASE: the failure policy's ordinal. */
    public int phasePolicy(int i) {
        return x3[i];
    }

    // ---- accessors (prefixes: see package-info) ---------------------------------------------------------------

    private int lpSize() {
        return size;
    }

    private void srSize(int value) {
        SIZE.setRelease(this, value);
    }

    private long lpDropped() {
        return dropped;
    }

    private void soDropped(long value) {
        DROPPED.setOpaque(this, value);
    }
}

/** Cold fields: final, read by owner and readers alike. */
abstract class TraceLaneColdFields {
    /** Rows the lane holds; written once, by the constructor. */
    final int capacity;

    TraceLaneColdFields(int capacity) {
        this.capacity = capacity;
    }
}

/** 128 bytes of padding: two cache lines, enough for adjacent-line prefetchers. */
abstract class TraceLanePadBefore extends TraceLaneColdFields {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;

    TraceLanePadBefore(int capacity) {
        super(capacity);
    }
}

/**
 * The owner's hot fields, written on every event. Between pads so that no other lane's hot fields share their
 * cache line.
 */
abstract class TraceLaneHotFields extends TraceLanePadBefore {
    /** Published rows: written only by the owner (release), read by anyone (acquire). */
    int size;
    /** Refused rows: written only by the owner (opaque), read by anyone (opaque). */
    long dropped;
    /** The open slice's begin and whether one is open: owner only, plain. */
    long sliceBegin;
    boolean sliceOpen;
    /** The open park's begin and whether one is open: owner only, plain. */
    long parkBegin;
    boolean parkOpen;

    TraceLaneHotFields(int capacity) {
        super(capacity);
    }
}

/** 128 bytes of padding after the hot fields. */
abstract class TraceLanePadAfter extends TraceLaneHotFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    TraceLanePadAfter(int capacity) {
        super(capacity);
    }
}
