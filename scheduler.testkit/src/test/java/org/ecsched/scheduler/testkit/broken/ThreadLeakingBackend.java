package org.ecsched.scheduler.testkit.broken;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: starts a helper thread (a "statistics sampler") that {@link #close()} signals but never joins.
 * The sampler notices within 50 ms, then spends 400 ms on a last flush, so it outlives {@code close()} by about
 * 450 ms: long enough to still be running when the caller goes on, short enough that a check with a grace period
 * would miss it. Caught by rule 5.01 (and 6.06, which checks the same after a throwing listener).
 * {@link #stopAll()} interrupts any sampler still running after the test.
 */
final class ThreadLeakingBackend extends DecoratedBackend {

    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    ThreadLeakingBackend(SchedulerConfig config) {
        super(config);
        Thread sampler = new Thread(() -> {
            try {
                while (!closed) {
                    Thread.sleep(50);
                    delegate.stats();
                }
                Thread.sleep(400); // the last flush, after close() has returned
            } catch (InterruptedException e) {
                // stopAll: end now
            }
        }, "leaky-stats-sampler");
        sampler.setDaemon(true);
        sampler.start();
        STARTED.add(sampler);
    }

    @Override
    public void close() {
        closed = true; // the defect: the sampler is told to stop, and close() returns without joining it
        delegate.close();
    }

    /** Interrupts every sampler still running (for cleaning up after the test). */
    static void stopAll() {
        for (Thread t : STARTED) {
            t.interrupt();
        }
        STARTED.clear();
    }
}
