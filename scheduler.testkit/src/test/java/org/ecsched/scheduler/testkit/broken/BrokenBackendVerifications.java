package org.ecsched.scheduler.testkit.broken;

import java.time.Duration;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.SchedulerBackendVerification;
import org.ecsched.scheduler.testkit.rules.TestkitSettings;

/**
 * The suite subclassed for each broken backend. These classes must fail, so Surefire never runs them (nested
 * classes of a class whose name matches no test pattern); {@code BrokenBackendsTest} runs chosen rules of them
 * through the JUnit Platform Launcher and requires the failures.
 */
final class BrokenBackendVerifications {

    private BrokenBackendVerifications() {
    }

    /** The suite with short waits: these backends are fast, and several rules fail by waiting out a latch. */
    abstract static class Broken extends SchedulerBackendVerification {
        @Override
        protected Duration awaitTimeout() {
            return TestkitSettings.scaled(Duration.ofSeconds(2));
        }
    }

    /** Loses the task of the first system that runs once. */
    static class Dropping extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new DroppingBackend(config);
        }
    }

    /** Runs every system at once, ignoring the DAG. */
    static class ConflictIgnoring extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new ConflictIgnoringBackend(config);
        }
    }

    /** Delivers commands in completion order. */
    static class CompletionOrder extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new CompletionOrderBackend(config);
        }
    }

    /** Never returns from a phase in which a system threw; rules time out after 3 s. */
    static class HangingOnFailure extends Broken {
        /** The deadline of a rule here. */
        static final Duration DEADLINE = TestkitSettings.scaled(Duration.ofSeconds(3));

        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new HangingOnFailureBackend(config);
        }

        @Override
        protected Duration ruleTimeout() {
            return DEADLINE;
        }
    }

    /** Leaves a thread running after close(). */
    static class ThreadLeaking extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new ThreadLeakingBackend(config);
        }
    }

    /** Returns from close() at once, closing in the background. */
    static class EarlyClosing extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new EarlyClosingBackend(config);
        }
    }

    /** Closes under a monitor, waiting for the phase inside it. */
    static class SynchronizedClose extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new SynchronizedCloseBackend(config);
        }
    }

    /** Leaves a body's interrupt flag on its pool thread. */
    static class InterruptLeaking extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new InterruptLeakingBackend(config);
        }
    }

    /** Burns a core while idle. */
    static class SpinningIdle extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new SpinningIdleBackend(config);
        }
    }

    /** Never counts the commands its bodies record. */
    static class CommandUncounting extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new CommandUncountingBackend(config);
        }
    }

    /** Reports phase events to the listener without a guard. */
    static class UnguardedListener extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new UnguardedListenerBackend(config);
        }
    }

    /** Runs the bodies of the systems nothing waits for after execute returned. */
    static class EarlyReturning extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new EarlyReturningBackend(config);
        }
    }

    /** Reads every supplied entity count at the start of the phase. */
    static class CountAtStart extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new CountAtStartBackend(config);
        }
    }

    /** Runs systems over sparse sets through their dense view. */
    static class SparseAsDense extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new SparseAsDenseBackend(config);
        }
    }

    /** Runs a system's end body with its begin body, before the ranges. */
    static class BracketsTogether extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new BracketsTogetherBackend(config);
        }
    }

    /** Asks run conditions at the start of the phase. */
    static class ConditionAtStart extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new ConditionAtStartBackend(config);
        }
    }

    /** Runs exclusive systems on a pool thread. */
    static class ExclusiveOnPool extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new ExclusiveOnPoolBackend(config);
        }
    }

    /** Runs before-each-run hooks inside the first system's body. */
    static class HookInBody extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new HookInBodyBackend(config);
        }
    }

    /** Hands exclusive systems a context whose drain hands over nothing. */
    static class LateDrain extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new LateDrainBackend(config);
        }
    }

    /** Returns results that forward to their plan's latest phase. */
    static class LatestResult extends Broken {
        @Override
        protected SchedulerBackend createBackend(SchedulerConfig config) {
            return new LatestResultBackend(config);
        }
    }
}
