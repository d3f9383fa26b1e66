package org.ecsched.scheduler.api.backend;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Detects misuse of a backend with a cheap state check, before any state is touched: executing on a closed
 * backend, executing from two threads at once, and executing (or closing) from inside a running system.
 *
 * <p>State: {@code executing} holds the thread inside {@code execute} (null when idle), changed only by CAS in
 * {@link #enter} and a volatile store in {@link #exit}; {@code closed} only goes from false to true.
 */
public final class ExecutionGuard {

    private final String backendName;
    private final AtomicReference<Thread> executing = new AtomicReference<>();
    private volatile boolean closed;

    /** @param backendName used in messages */
    public ExecutionGuard(String backendName) {
        this.backendName = backendName;
    }

    /**
     * Claims the backend for one phase.
     *
     * @param calledFromTask whether the calling thread is currently running a task of this backend (the backend
     *                       knows its own threads)
     * @throws IllegalStateException saying "closed", "re-entrant" or "concurrent"
     */
    public void enter(boolean calledFromTask) {
        if (closed) {
            throw new IllegalStateException("backend '" + backendName + "' is closed");
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
        if (closed) { // close() raced with us: it may already be stopping threads
            executing.set(null);
            throw new IllegalStateException("backend '" + backendName + "' is closed");
        }
    }

    /** Releases the backend after a phase (always call in a finally block after a successful enter). */
    public void exit() {
        executing.set(null);
    }

    /**
     * Marks the backend closed and waits until no phase is executing.
     *
     * @param calledFromTask whether the caller is running a task of this backend
     * @return true the first time, false if it was already closed
     * @throws IllegalStateException if called from inside a running system (it would wait for itself)
     */
    public boolean closeAndAwaitIdle(boolean calledFromTask) {
        if (calledFromTask || executing.get() == Thread.currentThread()) {
            throw new IllegalStateException("close() was called from inside a running system of backend '"
                    + backendName + "'");
        }
        if (closed) {
            return false;
        }
        closed = true;
        while (executing.get() != null) {
            LockSupport.parkNanos(100_000L); // close is rare; a short poll keeps this class free of locks
        }
        return true;
    }

    /** Whether {@link #closeAndAwaitIdle} was called. */
    public boolean isClosed() {
        return closed;
    }
}
