package org.ecsched.scheduler.testkit.broken;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: starts a helper thread (a "statistics sampler") that {@link #close()} forgets to stop.
 * Caught by rule 5.01. {@link #stopAll()} ends the leaked threads after the test.
 */
final class ThreadLeakingBackend extends DecoratedBackend {

    private static final List<Thread> LEAKED = new CopyOnWriteArrayList<>();

    ThreadLeakingBackend(SchedulerConfig config) {
        super(config);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                delegate.stats();
            }
        }, "leaky-stats-sampler");
        sampler.setDaemon(true);
        sampler.start();
        LEAKED.add(sampler);
    }

    /** Stops every sampler ever started (for cleaning up after the test). */
    static void stopAll() {
        for (Thread t : LEAKED) {
            t.interrupt();
        }
        LEAKED.clear();
    }
}
