package org.ecsched.scheduler.deque.jcstress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.ecsched.scheduler.deque.StealResult;

/**
 * A deliberately broken Chase-Lev deque, for showing that the suite catches the bug it is meant to catch. Never use
 * it for anything else.
 *
 * <p>It is the algorithm of {@link org.ecsched.scheduler.deque.ChaseLevDeque} (Chase and Lev, SPAA 2005, with the
 * orderings of Lê, Pop, Cohen and Zappa Nardelli, PPoPP 2013), cut down to push, pop and steal, bounded, with no
 * padding, and with ONE change: <b>pop has no full fence between its store of {@code bottom} and its load of
 * {@code top}</b>. The real deque does
 * <pre>
 *   bottom = b (release);  VarHandle.fullFence();  t = top
 * </pre>
 * and this one does
 * <pre>
 *   bottom = b (release);                          t = top (opaque)
 * </pre>
 * Everything else (the release store of bottom in push, the acquire/fence/acquire in steal, the CAS on top for the
 * last task) is as in the real deque.
 *
 * <p><b>Why that fence is needed</b> (the PPoPP 2013 paper's seq_cst fence in {@code take}). Pop's bottom store
 * and its top load, against a thief's top CAS and its bottom load, form the store-buffering (Dekker) pattern: each
 * side writes one variable and then reads the other. A release store followed by a load gives no StoreLoad order:
 * the store may sit in the core's store buffer, invisible to other cores, while the load is already served from
 * the cache. x86 (TSO), which otherwise keeps loads and stores in order, allows exactly this reordering, so it
 * shows on ordinary machines. (Java's model allows it too, and the JIT may also hoist the load.) The bad run, with
 * tasks at indices 0 and 1 (top = 0, bottom = 2):
 * <pre>
 *   owner (pop)                          thief (two steals)
 *   bottom = 1       (in store buffer)
 *   t = top = 0      (old value)
 *                                        steal 1: CAS top 0 -&gt; 1, gets index 0
 *                                        steal 2: t = top = 1; FENCE; b = bottom = 2 (old: owner's store not yet
 *                                                 visible); 1 &lt; 2, CAS top 1 -&gt; 2 succeeds, gets index 1
 *   t = 0 &lt; b = 1: takes index 1 without a CAS
 * </pre>
 * Both return the task at index 1. The thief's fence alone cannot prevent it: a fence orders only its own
 * thread's accesses, and it takes a fence on both sides to forbid the outcome in which both loads miss both
 * stores. With the owner's fence, its bottom store is visible before its top load, so either the thief sees
 * bottom = 1 (EMPTY) or the owner sees top = 1 = b and CASes for index 1 against the thief.
 *
 * <p>Note that the bug needs two tasks. With a single task the owner's index b is 0, it cannot read a top below 0,
 * so it always takes the t == b branch and CASes: the CAS arbitrates even without the fence
 * ({@link Weakened_01_PopVsStealLastElement} shows that). The double take needs the owner to take index b
 * <em>without</em> a CAS while a thief, having taken index b - 1, goes for index b
 * ({@link Weakened_02_PopVsTwoStealsStoreLoad}).
 *
 * @param <T> the task type
 */
final class WeakenedChaseLevDeque<T> {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle BOTTOM;
    private static final VarHandle TOP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BOTTOM = lookup.findVarHandle(WeakenedChaseLevDeque.class, "bottom", long.class);
            TOP = lookup.findVarHandle(WeakenedChaseLevDeque.class, "top", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] buffer;
    private final int mask;
    /** Written only by the owner, with release stores. */
    private long bottom;
    /** Changed only by CAS. */
    private long top;

    WeakenedChaseLevDeque(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2");
        }
        buffer = new Object[capacity];
        mask = capacity - 1;
    }

    /** Owner only. As in the real deque: slot store, then release store of bottom. */
    boolean push(T task) {
        long b = (long) BOTTOM.get(this);
        int slot = (int) b & mask;
        if (SLOTS.getAcquire(buffer, slot) != null) {
            return false;
        }
        SLOTS.set(buffer, slot, task);
        BOTTOM.setRelease(this, b + 1);
        return true;
    }

    /** Owner only. THE BUG: no VarHandle.fullFence() between the bottom store and the top load. */
    @SuppressWarnings("unchecked")
    T pop() {
        long b = (long) BOTTOM.get(this) - 1;
        BOTTOM.setRelease(this, b);
        // VarHandle.fullFence();       <- removed: the StoreLoad barrier of Lê et al.'s take()
        long t = (long) TOP.getOpaque(this);
        if (t > b) {
            BOTTOM.setRelease(this, b + 1);
            return null;
        }
        int slot = (int) b & mask;
        T task = (T) SLOTS.get(buffer, slot);
        if (t < b) {
            SLOTS.set(buffer, slot, null);
            return task;                  // taken without a CAS: the unsafe step once t is stale
        }
        boolean won = TOP.compareAndSet(this, t, t + 1);
        if (won) {
            SLOTS.set(buffer, slot, null);
        }
        BOTTOM.setRelease(this, b + 1);
        return won ? task : null;
    }

    /** Any thread. Unchanged: acquire top, full fence, acquire bottom, CAS top. */
    @SuppressWarnings("unchecked")
    StealResult steal(Cell<T> into) {
        long t = (long) TOP.getAcquire(this);
        VarHandle.fullFence();
        long b = (long) BOTTOM.getAcquire(this);
        if (t >= b) {
            return StealResult.EMPTY;
        }
        int slot = (int) t & mask;
        T task = (T) SLOTS.get(buffer, slot);
        if (task == null || !TOP.compareAndSet(this, t, t + 1)) {
            return StealResult.RETRY;
        }
        SLOTS.setRelease(buffer, slot, null);
        into.task = task;
        return StealResult.SUCCESS;
    }

    /**
     * The thief's cell, like {@link org.ecsched.scheduler.deque.Stolen} (whose setter is private to the deque's
     * package). Owned by one thief; plain field.
     */
    static final class Cell<T> {
        private T task;

        /** Returns the held task and empties the cell. */
        T take() {
            T t = task;
            task = null;
            return t;
        }
    }

    /** Tasks in the deque; exact only when no other thread is using it. */
    int size() {
        return (int) ((long) BOTTOM.getOpaque(this) - (long) TOP.getOpaque(this));
    }
}
