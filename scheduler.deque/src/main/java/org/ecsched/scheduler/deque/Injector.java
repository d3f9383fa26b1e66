package org.ecsched.scheduler.deque;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The global injection queue: a bounded multi-producer multi-consumer FIFO queue. Tasks submitted from outside
 * the workers, and tasks a worker cannot fit in its full {@link ChaseLevDeque}, go here; idle workers take them
 * out, one at a time or in batches into their own deques ({@link #pollBatch}).
 *
 * <p>Algorithm: Dmitry Vyukov's "Bounded MPMC queue" (1024cores.net, lock-free algorithms / queues): an array
 * of cells, each with a sequence number that tells producers and consumers whose turn the cell is. It allocates
 * nothing per operation and, without contention, needs one CAS per offer or poll (and one per batch in
 * {@link #pollBatch}).
 *
 * <p><b>Full and empty are answers, not errors.</b> {@link #offer} returns {@code false} when the queue is full;
 * the queue never drops a task silently, the caller decides (run it inline, retry later, report). {@link #poll}
 * returns {@code null} when the queue is empty.
 *
 * <p><b>Progress.</b> Like the original, the queue is not strictly lock-free: a producer that has claimed a cell
 * but not yet filled it makes consumers see "empty" at that cell (tasks offered after it wait behind it), and a
 * consumer that has claimed a cell but not yet emptied it makes producers see "full" there. Nothing is lost or
 * duplicated, and the stall lasts as long as that thread is descheduled between two adjacent instructions. For
 * a scheduler this means: signal idle workers after {@link #offer} returns, never before; then the stalled
 * producer, too, signals once its own offer returns, and the tasks that waited behind its cell are found.
 *
 * <p><b>Thread roles.</b> Any thread may call any method; {@link #pollBatch}'s caller must own the destination
 * deque.
 *
 * @param <T> the task type
 */
public final class Injector<T> extends InjectorDequeuePad {

    /*
     * Implementation overview
     * =======================
     *
     * Data structures (fields in the superclass chain at the end of this file)
     * ---------------
     * buffer      Object[capacity]; position p (a 64-bit count of offers) lives in cell p & mask.
     * sequences   long[capacity]; sequences[c] says whose turn cell c is. Initially sequences[c] = c.
     * enqueuePos  The next position to offer into. Advanced by producers with a CAS.
     * dequeuePos  The next position to poll from. Advanced by consumers with a CAS.
     * Positions only grow; as 64-bit longs they never wrap in practice, so there is no ABA on them.
     *
     * The sequence number of the cell of position p is, in turn:
     *   p                  free: waiting for the producer of position p
     *   p + 1              full: holds the task of position p, waiting for its consumer
     *   p + capacity       free again: waiting for the producer of position p + capacity (next lap)
     *
     * Algorithm
     * ---------
     *   offer(x): pos = enqueuePos
     *             loop: seq = sequences[pos]; dif = seq - pos
     *                   dif == 0: if CAS(enqueuePos, pos, pos + 1): buffer[pos] = x; sequences[pos] = pos + 1
     *                                                               (release); return true
     *                   dif <  0: return false         // the task of pos - capacity is still there (or being
     *                                                  // taken by the consumer that claimed it): full
     *                   dif >  0: pos = enqueuePos     // another producer took pos; reload
     *   poll():   the mirror image with dif = seq - (pos + 1); the winner reads buffer[pos], clears it, and
     *             sets sequences[pos] = pos + capacity (release); dif < 0 means empty.
     *
     * Why each ordering suffices (as in Vyukov's original)
     * --------------------------
     * (V1) The cell's sequence number carries all data: a producer writes the task (plain), then the sequence
     *      with a release store; a consumer loads the sequence with acquire before it reads the task. The same
     *      in the other direction: the consumer reads and clears the cell (plain), then releases the sequence
     *      for the next lap; the next producer acquires it before writing. So every cell access
     *      happens-before the next turn's access, and plain accesses to buffer are enough.
     * (V2) The positions only decide who gets a cell: a relaxed weak CAS (rcas) and opaque loads suffice. A
     *      stale position is caught by the sequence number (dif > 0: reload) or by the CAS, which fails; the
     *      CAS's atomicity, not its ordering, makes the winner unique. The winner's cell accesses need no
     *      ordering from the CAS either: they come after its acquire load of the sequence, and no other thread
     *      touches the cell until the winner's release store of the sequence.
     * (V3) The sequences array is filled in the constructor and reached through a final field, so the final
     *      field rule makes the initial values visible to every thread that sees the queue.
     *
     * Batch poll
     * ----------
     * pollBatch may claim k consecutive positions with one CAS of dequeuePos from pos to pos + k, after it has
     * seen every one of the k cells full for its position. That is safe here, unlike in the Chase-Lev deque
     * (where the owner takes tasks without a CAS): every consumer claims only through that CAS, a full cell
     * stays full until the consumer that claimed it empties it, and dequeuePos still equal to pos at the CAS
     * means nobody has claimed any of them. The batch is sized beforehand to the free slots of the caller's
     * own deque, which only the caller fills, so every push of the batch succeeds.
     *
     * Padding
     * -------
     * Producers CAS enqueuePos, consumers CAS dequeuePos; on one cache line they would contend. As in
     * ChaseLevDeque, a chain of abstract classes fixes the layout: cold fields (buffer, sequences, mask) ->
     * 128 bytes -> enqueuePos -> 128 bytes -> dequeuePos -> 128 bytes. (Vyukov pads the same way.) Each cell
     * is two array elements (task and sequence) in two arrays, since Java cannot put a long and a reference
     * in one array element without an object per cell. Measured offsets (JDK 17 and 25, compressed oops):
     * enqueuePos at 152, dequeuePos at 288, object size 424 bytes; PaddingLayoutTest checks the distances on the
     * JVM at hand.
     */

    /**
     * Creates an empty queue.
     *
     * @param capacity the fixed capacity, a power of two of at least 2
     * @throws IllegalArgumentException if {@code capacity} is not a power of two of at least 2
     */
    public Injector(int capacity) {
        super(Capacity.requirePowerOfTwo(capacity));
    }

    /**
     * Returns the fixed capacity.
     *
     * @return the capacity given at construction
     */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Adds a task at the tail. Any thread; never allocates.
     *
     * @param task the task, not null
     * @return {@code true} if the task was added, {@code false} if the queue is full (the caller keeps the task)
     * @throws NullPointerException if {@code task} is null
     */
    public boolean offer(T task) {
        Objects.requireNonNull(task, "task");
        long pos = loEnqueuePos();                    // opaque: only a starting guess (V2)
        while (true) {
            int cell = cell(pos);
            long dif = laSequence(cell) - pos;        // acquire: the consumer's release of this cell (V1)
            if (dif == 0) {
                if (rcasEnqueuePos(pos, pos + 1)) {   // relaxed CAS: makes us the one producer of pos (V2)
                    spElement(cell, task);            // plain: published by the release store below (V1)
                    soSequence(cell, pos + 1);        // release: StoreStore, the task before "full"
                    return true;
                }
            } else if (dif < 0) {
                return false;                         // the cell still holds the task of pos - capacity: full
            }
            pos = loEnqueuePos();                     // opaque: lost the race for pos (or a spurious failure)
        }
    }

    /**
     * Removes the task at the head. Any thread; never allocates.
     *
     * @return the oldest task, or {@code null} if the queue is empty
     */
    public T poll() {
        long pos = loDequeuePos();                    // opaque: only a starting guess (V2)
        while (true) {
            int cell = cell(pos);
            long dif = laSequence(cell) - (pos + 1);  // acquire: the producer's release of this cell (V1)
            if (dif == 0) {
                if (rcasDequeuePos(pos, pos + 1)) {   // relaxed CAS: makes us the one consumer of pos (V2)
                    return consume(pos);
                }
            } else if (dif < 0) {
                return null;                          // the cell waits for the producer of pos: empty
            }
            pos = loDequeuePos();                     // opaque: lost the race for pos (or a spurious failure)
        }
    }

    /**
     * Removes up to {@code limit} tasks from the head: returns the oldest and pushes the others, oldest first,
     * into {@code destination}, as many as it has room for. The caller must own {@code destination}. Any thread;
     * never allocates; one CAS for the whole batch.
     *
     * @param destination the caller's own deque
     * @param limit the most tasks to remove, at least 1
     * @return the oldest task removed, or {@code null} if the queue is empty
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws NullPointerException if {@code destination} is null
     */
    public T pollBatch(ChaseLevDeque<T> destination, int limit) {
        Capacity.requirePositiveLimit(limit);
        Objects.requireNonNull(destination, "destination");
        int wanted = 1 + destination.freeSlotsForOwner(limit - 1);   // those slots stay free: we own them
        long pos = loDequeuePos();                    // opaque: only a starting guess (V2)
        while (true) {
            int ready = 0;
            long dif = 0;
            while (ready < wanted) {                  // count full cells from pos on (a lap at most: the cell of
                long p = pos + ready;                 // pos + capacity is the cell of pos, full for pos, so dif < 0)
                dif = laSequence(cell(p)) - (p + 1);  // acquire: as in poll (V1)
                if (dif != 0) {
                    break;
                }
                ready++;
            }
            if (ready > 0) {
                if (rcasDequeuePos(pos, pos + ready)) {   // relaxed CAS: claims all `ready` cells (see overview)
                    T first = consume(pos);
                    for (int k = 1; k < ready; k++) {
                        if (!destination.push(consume(pos + k))) {
                            throw new AssertionError("a free slot counted by its owner was filled by another thread");
                        }
                    }
                    return first;
                }
            } else if (dif < 0) {
                return null;                          // the first cell waits for its producer: empty
            }
            pos = loDequeuePos();                     // opaque: stale pos or lost the race: reload
        }
    }

    /** Empties the cell of position {@code pos}, which the caller has claimed, and frees it for the next lap. */
    private T consume(long pos) {
        int cell = cell(pos);
        @SuppressWarnings("unchecked")
        T task = (T) lpElement(cell);                 // plain: visible through the acquire of "full" (V1)
        spElement(cell, null);                        // plain: the queue keeps no taken task reachable
        soSequence(cell, pos + mask + 1);             // release: our read and clear before the next producer
        return task;
    }

    /**
     * Returns the number of tasks, as a racy snapshot clamped to {@code [0, capacity]}. Any thread. Use it as a
     * hint, never for correctness.
     *
     * @return the approximate number of tasks
     */
    public int approximateSize() {
        long head = loDequeuePos();                   // opaque: a hint; head first so that concurrent polls
        long tail = loEnqueuePos();                   // opaque: cannot make the difference negative
        return (int) Math.max(0, Math.min(tail - head, capacity()));
    }

    /**
     * Returns whether the queue looked empty; the same racy snapshot as {@link #approximateSize()}. Any thread.
     *
     * @return {@code true} if the queue looked empty
     */
    public boolean isEmptyApproximately() {
        return approximateSize() == 0;
    }

    private int cell(long pos) {
        return (int) pos & mask;
    }

    // Test hooks (package-private): racy reads, meaningful only when no other thread is using the queue.

    /** The cell content for position {@code pos}, to check that polled cells are cleared. */
    Object elementForTest(long pos) {
        return lpElement(cell(pos));
    }

    /** The sequence number of the cell of position {@code pos}. */
    long sequenceForTest(long pos) {
        return laSequence(cell(pos));
    }

    /** The enqueue position. */
    long enqueuePosForTest() {
        return loEnqueuePos();
    }

    /** The dequeue position. */
    long dequeuePosForTest() {
        return loDequeuePos();
    }
}

/** Cold fields: written in the constructor, then only read; first in the layout. */
abstract class InjectorFields {
    private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

    /** The cells' tasks. Final: safely published with the queue. */
    private final Object[] buffer;
    /** The cells' sequence numbers. Final, so the values set here are visible to all threads (V3). */
    private final long[] sequences;
    /** capacity - 1. Final. */
    final int mask;

    InjectorFields(int capacity) {
        buffer = new Object[capacity];
        sequences = new long[capacity];
        for (int c = 0; c < capacity; c++) {
            sequences[c] = c;                         // cell c waits for the producer of position c
        }
        mask = capacity - 1;
    }

    final Object lpElement(int cell) {
        return ELEMENTS.get(buffer, cell);
    }

    final void spElement(int cell, Object value) {
        ELEMENTS.set(buffer, cell, value);
    }

    final long laSequence(int cell) {
        return (long) SEQUENCES.getAcquire(sequences, cell);
    }

    final void soSequence(int cell, long value) {
        SEQUENCES.setRelease(sequences, cell, value);
    }
}

/** Padding between the cold fields and enqueuePos (128 bytes: two cache lines, for adjacent-line prefetch). */
abstract class InjectorEnqueuePad extends InjectorFields {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    InjectorEnqueuePad(int capacity) {
        super(capacity);
    }
}

/** The producers' position. */
abstract class InjectorEnqueue extends InjectorEnqueuePad {
    private static final VarHandle ENQUEUE_POS;

    static {
        try {
            ENQUEUE_POS = MethodHandles.lookup().findVarHandle(InjectorEnqueue.class, "enqueuePos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next position to offer into. Changed only by producers' CAS (V2). */
    private long enqueuePos;

    InjectorEnqueue(int capacity) {
        super(capacity);
    }

    final long loEnqueuePos() {
        return (long) ENQUEUE_POS.getOpaque(this);
    }

    final boolean rcasEnqueuePos(long expected, long next) {
        return ENQUEUE_POS.weakCompareAndSetPlain(this, expected, next);
    }
}

/** Padding between enqueuePos and dequeuePos. */
abstract class InjectorDequeuePadBefore extends InjectorEnqueue {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;

    InjectorDequeuePadBefore(int capacity) {
        super(capacity);
    }
}

/** The consumers' position. */
abstract class InjectorDequeue extends InjectorDequeuePadBefore {
    private static final VarHandle DEQUEUE_POS;

    static {
        try {
            DEQUEUE_POS = MethodHandles.lookup().findVarHandle(InjectorDequeue.class, "dequeuePos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next position to poll from. Changed only by consumers' CAS (V2). */
    private long dequeuePos;

    InjectorDequeue(int capacity) {
        super(capacity);
    }

    final long loDequeuePos() {
        return (long) DEQUEUE_POS.getOpaque(this);
    }

    final boolean rcasDequeuePos(long expected, long next) {
        return DEQUEUE_POS.weakCompareAndSetPlain(this, expected, next);
    }
}

/** Padding after dequeuePos, so that whatever the heap places next does not share its cache lines. */
abstract class InjectorDequeuePad extends InjectorDequeue {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;

    InjectorDequeuePad(int capacity) {
        super(capacity);
    }
}
