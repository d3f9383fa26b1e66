package org.ecsched.scheduler.api.backend;

import java.util.concurrent.locks.LockSupport;

/** Joining a backend's threads on close, the same way in every backend. */
public final class ThreadJoins {

    private ThreadJoins() {
    }

    /**
     * Waits until every thread has ended. Each thread is unparked before each short wait, so a worker parked on
     * {@code LockSupport.park} sees the backend's shutdown flag. An interrupt of the caller does not cut the wait
     * short: it is remembered and restored on return.
     *
     * @param threads the threads, started or not
     */
    public static void joinAll(Thread... threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                LockSupport.unpark(t);
                try {
                    t.join(10);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
