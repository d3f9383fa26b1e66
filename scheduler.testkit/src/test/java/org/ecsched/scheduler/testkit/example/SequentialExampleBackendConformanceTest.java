package org.ecsched.scheduler.testkit.example;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.SchedulerBackendVerification;

/** The README's example backend passes the whole suite; it runs one task at a time, so rule 6.03 is skipped. */
class SequentialExampleBackendConformanceTest extends SchedulerBackendVerification {

    @Override
    protected SchedulerBackend createBackend(SchedulerConfig config) {
        return new SequentialExampleBackend(config);
    }

    @Override
    protected int workers() {
        return 1;
    }

    @Override
    protected boolean runsSystemsInParallel() {
        return false;
    }
}
