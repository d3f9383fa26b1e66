package org.ecsched.scheduler.blocking;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.testkit.SchedulerBackendVerification;
import org.junit.jupiter.api.Nested;

/**
 * The blocking backend, found through {@link Schedulers}, passes the whole suite with 1, 2, 3, 4, 8 and 16 workers.
 */
class BlockingBackendConformanceTest {

    /** The factory shared by the worker counts. */
    abstract static class Blocking extends SchedulerBackendVerification {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return Schedulers.create("blocking", config);
        }
    }

    @Nested
    class OneWorker extends Blocking {
        @Override
        protected int workers() {
            return 1;
        }
    }

    @Nested
    class TwoWorkers extends Blocking {
        @Override
        protected int workers() {
            return 2;
        }
    }

    @Nested
    class ThreeWorkers extends Blocking {
        @Override
        protected int workers() {
            return 3;
        }
    }

    @Nested
    class FourWorkers extends Blocking {
        @Override
        protected int workers() {
            return 4;
        }
    }

    @Nested
    class EightWorkers extends Blocking {
        @Override
        protected int workers() {
            return 8;
        }
    }

    @Nested
    class SixteenWorkers extends Blocking {
        @Override
        protected int workers() {
            return 16;
        }
    }
}
