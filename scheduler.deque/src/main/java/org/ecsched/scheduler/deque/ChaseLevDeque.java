package org.ecsched.scheduler.deque;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A bounded work-stealing deque: one owner thread {@linkplain #push pushes} and {@linkplain #pop pops} tasks at
 * the bottom (LIFO, for locality); any thread {@linkplain #steal steals} them from the top (FIFO, so thieves
 * take the oldest, usually largest, work).
 *
 * <p>Algorithm: D. Chase and Y. Lev, "Dynamic Circular Work-Stealing Deque", SPAA 2005, with the memory orderings
 * of N. M. Lê, A. Pop, A. Cohen and F. Zappa Nardelli, "Correct and Efficient Work-Stealing for Weak Memory
 * Models", PPoPP 2013, mapped to {@link VarHandle} access modes (the accessor prefixes are defined in
 * {@code package-info.java}). The results of a steal are distinct values ({@link StealResult}) as in
 * crossbeam-deque; a batch steal claims one task per CAS, as crossbeam-deque does for its LIFO workers.
 *
 * <p><b>Bounded, not growable.</b> Unlike the paper's deque this one never grows: the capacity is a power of two
 * fixed at construction and {@link #push} returns {@code false} when the deque is full; the caller then offers
 * the task to the shared {@link Injector} (Tokio's local queues do the same). Reasons: push, pop and steal never
 * allocate; there is no array to republish, so none of the growable version's subtle steps (a model checker later
 * found that the paper's push must reload the array after a resize) and no retired array a slow thief might
 * still read; and a worker whose deque is full has more work than it can use soon, which belongs where every
 * worker can see it rather than in a bigger private deque.
 *
 * <p><b>Thread roles.</b> {@link #push}, {@link #pop} and {@code stealBatchAndPop}'s destination side are for the
 * owner thread only (the owner may change over time only through a happens-before hand-off, such as starting a
 * thread). {@link #steal}, {@link #stealBatchAndPop} (as the victim), {@link #approximateSize} and
 * {@link #isEmptyApproximately} are for any thread.
 *
 * @param <T> the task type
 */
public final class ChaseLevDeque<T> extends ChaseLevDequeTopPad {

    /*
     * Implementation overview
     * =======================
     *
     * Data structures (fields live in the superclass chain at the end of this file, see "Padding")
     * ---------------
     * buffer  Object[capacity], used as a ring: logical index i lives in buffer[i & mask].
     * bottom  The index the owner pushes to next. Written only by the owner.
     * top     The oldest live index, the one a thief steals next. Changed only by CAS (by thieves, and by the
     *         owner when it races for the last task); it never decreases.
     * Both indices are 64-bit longs, so "bottom - top" is always the size. top only grows: a CAS on top can never
     * succeed on a stale value (no ABA), and at 10^9 steals per second top would wrap after 292 years. bottom
     * moves up on push and down on pop (the next push reuses a popped index), but only the owner writes it.
     *
     * Invariants
     * ----------
     * (I1) top <= bottom, except inside pop between its decrement of bottom and its restore, where bottom may
     *      be top - 1. size = bottom - top and 0 <= size <= capacity.
     * (I2) A non-empty deque's live tasks are the indices [top, bottom): each sits non-null in buffer[i & mask].
     * (I3) Whoever takes index i (the owner in pop, or the thief whose CAS moved top from i to i + 1) clears
     *      buffer[i & mask] itself, exactly once, right after taking it. Hence the deque never keeps a taken
     *      task reachable (for the GC) longer than its taker's next few instructions.
     * (I4) Only the owner stores a task into a slot, and only into a slot it has seen null (push). So a
     *      non-null slot is changed by no one but its taker (see "Clearing taken slots" below).
     *
     * Algorithm (pseudo-code; the orderings are explained below)
     * ---------
     *   push(x):   b = bottom
     *              if buffer[b] != null: return false          // full: index b - capacity is not yet cleared
     *              buffer[b] = x; bottom = b + 1 (release)
     *   pop():     if top >= bottom: return null               // shortcut: empty, no fence needed
     *              b = bottom - 1; bottom = b (release)
     *              FULL FENCE                                  // StoreLoad: bottom store before top load
     *              t = top
     *              t < b:   x = buffer[b]; buffer[b] = null; return x          // no thief can reach index b
     *              t == b:  last task: won = CAS(top, t, t + 1); bottom = b + 1; return won ? x : null
     *              t > b:   bottom = b + 1; return null                        // it was empty
     *   steal():   t = top (acquire)
     *              FULL FENCE
     *              b = bottom (acquire)
     *              t >= b:  EMPTY
     *              x = buffer[t]; if !CAS(top, t, t + 1): RETRY
     *              buffer[t] = null (release); SUCCESS(x)
     *
     * Why each ordering suffices
     * --------------------------
     * (O1) Publication. push writes the task with a plain store, then bottom with a release store; a thief
     *      loads bottom with acquire. A thief that sees bottom > t therefore sees the task at index t: the
     *      slot write happens-before its read through bottom. Every store to bottom is a release store (also
     *      pop's decrement and restore), so whichever owner store a thief reads, it carries all earlier owner
     *      writes. (Lê et al. make pop's stores relaxed and rely on C11 release sequences, which Java's access
     *      modes do not define; a release store costs nothing on x86 and little on ARM.)
     * (O2) The last task (StoreLoad). pop writes bottom then reads top; steal reads top then reads bottom.
     *      Without a full fence on both sides each could miss the other, and both could take the same task.
     *      Full fences are totally ordered. If the owner's fence comes first, a thief reading bottom after its
     *      own fence sees the decremented bottom (or later), so it finds no task at index b. If the thief's
     *      fence comes first, the owner's top load sees at least the top the thief saw (that value was
     *      written by a CAS, a volatile write the thief acquired before its fence). So when both aim at index
     *      b, both see t == b and both CAS: exactly one wins. And when the owner sees t < b it may take b
     *      without a CAS: no thief can reach b. (The formal proof is the paper's.)
     * (O3) Thieves among themselves: the volatile CAS on top. top only grows, so each index is won once.
     * (O4) Slot reuse. The owner reuses a slot only after an acquire load saw it null (push); a thief clears
     *      the slot it won with a release store after it read the task. So the winner's read happens-before
     *      the owner's next write to that slot and cannot see the new task. (Lê et al.'s push loads top with
     *      acquire for the same purpose; here push needs no top load at all and never touches the thieves'
     *      cache line.) A thief that lost may read the new task, or null: it discards it, because its CAS
     *      fails (the index it read was taken, so top has moved on). A steal that reads null returns RETRY at
     *      once for the same reason.
     * The owner's own reads of bottom and of slots it alone writes are plain: no other thread writes them.
     *
     * Clearing taken slots
     * --------------------
     * A thief must clear only the slot it won, and only while that slot still holds its task. With the usual
     * push (write when the index arithmetic says there is room) neither a plain clear nor
     * compareAndSet(slot, task, null) is safe: between the thief's CAS on top and its clear, the owner may
     * wrap around and push into the same slot; a plain clear would then erase a live task, and the CAS clear
     * fails only if the new task is a different object -- a task pushed twice (the same Runnable submitted
     * again) is erased all the same. (ChaseLevDequeStressTest's same-object test loses a few hundred runs a
     * second with that variant.) Invariant (I4) removes the race instead: push checks the slot itself and
     * reports "full" while it is non-null, so nobody writes a slot between its taker's CAS and the taker's
     * clear, and the clear can be a release store (a plain move on x86). The price: while a thief is stalled
     * between those two instructions, a push that has wrapped all the way round to its slot returns false
     * although the deque is not full, and the caller overflows to the Injector as for a full deque.
     * The owner clears what it pops with a plain store: after taking index b no other thread writes that slot,
     * and the owner's own next push to it is later in program order.
     *
     * Batch steal
     * -----------
     * The owner pops without a CAS whenever it sees more than one task (t < b, case O2). A thief must
     * therefore not claim several tasks with one CAS from t to t + k: while its CAS is still pending, the
     * owner may see top == t < b - 1 and take index b - 1, which the range t..t+k-1 can include -- both would
     * run it. stealBatchAndPop claims one index per CAS, and before each it fences and reloads bottom, so each
     * claim is an ordinary steal to which (O2) applies. (crossbeam-deque does the same for its LIFO workers; from
     * its FIFO workers it claims a range with one CAS, which is safe there because that owner also takes from
     * the front, by an atomic increment, so a concurrent pop makes the range CAS fail.) The stolen tasks
     * go straight into the thief's own deque, as many as it has free slots for, counted before claiming: the
     * thief owns that deque and only it fills slots there, so a slot it counted free stays free.
     *
     * Padding
     * -------
     * The owner writes bottom on every push and pop; thieves CAS top. On one cache line they would slow each
     * other ("false sharing"). HotSpot lays out a superclass's fields before its subclass's and only reorders
     * fields within a class, so a chain of abstract classes fixes the order (as JCTools does):
     * ChaseLevDequeFields (buffer, mask: read by all, written once) -> 128 bytes of padding -> bottom ->
     * 128 bytes -> top -> 128 bytes. 128 rather than 64 bytes because some CPUs prefetch cache lines in
     * adjacent pairs. Measured with Unsafe.objectFieldOffset on JDK 17 and 25 (compressed oops): mask at 12,
     * buffer at 16, bottom at 152, top at 288, object size 424 bytes. PaddingLayoutTest (in this module's tests)
     * reads the offsets the same way on the JVM at hand and fails, printing them all, if bottom or top comes
     * within 128 bytes of another field or less than 128 bytes of padding follow top. The slots themselves share lines (the
     * owner writes near bottom, thieves clear near top); that is inherent to any array deque and matters
     * little once the deque holds more than a few lines of tasks.
     */

    /**
     * Creates an empty deque.
     *
     * @param capacity the fixed capacity, a power of two of at least 2
     * @throws IllegalArgumentException if {@code capacity} is not a power of two of at least 2
     */
    public ChaseLevDeque(int capacity) {
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
     * Pushes a task at the bottom. Owner thread only. Never allocates, never blocks.
     *
     * <p>Returns {@code false} when the deque is full; the caller keeps the task and should offer it to the
     * {@link Injector}. Rarely, it also returns {@code false} when the deque is not quite full: when the slot to be
     * reused belongs to a task a thief has won but not yet cleared (see the implementation notes); the caller
     * reacts the same way.
     *
     * @param task the task, not null
     * @return {@code true} if the task was pushed, {@code false} if the deque is full
     * @throws NullPointerException if {@code task} is null
     */
    public boolean push(T task) {
        Objects.requireNonNull(task, "task");
        long b = lpBottom();              // plain: only the owner (this thread) writes bottom
        int slot = slot(b);
        if (laSlot(slot) != null) {       // acquire: pairs with the taker's release clear (O4); non-null = full
            return false;
        }
        spSlot(slot, task);               // plain: published by the release store below (O1)
        soBottom(b + 1);                  // release: StoreStore, the task is visible before the new bottom
        return true;
    }

    /**
     * Pops the most recently pushed task (LIFO). Owner thread only. Never allocates, never blocks.
     *
     * @return the task, or {@code null} if the deque is empty (or a thief won the last task)
     */
    public T pop() {
        long b = lpBottom();              // plain: only the owner writes bottom
        // Shortcut, not in the paper: outside pop top never exceeds bottom, top never decreases and only this
        // thread moves bottom, so top >= bottom now means empty; this saves the fence when an idle owner polls
        // its empty deque.
        if (loTop() >= b) {               // opaque: any value of top that was current at some point will do
            return null;
        }
        b = b - 1;
        soBottom(b);                      // release: see (O1); claims index b against thieves
        VarHandle.fullFence();            // StoreLoad: the bottom store is visible before top is read (O2)
        long t = loTop();                 // opaque (Lê: relaxed): ordered by the fence above
        if (t > b) {                      // it was empty (a thief took the last task since the shortcut)
            soBottom(b + 1);              // release: restore bottom == top
            return null;
        }
        int slot = slot(b);
        @SuppressWarnings("unchecked")
        T task = (T) lpSlot(slot);        // plain: the owner wrote it; nobody else writes a live slot (I4)
        if (t < b) {                      // more than one task: index b is out of every thief's reach (O2)
            spSlot(slot, null);           // plain: only the owner writes this slot now (I3)
            return task;
        }
        // t == b: the last task; race the thieves for it on top, as a thief would.
        boolean won = casTop(t, t + 1);   // volatile CAS: one of the owner and the thieves wins index b (O2, O3)
        if (won) {
            spSlot(slot, null);           // plain: we won index b, so we clear it (I3); no one else writes it
        }                                 // (if a thief won, the thief clears it)
        soBottom(b + 1);                  // release: the deque is empty either way: bottom == top == b + 1
        return won ? task : null;
    }

    /**
     * Steals the oldest task (FIFO, from the top). Any thread; lock-free; never allocates.
     *
     * @param into the caller's empty cell; receives the task on {@link StealResult#SUCCESS}
     * @return {@link StealResult#SUCCESS} with the task in {@code into}, {@link StealResult#EMPTY} if there was
     *     nothing to take, or {@link StealResult#RETRY} if another thread won the race for it
     * @throws IllegalStateException if {@code into} still holds a task
     */
    public StealResult steal(Stolen<T> into) {
        into.requireEmpty();
        long t = laTop();                 // acquire: LoadLoad, read before bottom and the slot
        VarHandle.fullFence();            // orders the top load before the bottom load against pop's fence (O2)
        long b = laBottom();              // acquire: pairs with the owner's release stores (O1)
        if (t >= b) {
            return StealResult.EMPTY;
        }
        T task = claim(t);
        if (task == null) {
            return StealResult.RETRY;
        }
        into.set(task);
        return StealResult.SUCCESS;
    }

    /**
     * Steals up to half of this deque's tasks: the oldest goes into {@code into} (to be run at once), the others
     * are pushed, oldest first, into {@code destination}. Any thread as the victim's thief; the caller must be
     * the owner of {@code destination}. Lock-free; never allocates.
     *
     * <p>Moves at most {@code min(limit, ceil(size / 2))} tasks, where size is this deque's size when the call
     * begins, and fewer when {@code destination} has no room for more or when another thread takes the next task
     * first. Each task is claimed with its own CAS (see the implementation notes for why a range may not be
     * claimed at once).
     *
     * @param destination the caller's own deque, not this one
     * @param limit the most tasks to move, at least 1
     * @param into the caller's empty cell; receives the first task on {@link StealResult#SUCCESS}
     * @return {@link StealResult#SUCCESS} if at least one task was taken, {@link StealResult#RETRY} if another
     *     thread won the race for the first task, or {@link StealResult#EMPTY} if there was nothing to take
     * @throws IllegalArgumentException if {@code limit < 1} or {@code destination} is this deque
     * @throws IllegalStateException if {@code into} still holds a task
     * @throws NullPointerException if {@code destination} is null
     */
    public StealResult stealBatchAndPop(ChaseLevDeque<T> destination, int limit, Stolen<T> into) {
        Capacity.requirePositiveLimit(limit);
        Objects.requireNonNull(destination, "destination");
        if (destination == this) {
            throw new IllegalArgumentException("destination must be the caller's own deque, not the victim");
        }
        into.requireEmpty();
        long t = laTop();                 // acquire, fence, acquire: exactly as in steal (O1, O2)
        VarHandle.fullFence();
        long b = laBottom();
        long size = b - t;
        if (size <= 0) {
            return StealResult.EMPTY;
        }
        T first = claim(t);
        if (first == null) {
            return StealResult.RETRY;
        }
        into.set(first);
        // Further tasks: at most half of the size seen (rounded up) in all, at most limit, and no more than the
        // destination has free slots for. Only this thread fills those slots, so they stay free (see above).
        long wanted = Math.min(limit - 1L, (size + 1) / 2 - 1);
        int more = destination.freeSlotsForOwner((int) wanted);
        for (int k = 0; k < more; k++) {
            t = t + 1;                    // our CAS left top == t unless another thread moved it: the CAS fails
            VarHandle.fullFence();        // our CAS (the "top load" of this claim) before the bottom load (O2)
            b = laBottom();               // acquire: fresh bottom, the owner may have popped meanwhile (O1)
            if (t >= b) {
                break;
            }
            T task = claim(t);
            if (task == null) {
                break;                    // lost the race for index t: keep what we have
            }
            if (!destination.push(task)) {
                throw new AssertionError("a free slot counted by its owner was filled by another thread");
            }
        }
        return StealResult.SUCCESS;
    }

    /**
     * Claims index {@code t} for a thief that has read top == t and, after a full fence, bottom &gt; t.
     *
     * @return the task at index t, now owned by the caller, or {@code null} if another thread took index t
     */
    private T claim(long t) {
        int slot = slot(t);
        @SuppressWarnings("unchecked")
        T task = (T) lpSlot(slot);        // plain: visible through the acquire load of bottom (O1); a stale or
                                          // newer value is possible only if index t was taken: the CAS fails
        if (task == null) {               // cleared by whoever took index t: the race is lost already (O4)
            return null;
        }
        if (!casTop(t, t + 1)) {          // volatile CAS: the linearization point of the steal (O3)
            return null;
        }
        soSlot(slot, null);               // release: we won index t and the slot still holds our task (I4);
        return task;                      // hands the slot back to the owner's push (O4)
    }

    /**
     * Returns the number of tasks, as a racy snapshot clamped to {@code [0, capacity]}. Any thread. The value may
     * be out of date as soon as it is returned; use it as a hint (for example, to decide whom to wake), never for
     * correctness.
     *
     * @return the approximate number of tasks
     */
    public int approximateSize() {
        long t = loTop();                 // opaque: a hint. Top first: bottom >= top - 1 always and top only
        long b = loBottom();              // opaque: grows, so b - t >= -1; pushes in between can overshoot
        long size = b - t;
        return (int) Math.max(0, Math.min(size, capacity()));
    }

    /**
     * Returns whether the deque looked empty; the same racy snapshot as {@link #approximateSize()}. Any thread.
     *
     * @return {@code true} if the deque looked empty
     */
    public boolean isEmptyApproximately() {
        return approximateSize() == 0;
    }

    /**
     * Counts the slots, from bottom on, that a push could fill now, up to {@code max}. Owner thread only: only the
     * owner fills slots, so every slot counted here stays free until the owner itself fills it.
     */
    int freeSlotsForOwner(int max) {
        long b = lpBottom();              // plain: the caller is the owner
        int limit = Math.min(max, capacity());
        int free = 0;
        while (free < limit && laSlot(slot(b + free)) == null) {  // acquire: as in push (O4)
            free++;
        }
        return free;
    }

    private int slot(long index) {
        return (int) index & mask;
    }

    // Test hooks (package-private): racy reads, meaningful only when no other thread is using the deque.

    /** The slot content for logical index {@code index}, to check that taken slots are cleared. */
    Object slotForTest(long index) {
        return lpSlot(slot(index));
    }

    /**
     * Stores {@code value} into the slot of logical index {@code index}, bypassing every check: lets a test put
     * the deque in the state a thief leaves between winning a slot and clearing it.
     */
    void storeSlotForTest(long index, Object value) {
        spSlot(slot(index), value);
    }

    /** The top index. */
    long topForTest() {
        return loTop();
    }

    /** The bottom index. */
    long bottomForTest() {
        return loBottom();
    }
}

/**
 * Cold fields: written once at construction, then only read; first in the layout. The slots are accessed
 * through a VarHandle so that each access states its mode.
 */
abstract class ChaseLevDequeFields {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    /** The ring of slots. Final: safely published with the deque. */
    private final Object[] buffer;
    /** capacity - 1. Final. */
    final int mask;

    ChaseLevDequeFields(int capacity) {
        buffer = new Object[capacity];
        mask = capacity - 1;
    }

    final Object lpSlot(int slot) {
        return SLOTS.get(buffer, slot);
    }

    final Object laSlot(int slot) {
        return SLOTS.getAcquire(buffer, slot);
    }

    final void spSlot(int slot, Object value) {
        SLOTS.set(buffer, slot, value);
    }

    final void soSlot(int slot, Object value) {
        SLOTS.setRelease(buffer, slot, value);
    }
}

/** Padding between the cold fields and bottom (128 bytes: two cache lines, for adjacent-line prefetch). */
abstract class ChaseLevDequeBottomPad extends ChaseLevDequeFields {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    ChaseLevDequeBottomPad(int capacity) {
        super(capacity);
    }
}

/** The owner's index. */
abstract class ChaseLevDequeBottom extends ChaseLevDequeBottomPad {
    private static final VarHandle BOTTOM;

    static {
        try {
            BOTTOM = MethodHandles.lookup().findVarHandle(ChaseLevDequeBottom.class, "bottom", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The index the owner pushes to next. Written only by the owner, always with a release store (O1). */
    private long bottom;

    ChaseLevDequeBottom(int capacity) {
        super(capacity);
    }

    final long lpBottom() {
        return (long) BOTTOM.get(this);
    }

    final long loBottom() {
        return (long) BOTTOM.getOpaque(this);
    }

    final long laBottom() {
        return (long) BOTTOM.getAcquire(this);
    }

    final void soBottom(long value) {
        BOTTOM.setRelease(this, value);
    }
}

/** Padding between bottom and top. */
abstract class ChaseLevDequeTopPadBefore extends ChaseLevDequeBottom {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;

    ChaseLevDequeTopPadBefore(int capacity) {
        super(capacity);
    }
}

/** The thieves' index. */
abstract class ChaseLevDequeTop extends ChaseLevDequeTopPadBefore {
    private static final VarHandle TOP;

    static {
        try {
            TOP = MethodHandles.lookup().findVarHandle(ChaseLevDequeTop.class, "top", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The oldest live index. Changed only by a volatile CAS (thieves, and the owner for the last task). */
    private long top;

    ChaseLevDequeTop(int capacity) {
        super(capacity);
    }

    final long loTop() {
        return (long) TOP.getOpaque(this);
    }

    final long laTop() {
        return (long) TOP.getAcquire(this);
    }

    final boolean casTop(long expected, long next) {
        return TOP.compareAndSet(this, expected, next);
    }
}

/** Padding after top, so that whatever the heap places next does not share top's cache lines. */
abstract class ChaseLevDequeTopPad extends ChaseLevDequeTop {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;

    ChaseLevDequeTopPad(int capacity) {
        super(capacity);
    }
}
