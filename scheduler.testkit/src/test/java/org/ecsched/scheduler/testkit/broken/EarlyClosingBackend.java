package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: {@code close()} hands the real close to a helper thread and returns at once, without waiting
 * for the phase another thread is running, or for anything. Caught by rule 5.07, whose closer is seen to return
 * while the phase is still held; also by the rules that expect {@code close()} to have stopped the threads or to
 * throw from inside a phase.
 */
final class EarlyClosingBackend extends DecoratedBackend {

    EarlyClosingBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public void close() {
        Thread closer = new Thread(delegate::close, "early-closing-backend-closer");
        closer.setDaemon(true);
        closer.start();
    }
}
