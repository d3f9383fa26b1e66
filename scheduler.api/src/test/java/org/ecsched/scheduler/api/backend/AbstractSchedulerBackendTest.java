package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/** What every backend built on {@link AbstractSchedulerBackend} gets without writing it. */
class AbstractSchedulerBackendTest {

    /** Runs every ready system on the caller; optionally fails its own loop once, after the phase drained. */
    static final class Inline extends AbstractSchedulerBackend<Inline.Ready> {
        Error loopFault;

        Inline(SchedulerConfig config) {
            super("inline", config, 1);
        }

        @Override
        protected Ready newPlanState(PhaseRun<?> run) {
            return new Ready();
        }

        @Override
        protected Throwable drive(PhaseRun<?> run, Ready ready) {
            while (!ready.systems.isEmpty()) {
                run.runTask(0, ready.systems.remove(0), 0, 0, ready);
            }
            return loopFault;
        }

        static final class Ready implements ReadyHandler {
            final List<Integer> systems = new ArrayList<>();

            @Override
            public void ready(int worker, int system) {
                systems.add(system);
            }

            @Override
            public void phaseFinished(int worker) {
            }
        }
    }

    static Plan<String> plan() {
        return Phase.<String>named("p").add(SystemSpec.<String>named("a").runs(ctx -> ctx.add("a")))
                .add(SystemSpec.<String>named("b").runsAfter("a").runs(ctx -> ctx.add("b"))).compile();
    }

    /** Phase events are sent for every phase, numbered, and through a guard: a throwing listener loses events only. */
    @Test
    void phaseEventsAreSentThroughAGuard() {
        List<String> events = new ArrayList<>();
        SchedulerListener throwing = new SchedulerListener() {
            @Override
            public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
                events.add("started " + phaseNumber);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
                events.add("finished " + phaseNumber + " " + result.commands());
                throw new IllegalStateException("listener bug");
            }
        };
        try (Inline backend = new Inline(SchedulerConfig.builder().listener(throwing).build())) {
            Plan<String> plan = plan();
            assertThat(backend.execute(plan).commands()).containsExactly("a", "b");
            assertThat(backend.execute(plan).commands()).containsExactly("a", "b");
            assertThat(events).containsExactly("started 1", "finished 1 [a, b]", "started 2", "finished 2 [a, b]");
            assertThat(backend.stats().phases()).isEqualTo(2);
        }
    }

    /** A fault of the backend's own loop reaches the caller after the phase finished and the listener heard so. */
    @Test
    void aDriveFaultIsThrownAfterPhaseFinished() {
        List<String> events = new ArrayList<>();
        SchedulerListener recording = new SchedulerListener() {
            @Override
            public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
                events.add("finished " + result.succeeded());
            }
        };
        try (Inline backend = new Inline(SchedulerConfig.builder().listener(recording).build())) {
            backend.loopFault = new OutOfMemoryError("drive loop");
            Plan<String> plan = plan();
            assertThatThrownBy(() -> backend.execute(plan, FailurePolicy.FAIL_FAST))
                    .isSameAs(backend.loopFault);
            assertThat(events).containsExactly("finished true");
            backend.loopFault = null;
            assertThat(backend.execute(plan).commands()).as("the guard was released").containsExactly("a", "b");
        }
    }

    /** Misuse fails before anything runs: null arguments, and executing after close. */
    @Test
    void misuseIsRefused() {
        Inline backend = new Inline(SchedulerConfig.builder().build());
        assertThatThrownBy(() -> backend.execute(null, FailurePolicy.FAIL_FAST))
                .isInstanceOf(NullPointerException.class);
        backend.close();
        assertThatThrownBy(() -> backend.execute(plan())).isInstanceOf(IllegalStateException.class)
                .hasMessage("backend 'inline' is closed");
        backend.close(); // idempotent
    }

    /**
     * Before-each-run hooks run first, on the caller, before the phase is counted or any body runs; a hook that
     * throws makes execute throw it, and the backend goes on.
     */
    @Test
    void hooksRunBeforeThePhaseAndAThrowRunsNoPhase() {
        List<String> log = new ArrayList<>();
        boolean[] fail = {false};
        Plan<String> plan = Phase.<String>named("p")
                .beforeEachRun(() -> log.add("hook1"))
                .beforeEachRun(() -> {
                    log.add("hook2");
                    if (fail[0]) {
                        throw new IllegalStateException("hook");
                    }
                })
                .add(SystemSpec.<String>named("a").runs(ctx -> log.add("a"))).compile();
        try (Inline backend = new Inline(SchedulerConfig.builder().build())) {
            assertThat(backend.execute(plan).commands()).isEmpty();
            assertThat(log).containsExactly("hook1", "hook2", "a");
            fail[0] = true;
            assertThatThrownBy(() -> backend.execute(plan)).hasMessage("hook");
            assertThat(log).containsExactly("hook1", "hook2", "a", "hook1", "hook2");
            assertThat(backend.stats().phases()).isEqualTo(1);
            fail[0] = false;
            assertThat(backend.execute(plan).succeeded()).isTrue();
        }
    }
}
