package org.ecsched.scheduler.api.backend;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Detects misuse of a backend with a cheap state check, before any state is touched (executing on a closed
 * backend, executing from two threads at once, executing or closing from inside a running system), and closes a
 * backend exactly once without deadlock or polling.
 *
 * <h2>State</h2>
 * {@code executing} holds the thread inside {@code execute} (null when idle): set by CAS in {@link #enter}, cleared
 * by a volatile store in {@link #exit}. {@code lifecycle} goes OPEN -> CLOSING (one CAS, by the first closer) ->
 * CLOSED (a volatile store, after that closer stopped the backend's threads) and never back.
 *
 * <h2>Close hand-shake</h2>
 * A closer publishes CLOSING, then reads {@code executing}; {@code exit} clears {@code executing}, then reads
 * {@code lifecycle}. Both are volatile accesses, so they fall into one total order: either the closer sees the
 * phase gone, or {@code exit} sees CLOSING and signals under the lock, after the closer's check (the closer checks
 * and waits under the same lock, so the signal cannot fall between its check and its wait). A closer therefore
 * blocks on a condition, burning no CPU, and is woken exactly when the phase ends. An {@code enter} that races a
 * close backs out through {@code exit}, which signals the same way. Nothing here is on a phase's hot path except
 * the {@code executing} CAS and store and one volatile read.
 */
public final class ExecutionGuard {

    private static final int OPEN = 0, CLOSING = 1, CLOSED = 2;

    private final String backendName;
    private final AtomicReference<Thread> executing = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when {@code executing} becomes null while closing, and when the lifecycle reaches CLOSED. */
    private final Condition changed = lock.newCondition();
    private volatile int lifecycle = OPEN;

    /**
     * Makes an open guard.
     *
     * @param backendName used in messages
     */
    public ExecutionGuard(String backendName) {
        this.backendName = backendName;
    }

    /**
     * Claims the backend for one phase.
     *
     * @param calledFromTask whether the calling thread is one of this backend's own threads, or is running one of
     *                       its tasks (the backend knows its own threads)
     * @throws IllegalStateException saying "closed", "re-entrant" or "concurrent"
     */
    public void enter(boolean calledFromTask) {
        if (lifecycle != OPEN) {
            throw closedException();
        }
        Thread me = Thread.currentThread();
        if (calledFromTask || executing.get() == me) {
            throw new IllegalStateException("re-entrant execution: execute() was called from inside a running"
                    + " system of backend '" + backendName + "'; a system must not execute a phase");
        }
        if (!executing.compareAndSet(null, me)) {
            Thread other = executing.get();
            throw new IllegalStateException("concurrent execution: backend '" + backendName
                    + "' is already executing a phase on thread '" + (other == null ? "?" : other.getName())
                    + "'; a backend runs one phase at a time");
        }
        if (lifecycle != OPEN) { // close() raced with us and may be waiting: back out through exit, which signals
            exit();
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("backend '" + backendName + "' is closed");
    }

    /** Releases the backend after a phase (always call in a finally block after a successful enter). */
    public void exit() {
        executing.set(null);        // volatile store: before the lifecycle read below (see the close hand-shake)
        if (lifecycle != OPEN) {    // volatile read: a closer may be waiting for this phase
            signalAll();
        }
    }

    /**
     * Closes the backend once. The first caller marks it closed (so {@link #enter} refuses new phases), waits
     * without spinning until the phase in progress (if any) has exited, runs {@code stopThreads}, and then lets
     * every other closer return. A caller that finds the backend already closing waits until {@code stopThreads}
     * has finished, then returns. An interrupt does not cut a wait short; the flag is set again on return.
     *
     * @param calledFromWorker whether the calling thread is one of this backend's own threads (a worker, or a
     *                         thread running one of its tasks); such a close would wait for itself
     * @param stopThreads      stops and joins the backend's threads; run once, by the first closer, when no phase
     *                         runs
     * @return true for the call that ran {@code stopThreads}, false for the others
     * @throws IllegalStateException at once, closing nothing, if called from a worker thread or from inside a
     *                               phase this thread is executing
     */
    public boolean close(boolean calledFromWorker, Runnable stopThreads) {
        if (calledFromWorker || executing.get() == Thread.currentThread()) {
            throw new IllegalStateException("close() was called from inside a running system of backend '"
                    + backendName + "' (or from one of its worker threads); it would wait for its own phase to"
                    + " end. Close the backend from the thread that executes phases, after execute returns");
        }
        if (lifecycle != OPEN || !casLifecycle()) {
            awaitLifecycle();       // another closer stops the threads; wait until it has
            return false;
        }
        awaitNoPhase();
        try {
            stopThreads.run();
        } finally {
            lifecycle = CLOSED;
            signalAll();
        }
        return true;
    }

    private boolean casLifecycle() {
        lock.lock();
        try {
            if (lifecycle != OPEN) {
                return false;
            }
            lifecycle = CLOSING;    // volatile store under the lock: one winner; before the executing read below
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void awaitNoPhase() {
        lock.lock();
        try {
            while (executing.get() != null) { // volatile read, after our CLOSING store (see the hand-shake)
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitLifecycle() {
        lock.lock();
        try {
            while (lifecycle != CLOSED) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void signalAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #close} was called (the backend may still be stopping its threads)} */
    public boolean isClosed() {
        return lifecycle != OPEN;
    }
}
