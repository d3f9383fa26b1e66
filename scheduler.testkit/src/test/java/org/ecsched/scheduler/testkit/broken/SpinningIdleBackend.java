package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: a correct backend plus a helper thread (a "statistics watcher") that waits for its next job
 * by polling with {@link Thread#yield()}, for ever, so the backend burns a core while it is idle. Everything else
 * is right: phases are correct and {@code close()} stops and joins the watcher. Caught by rule 5.10 (right after
 * creation already), and by nothing else.
 */
final class SpinningIdleBackend extends DecoratedBackend {

    private final Thread watcher;
    private volatile boolean closed;

    SpinningIdleBackend(SchedulerConfig config) {
        super(config);
        watcher = new Thread(() -> {
            while (!closed) {
                Thread.yield(); // the defect: polls instead of parking until there is something to watch
            }
        }, "spinning-stats-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void close() {
        delegate.close(); // first: from inside a system it throws, and the watcher is left alone
        closed = true;
        boolean interrupted = false;
        while (watcher.isAlive()) {
            try {
                watcher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
