package org.ecsched.scheduler.workstealing;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.testkit.SchedulerBackendVerification;
import org.junit.jupiter.api.Nested;

/**
 * The work-stealing backend, found through {@link Schedulers}, against the whole suite with 1, 2, 3, 4, 8 and
 * 16 workers; it declares stealing, so rule 6.05 runs (from two workers on). On a 2-core machine the larger counts
 * oversubscribe the cores, which is the point: preempted workers and thieves are where scheduling bugs hide.
 *
 * <p>With the default configuration a small phase runs inline on the calling thread once its cost is measured
 * (always with one worker), and many of the kit's phases are small; so the suite also runs with
 * {@link SchedulerConfig#inlineSmallPhases()} off at 2 and 4 workers, where every phase is offered to every
 * worker.
 */
class WorkStealingConformanceTest {

    /** The factory and capabilities shared by the worker counts. */
    abstract static class WorkStealing extends SchedulerBackendVerification {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return Schedulers.create("workstealing", config);
        }

        @Override
        protected boolean supportsStealing() {
            return true;
        }
    }

    @Nested
    class OneWorker extends WorkStealing {
        @Override
        protected int workers() {
            return 1;
        }
    }

    @Nested
    class TwoWorkers extends WorkStealing {
        @Override
        protected int workers() {
            return 2;
        }
    }

    @Nested
    class ThreeWorkers extends WorkStealing {
        @Override
        protected int workers() {
            return 3;
        }
    }

    @Nested
    class FourWorkers extends WorkStealing {
        @Override
        protected int workers() {
            return 4;
        }
    }

    @Nested
    class EightWorkers extends WorkStealing {
        @Override
        protected int workers() {
            return 8;
        }
    }

    @Nested
    class SixteenWorkers extends WorkStealing {
        @Override
        protected int workers() {
            return 16;
        }
    }

    /** The suite with every phase offered to every worker (no inline phases). */
    abstract static class NeverInline extends WorkStealing {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return super.createBackend(config.toBuilder().inlineSmallPhases(false).build());
        }
    }

    /** Two workers, every phase offered to both. */
    @Nested
    class TwoWorkersNeverInline extends NeverInline {
        @Override
        protected int workers() {
            return 2;
        }
    }

    /** Four workers, every phase offered to all. */
    @Nested
    class FourWorkersNeverInline extends NeverInline {
        @Override
        protected int workers() {
            return 4;
        }
    }
}
