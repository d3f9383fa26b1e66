package org.ecsched.scheduler.testkit.broken;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: {@code close()} is {@code synchronized} and waits for the running phase inside the monitor,
 * as both shipped backends' {@code close()} did before {@code ExecutionGuard.close}. Alone, a system that calls
 * {@code close()} gets the monitor and the guard's IllegalStateException, as it should. But while another thread
 * is closing (holding the monitor, waiting for the phase), the system's {@code close()} blocks on the monitor
 * before anything can tell it that it runs inside that phase: the phase never ends, the other closer waits for
 * ever. Caught by rule 5.08, by its deadline.
 *
 * <p>The wait inside the monitor polls so that {@link #releaseAll()} can end the deadlock after the test (a real
 * one cannot be ended): the waiting closer then leaves without closing, the stuck system gets its exception and its
 * phase ends, and every instance is closed.
 */
final class SynchronizedCloseBackend extends ParkingPoolBackend {

    private static final List<SynchronizedCloseBackend> INSTANCES = new CopyOnWriteArrayList<>();
    private static volatile boolean released;

    SynchronizedCloseBackend(SchedulerConfig config) {
        super(config);
        INSTANCES.add(this);
    }

    @Override
    public synchronized void close() { // the defect: the monitor is held while waiting for the phase below
        while (!isPoolThread() && phaseRunning()) {
            if (released) {
                return; // after the test: leave the monitor, so that the system stuck on it can go on
            }
            LockSupport.parkNanos(1_000_000L);
        }
        super.close(); // the guard: IllegalStateException from a pool thread, else stop and join
    }

    /** Ends every deadlock and closes every instance (for cleaning up after the test). */
    static void releaseAll() {
        released = true;
        for (SynchronizedCloseBackend b : INSTANCES) {
            b.closeAfterRelease();
        }
        INSTANCES.clear();
        released = false;
    }

    private void closeAfterRelease() {
        super.close(); // without the monitor: waits for a phase that the release lets finish
    }
}
