package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.junit.jupiter.api.Test;

/** A guarded listener forwards every event and swallows, counts and logs what a callback throws. */
class GuardedListenerTest {

    @Test
    void noListenerStaysNull() {
        assertThat(GuardedListener.of(SchedulerConfig.defaults())).isNull();
    }

    @Test
    void forwardsEveryCallback() {
        List<String> seen = new ArrayList<>();
        SchedulerListener recording = new SchedulerListener() {
            @Override
            public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
                seen.add("phaseStarted " + phaseNumber);
            }

            @Override
            public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
                seen.add("phaseFinished " + phaseNumber);
            }

            @Override
            public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                seen.add("taskStarted " + worker + " " + system + " " + start + " " + end);
            }

            @Override
            public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                seen.add("taskFinished " + worker + " " + system + " " + failed);
            }

            @Override
            public void stolen(int thief, int victim, int count, long nanoTime) {
                seen.add("stolen " + thief + " " + victim + " " + count);
            }

            @Override
            public void parked(int worker, long nanoTime) {
                seen.add("parked " + worker);
            }

            @Override
            public void unparked(int worker, long nanoTime) {
                seen.add("unparked " + worker);
            }
        };
        SchedulerListener g = GuardedListener.of(SchedulerConfig.builder().listener(recording).build());
        g.phaseStarted(null, 1, 0);
        g.taskStarted(1, null, 2, 3, 4, 0);
        g.taskFinished(1, null, 2, 3, 4, true, 0);
        g.stolen(0, 1, 5, 0);
        g.parked(1, 0);
        g.unparked(1, 0);
        g.phaseFinished(null, 1, null, 0);
        assertThat(seen).containsExactly("phaseStarted 1", "taskStarted 1 2 3 4", "taskFinished 1 2 true",
                "stolen 0 1 5", "parked 1", "unparked 1", "phaseFinished 1");
    }

    @Test
    void aThrowingCallbackIsSwallowedAndCounted() {
        SchedulerListener throwing = new SchedulerListener() {
            @Override
            public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void parked(int worker, long nanoTime) {
                throw new AssertionError("listener assertion");
            }
        };
        GuardedListener g = (GuardedListener) GuardedListener.of(SchedulerConfig.builder().listener(throwing).build());
        assertThatCode(() -> {
            g.taskStarted(0, null, 0, 0, 0, 0);
            g.taskStarted(0, null, 0, 0, 0, 0);
            g.parked(1, 0);
            g.unparked(1, 0); // the default: no failure
        }).doesNotThrowAnyException();
        assertThat(g.failures()).isEqualTo(3);
        assertThat(GuardedListener.of(SchedulerConfig.builder().listener(g).build())).isSameAs(g);
    }

    /** Counts the warnings the guards write (the site is visited exactly when one is about to be logged). */
    private static final class WarningCounter implements InternalFaults.Injector {
        final java.util.concurrent.atomic.AtomicInteger warnings = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean failNext;

        @Override
        public void at(InternalFaults.Site site) {
            if (site == InternalFaults.Site.LISTENER_LOG) {
                warnings.incrementAndGet();
                if (failNext) {
                    failNext = false;
                    throw new OutOfMemoryError("injected: the warning cannot be built");
                }
            }
        }
    }

    private static SchedulerListener throwingEverywhere() {
        return new SchedulerListener() {
            @Override
            public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                throw new IllegalStateException("taskStarted bug");
            }

            @Override
            public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                throw new IllegalStateException("taskFinished bug");
            }

            @Override
            public void parked(int worker, long nanoTime) {
                throw new IllegalStateException("parked bug");
            }
        };
    }

    /**
     * A throwing listener is warned about once, with its stack trace, however many guards wrap it (backends make
     * one per worker and per plan run) and whichever callbacks throw; every failure is still counted per guard.
     * Another listener instance gets its own warning.
     */
    @Test
    void oneWarningPerListenerInstanceAcrossGuards() {
        WarningCounter counter = new WarningCounter();
        InternalFaults.arm(counter);
        try {
            SchedulerListener delegate = throwingEverywhere();
            SchedulerConfig config = SchedulerConfig.builder().listener(delegate).build();
            GuardedListener perWorker0 = (GuardedListener) GuardedListener.of(config);
            GuardedListener perWorker1 = (GuardedListener) GuardedListener.of(config);
            GuardedListener otherRun = (GuardedListener) GuardedListener.of(config.toBuilder().workers(3).build());
            assertThat(perWorker0).isNotSameAs(perWorker1);

            perWorker0.taskStarted(0, null, 0, 0, 0, 0);
            perWorker1.taskFinished(1, null, 0, 0, 0, false, 0);
            otherRun.parked(2, 0);
            perWorker0.taskFinished(0, null, 0, 0, 0, false, 0);
            perWorker1.parked(1, 0);

            assertThat(counter.warnings).as("warnings for one listener").hasValue(1);
            assertThat(perWorker0.failures()).isEqualTo(2);
            assertThat(perWorker1.failures()).isEqualTo(2);
            assertThat(otherRun.failures()).isEqualTo(1);

            GuardedListener another = (GuardedListener) GuardedListener.of(
                    SchedulerConfig.builder().listener(throwingEverywhere()).build());
            another.parked(0, 0);
            assertThat(counter.warnings).as("another listener instance is warned about too").hasValue(2);
        } finally {
            InternalFaults.disarm();
        }
    }

    /** A warning that cannot be written is dropped without throwing; the next failure writes it. */
    @Test
    void aWarningThatCannotBeWrittenIsTriedAgain() {
        WarningCounter counter = new WarningCounter();
        counter.failNext = true;
        InternalFaults.arm(counter);
        try {
            GuardedListener g = (GuardedListener) GuardedListener.of(
                    SchedulerConfig.builder().listener(throwingEverywhere()).build());
            assertThatCode(() -> g.parked(0, 0)).doesNotThrowAnyException();
            g.parked(0, 0);
            g.parked(0, 0);

            assertThat(counter.warnings).as("the failed warning, then the written one").hasValue(2);
            assertThat(g.failures()).isEqualTo(3);
        } finally {
            InternalFaults.disarm();
        }
    }
}
