package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.WorkerStats;

/**
 * Broken on purpose: runs every phase right and counts tasks and phases, but never counts the commands its
 * bodies record ({@link BackendStats#commandsRecorded()} stays 0). Caught by rule 6.01, and by nothing else.
 */
final class CommandUncountingBackend extends DecoratedBackend {

    CommandUncountingBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    public BackendStats stats() {
        BackendStats counted = delegate.stats();
        return new BackendStats(counted.backend(), counted.phases(), counted.workers().stream()
                .map(w -> new WorkerStats(w.worker(), w.tasksExecuted(), w.tasksStolen(), w.stealAttempts(),
                        w.stealSuccesses(), w.lifoHits(), w.spins(), w.yields(), w.parks(), 0, w.busyNanos()))
                .toList());
    }
}
