package org.ecsched.scheduler.testkit.broken;

import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: a pool thread never clears its interrupt flag between tasks. A body that sets its own flag
 * and returns (the "restore the flag" idiom) leaves it to every later body on that thread, which then starts
 * interrupted (an {@code Object.wait} or {@code sleep} in it throws at once): caught by rule 5.09. And the thread's
 * idle {@code LockSupport.park} returns at once for ever after, so it spins at full speed between phases: caught by
 * rule 5.10, whose burst of phases has bodies that interrupt themselves.
 */
final class InterruptLeakingBackend extends ParkingPoolBackend {

    InterruptLeakingBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    void afterTask() {
        // the defect: the flag a body set is left on the pool thread
    }
}
