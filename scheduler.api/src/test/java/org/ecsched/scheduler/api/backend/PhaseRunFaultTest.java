package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.CONFIG;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.onceCommands;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.perEntity;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.perEntityCommands;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.records;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.InternalFaults.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler's own code never throws out of a task: an {@link OutOfMemoryError} injected
 * ({@link InternalFaults}) where the bookkeeping around a body allocates becomes a recorded failure of that system,
 * the task still counts down, the phase completes, other systems keep their commands, and the next phase of the
 * same run is correct. Driven on one thread by {@link ManualDriver}, so the test chooses which task meets the fault
 * and on which worker index.
 */
class PhaseRunFaultTest {

    /** Fillers that give one worker's log exactly its initial segment capacity, so its next task grows it. */
    private static final int FILLERS = CommandLog.INITIAL_SEGMENTS;

    @AfterEach
    void disarm() {
        InternalFaults.disarm();
    }

    /** Every policy on worker 0 and on another worker index. */
    static Stream<Arguments> policiesAndWorkers() {
        return Stream.of(FailurePolicy.values())
                .flatMap(p -> Stream.of(Arguments.of(p, 0), Arguments.of(p, 2)));
    }

    /** Throws its error at the first {@code count} checks of its site, then lets every check pass. */
    static final class Injected implements InternalFaults.Injector {
        final Site site;
        final OutOfMemoryError error;
        final AtomicInteger left;
        final AtomicInteger hits = new AtomicInteger();

        Injected(Site site, int count) {
            this.site = site;
            this.error = new OutOfMemoryError("injected at " + site);
            this.left = new AtomicInteger(count);
        }

        @Override
        public void at(Site s) {
            if (s == site && left.getAndDecrement() > 0) {
                hits.incrementAndGet();
                throw error;
            }
        }
    }

    private static Injected arm(Site site) {
        Injected i = new Injected(site, 1);
        InternalFaults.arm(i);
        return i;
    }

    /**
     * {@link #FILLERS} fillers {@code f0..}, then {@code victim} (whose body is given), {@code after} (ordered after
     * the victim) and {@code free} (independent), each recording one command except as given.
     */
    private static Plan<String> fillersVictimAfterFree(SystemSpec<String> victim) {
        Phase.Builder<String> b = Phase.named("p");
        for (int i = 0; i < FILLERS; i++) {
            b.add(sys("f" + i).runs(records("f" + i, 1)));
        }
        return b.add(victim)
                .add(sys("after").runsAfter("victim").runs(records("after", 1)))
                .add(sys("free").runs(records("free", 1)))
                .compile();
    }

    private static int victimIndex() {
        return FILLERS;
    }

    private static List<String> fillerCommands() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FILLERS; i++) {
            out.add("f" + i + "#0");
        }
        return out;
    }

    /** Runs the fillers on {@code worker}, one task each, so that its log is full. */
    private static void runFillers(ManualDriver<String> d, int worker) {
        for (int i = 0; i < FILLERS; i++) {
            int s = i;
            d.runOne(t -> t.system() == s, worker);
        }
    }

    /** Runs every pending task on {@code worker}, in the order they became ready. */
    private static void drainOn(ManualDriver<String> d, int worker) {
        while (!d.pending.isEmpty()) {
            d.runOne(t -> true, worker);
        }
    }

    /** The phase ended once, with every task counted; returns the result. */
    private static PhaseResult<String> finished(ManualDriver<String> d) {
        assertThat(d.pending).as("tasks left").isEmpty();
        assertThat(d.phaseFinishedCalls).as("phaseFinished calls").isEqualTo(1);
        return d.run.finish();
    }

    /**
     * The next phase of the same run, every task on {@code worker} in ready order (so its log grows at the
     * victim again, this time without a fault), is complete and correct.
     */
    private static void nextPhaseIsCorrect(ManualDriver<String> d, FailurePolicy policy, int worker,
                                           List<String> expected) {
        d.start(policy);
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);
        assertThat(r.failures()).as("failures of the next phase").isEmpty();
        for (int s = 0; s < r.plan().systemCount(); s++) {
            assertThat(r.outcome(s)).as("outcome of %s in the next phase", r.plan().system(s).name())
                    .isEqualTo(SystemOutcome.COMPLETED);
        }
        assertThat(r.commands()).as("commands of the next phase").containsExactlyElementsOf(expected);
    }

    private static List<String> allCommands() {
        List<String> all = fillerCommands();
        all.addAll(onceCommands("victim", 2));
        all.add("after#0");
        all.add("free#0");
        return all;
    }

    /**
     * The command log must grow at the victim's task begin and cannot: the victim fails with that error (not
     * thrown out of runTask), the task still counts, the phase completes, and the next phase is correct.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void logGrowthFailureAtTaskBeginFailsOnlyThatSystem(FailurePolicy policy, int worker) {
        Plan<String> plan = fillersVictimAfterFree(sys("victim").runs(records("victim", 2)));
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        runFillers(d, worker);

        Injected fault = arm(Site.LOG_GROWTH);
        assertThatCode(() -> d.runOne(t -> t.system() == victimIndex(), worker)).doesNotThrowAnyException();
        InternalFaults.disarm();
        assertThat(fault.hits).as("the fault was met").hasValue(1);
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertVictimFailedWith(r, policy, worker, fault.error);
        nextPhaseIsCorrect(d, policy, worker, allCommands());
    }

    /**
     * The victim's body throws and the failure cannot be recorded (allocating its {@code SystemFailure} fails):
     * the victim is still FAILED with the body's throwable, which the result still lists.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void failureThatCannotBeAllocatedIsStillReported(FailurePolicy policy, int worker) {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger frame = new AtomicInteger();
        Plan<String> plan = fillersVictimAfterFree(sys("victim").runs(ctx -> {
            records("victim", 2).run(ctx);
            if (frame.get() == 0) {
                throw boom;
            }
        }));
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        runFillers(d, worker);

        Injected fault = arm(Site.FAILURE_RECORD);
        assertThatCode(() -> d.runOne(t -> t.system() == victimIndex(), worker)).doesNotThrowAnyException();
        InternalFaults.disarm();
        assertThat(fault.hits).as("the fault was met").hasValue(1);
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertVictimFailedWith(r, policy, worker, boom);
        frame.set(1);
        nextPhaseIsCorrect(d, policy, worker, allCommands());
    }

    /** Both at once: the log cannot grow, and the resulting failure cannot be recorded either. */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void growthFailureWhoseRecordAlsoFailsIsStillReported(FailurePolicy policy, int worker) {
        Plan<String> plan = fillersVictimAfterFree(sys("victim").runs(records("victim", 2)));
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        runFillers(d, worker);

        Injected growth = new Injected(Site.LOG_GROWTH, 1);
        Injected record = new Injected(Site.FAILURE_RECORD, 1);
        InternalFaults.arm(site -> {
            growth.at(site);
            record.at(site);
        });
        assertThatCode(() -> d.runOne(t -> t.system() == victimIndex(), worker)).doesNotThrowAnyException();
        InternalFaults.disarm();
        assertThat(growth.hits).hasValue(1);
        assertThat(record.hits).hasValue(1);
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertVictimFailedWith(r, policy, worker, growth.error);
        nextPhaseIsCorrect(d, policy, worker, allCommands());
    }

    private static void assertVictimFailedWith(PhaseResult<String> r, FailurePolicy policy, int worker,
                                               Throwable expected) {
        int victim = victimIndex();
        assertThat(r.outcome(victim)).as("victim").isEqualTo(SystemOutcome.FAILED);
        assertThat(r.failure(victim)).as("victim's failure").isSameAs(expected);
        assertThat(r.failures()).as("listed failures")
                .containsExactly(new SystemFailure("victim", victim, 0, 0, worker, expected));
        assertThat(r.outcome("after")).as("after the victim").isEqualTo(SystemOutcome.SKIPPED);
        for (int i = 0; i < FILLERS; i++) {
            assertThat(r.outcome(i)).as("filler %d", i).isEqualTo(SystemOutcome.COMPLETED);
        }
        List<String> expectedCommands = fillerCommands();
        if (policy == FailurePolicy.CONTINUE) {
            expectedCommands.add("free#0");
            assertThat(r.outcome("free")).isEqualTo(SystemOutcome.COMPLETED);
        } else {
            assertThat(r.outcome("free")).as("free, not started before the failure").isEqualTo(SystemOutcome.SKIPPED);
        }
        assertThat(r.commands()).as("commands of the systems that completed")
                .containsExactlyElementsOf(expectedCommands);
        assertThat(r.succeeded()).isFalse();
    }

    /**
     * A listener throws, and logging that cannot be done (the guarded listener's message allocation fails): the
     * listener loses its event, nothing else; every system completes with its commands, on any worker.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void listenerWarningThatCannotBeAllocatedLosesOnlyTheEvent(FailurePolicy policy, int worker) {
        SchedulerListener throwing = new SchedulerListener() {
            @Override
            public void taskStarted(int w, Plan<?> plan, int system, int start, int end, long nanoTime) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void taskFinished(int w, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                throw new IllegalStateException("listener bug");
            }
        };
        GuardedListener guarded = (GuardedListener) GuardedListener.of(
                SchedulerConfig.builder().listener(throwing).build());
        SchedulerConfig config = CONFIG.toBuilder().listener(guarded).build();
        Plan<String> plan = fillersVictimAfterFree(sys("victim").runs(records("victim", 2)));
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, config), 1);
        d.start(policy);

        Injected fault = arm(Site.LISTENER_LOG);
        assertThatCode(() -> drainOn(d, worker)).doesNotThrowAnyException();
        InternalFaults.disarm();
        assertThat(fault.hits).as("the fault was met").hasValue(1);
        PhaseResult<String> r = finished(d);

        assertThat(r.failures()).isEmpty();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.commands()).containsExactlyElementsOf(allCommands());
        int tasks = plan.systemCount();
        assertThat(guarded.failures()).as("every callback threw and was counted").isEqualTo(2L * tasks);
        nextPhaseIsCorrect(d, policy, worker, allCommands());
    }

    /**
     * A backend reports a fault of its own code with recordTaskFailure while the failure record cannot be
     * allocated: the call does not throw, the range system is FAILED with that throwable, and it is listed.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void recordTaskFailureNeverThrows(FailurePolicy policy, int worker) {
        Plan<String> plan = Phase.<String>named("p")
                .add(sys("r").minBatchSize(1).forEachEntity(8, perEntity("r")))
                .add(sys("after").runsAfter("r").runs(records("after", 1)))
                .add(sys("free").runs(records("free", 1)))
                .compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        d.runOne(t -> t.system() == 2, worker);
        d.pending.removeIf(t -> t.system() == 0); // the backend could not make r's tasks
        OutOfMemoryError backendFault = new OutOfMemoryError("backend could not allocate r's range tasks");

        arm(Site.FAILURE_RECORD);
        assertThatCode(() -> d.run.recordTaskFailure(worker, 0, 0, 8, backendFault)).doesNotThrowAnyException();
        InternalFaults.disarm();
        d.run.completeRange(worker, 0, 8, d);
        PhaseResult<String> r = finished(d);

        assertThat(r.outcome("r")).isEqualTo(SystemOutcome.FAILED);
        assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
        assertThat(r.outcome("free")).isEqualTo(SystemOutcome.COMPLETED);
        assertThat(r.failure(0)).isSameAs(backendFault);
        assertThat(r.failures()).containsExactly(new SystemFailure("r", 0, 0, 8, worker, backendFault));
        assertThat(r.commands()).containsExactly("free#0");

        List<String> all = perEntityCommands("r", 8);
        all.add("after#0");
        all.add("free#0");
        nextPhaseIsCorrect(d, policy, worker, all);
    }

    /**
     * A range piece meets the growth fault ({@code runPiece}, then {@code completeRange}, as a backend that cuts
     * tasks into pieces does): neither call throws, and the range system is FAILED with the error.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void pieceThatMeetsAFaultFailsItsSystem(FailurePolicy policy, int worker) {
        Phase.Builder<String> b = Phase.named("p");
        for (int i = 0; i < FILLERS; i++) {
            b.add(sys("f" + i).runs(records("f" + i, 1)));
        }
        Plan<String> plan = b.add(sys("victim").minBatchSize(1).forEachEntity(8, perEntity("victim")))
                .add(sys("after").runsAfter("victim").runs(records("after", 1)))
                .compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        runFillers(d, worker);
        d.pending.removeIf(t -> t.system() == victimIndex()); // this test cuts the range itself

        Injected fault = arm(Site.LOG_GROWTH);
        assertThatCode(() -> {
            d.run.runPiece(worker, victimIndex(), 0, 4);
            d.run.runPiece(worker, victimIndex(), 4, 8);
            d.run.completeRange(worker, victimIndex(), 8, d);
        }).doesNotThrowAnyException();
        InternalFaults.disarm();
        assertThat(fault.hits).hasValue(1);
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertThat(r.outcome(victimIndex())).isEqualTo(SystemOutcome.FAILED);
        assertThat(r.failure(victimIndex())).isSameAs(fault.error);
        assertThat(r.failures()).containsExactly(new SystemFailure("victim", victimIndex(), 0, 4, worker,
                fault.error));
        assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
        assertThat(r.commands()).containsExactlyElementsOf(fillerCommands());

        List<String> all = fillerCommands();
        all.addAll(perEntityCommands("victim", 8));
        all.add("after#0");
        nextPhaseIsCorrect(d, policy, worker, all);
    }

    /**
     * An entity-count supplier throws while start reads it, and recording that failure fails too: start does not
     * throw, the system is FAILED with the supplier's throwable, listed, and the rest of the phase runs.
     */
    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void entityCountFailureThatCannotBeRecordedIsStillReported(FailurePolicy policy) {
        RuntimeException broken = new UnsupportedOperationException("world not loaded");
        AtomicInteger frame = new AtomicInteger();
        Plan<String> plan = Phase.<String>named("p")
                .add(sys("grow").minBatchSize(1).forEachEntity(() -> {
                    if (frame.get() == 0) {
                        throw broken;
                    }
                    return 3;
                }, perEntity("grow")))
                .add(sys("after").runsAfter("grow").runs(records("after", 1)))
                .compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 2, CONFIG), 1);

        arm(Site.FAILURE_RECORD);
        assertThatCode(() -> d.start(policy)).doesNotThrowAnyException();
        InternalFaults.disarm();
        drainOn(d, 1);
        PhaseResult<String> r = finished(d);

        assertThat(r.outcome("grow")).isEqualTo(SystemOutcome.FAILED);
        assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
        assertThat(r.failure(0)).isSameAs(broken);
        assertThat(r.failures()).containsExactly(new SystemFailure("grow", 0, 0, 0, 0, broken));

        frame.set(1);
        List<String> all = perEntityCommands("grow", 3);
        all.add("after#0");
        nextPhaseIsCorrect(d, policy, 1, all);
    }

    /**
     * Every failure record of a phase fails to allocate (a persistent fault), with two systems failing under
     * CONTINUE: both are FAILED and listed once the phase finishes.
     */
    @Test
    void everyRecordFailingStillListsEveryFailedSystem() {
        RuntimeException x = new IllegalStateException("x");
        RuntimeException y = new IllegalStateException("y");
        Plan<String> plan = Phase.<String>named("p")
                .add(sys("x").runs(ctx -> {
                    throw x;
                }))
                .add(sys("y").runs(ctx -> {
                    throw y;
                }))
                .compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 2, CONFIG), 1);
        d.start(FailurePolicy.CONTINUE);
        Injected fault = new Injected(Site.FAILURE_RECORD, Integer.MAX_VALUE);
        InternalFaults.arm(fault);
        assertThatCode(() -> {
            d.runOne(t -> t.system() == 0, 1);
            d.runOne(t -> t.system() == 1, 0);
        }).doesNotThrowAnyException();
        InternalFaults.disarm();
        PhaseResult<String> r = finished(d);

        assertThat(fault.hits).hasValue(2);
        assertThat(r.failure(0)).isSameAs(x);
        assertThat(r.failure(1)).isSameAs(y);
        assertThat(r.failures()).containsExactlyInAnyOrder(new SystemFailure("x", 0, 0, 0, 1, x),
                new SystemFailure("y", 1, 0, 0, 0, y));
    }

    /**
     * A backend cannot make the task of a system that runs once and ends it with failTask: the system is FAILED
     * with that error, listed with no range, its successor is skipped, the phase completes, and the next phase is
     * correct.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void failTaskEndsARunOnceSystemThatCouldNotRun(FailurePolicy policy, int worker) {
        Plan<String> plan = fillersVictimAfterFree(sys("victim").runs(records("victim", 2)));
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        runFillers(d, worker);
        d.pending.removeIf(t -> t.system() == victimIndex()); // the backend could not queue it
        OutOfMemoryError backendFault = new OutOfMemoryError("backend could not allocate the victim's task");

        arm(Site.FAILURE_RECORD); // and the failure cannot be recorded at once either
        assertThatCode(() -> d.run.failTask(worker, victimIndex(), 0, 0, backendFault, d))
                .doesNotThrowAnyException();
        InternalFaults.disarm();
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertVictimFailedWith(r, policy, worker, backendFault);
        nextPhaseIsCorrect(d, policy, worker, allCommands());
    }

    /**
     * A backend queued the first ranges of a system and could not make the rest: failTask counts the rest done,
     * the ranges that were queued still run (or are skipped under FAIL_FAST), the system is FAILED with the
     * error, listed with the range that never ran.
     */
    @ParameterizedTest(name = "{0} on worker {1}")
    @MethodSource("policiesAndWorkers")
    void failTaskEndsTheRangesThatCouldNotBeMade(FailurePolicy policy, int worker) {
        Plan<String> plan = Phase.<String>named("p")
                .add(sys("r").minBatchSize(1).forEachEntity(12, perEntity("r")))
                .add(sys("after").runsAfter("r").runs(records("after", 1)))
                .compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 4, CONFIG), 1);
        d.start(policy);
        d.pending.clear(); // this test cuts the ranges: [0, 4) and [4, 8) were queued, [8, 12) could not be
        d.pending.add(new ManualDriver.Task(0, 0, 4));
        d.pending.add(new ManualDriver.Task(0, 4, 8));
        OutOfMemoryError backendFault = new OutOfMemoryError("backend could not allocate [8, 12)");

        assertThatCode(() -> d.run.failTask(worker, 0, 8, 12, backendFault, d)).doesNotThrowAnyException();
        assertThat(d.phaseFinishedCalls).as("the queued ranges are still outstanding").isZero();
        drainOn(d, worker);
        PhaseResult<String> r = finished(d);

        assertThat(r.outcome("r")).isEqualTo(SystemOutcome.FAILED);
        assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
        assertThat(r.failure(0)).isSameAs(backendFault);
        assertThat(r.failures()).containsExactly(new SystemFailure("r", 0, 8, 12, worker, backendFault));
        assertThat(r.commands()).isEmpty();
        assertThat(r.tasksExecuted()).as("ranges run").isEqualTo(policy == FailurePolicy.CONTINUE ? 2 : 0);

        List<String> all = perEntityCommands("r", 12);
        all.add("after#0");
        nextPhaseIsCorrect(d, policy, worker, all);
    }

    /**
     * failTask from inside ReadyHandler.ready, on the coordinating thread inside start (where a backend makes the
     * roots' tasks), releases the failed root's successors re-entrantly: start returns normally, the other root
     * runs, and the phase completes once.
     */
    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void failTaskFromReadyInsideStart(FailurePolicy policy) {
        Plan<String> plan = Phase.<String>named("p")
                .add(sys("broken").runs(records("broken", 1)))
                .add(sys("after").runsAfter("broken").runs(records("after", 1)))
                .add(sys("free").runs(records("free", 1)))
                .compile();
        OutOfMemoryError backendFault = new OutOfMemoryError("no task for 'broken'");
        PhaseRun<String> run = new PhaseRun<>(plan, 2, CONFIG);
        ManualDriver<String> d = new ManualDriver<>(run, 1);
        List<Integer> readyCalls = new ArrayList<>();
        ReadyHandler failingFirstRoot = new ReadyHandler() {
            @Override
            public void ready(int worker, int system) {
                readyCalls.add(system);
                if (system == 0) {
                    run.failTask(worker, system, 0, 0, backendFault, this);
                } else {
                    d.ready(worker, system);
                }
            }

            @Override
            public void phaseFinished(int worker) {
                d.phaseFinished(worker);
            }
        };

        assertThatCode(() -> run.start(policy, 0, failingFirstRoot)).doesNotThrowAnyException();
        drainOn(d, 1);
        PhaseResult<String> r = finished(d);

        assertThat(readyCalls).as("roots reported ready (FAIL_FAST stopped before 'free')")
                .isEqualTo(policy == FailurePolicy.CONTINUE ? List.of(0, 2) : List.of(0));
        assertThat(r.outcome("broken")).isEqualTo(SystemOutcome.FAILED);
        assertThat(r.outcome("after")).isEqualTo(SystemOutcome.SKIPPED);
        assertThat(r.outcome("free")).isEqualTo(policy == FailurePolicy.CONTINUE ? SystemOutcome.COMPLETED
                : SystemOutcome.SKIPPED);
        assertThat(r.failures()).containsExactly(new SystemFailure("broken", 0, 0, 0, 0, backendFault));
    }

    /** failTask refuses an empty range of a range system (it could complete the system twice). */
    @Test
    void failTaskRefusesAnEmptyRange() {
        Plan<String> plan = Phase.<String>named("p").add(sys("r").forEachEntity(8, perEntity("r"))).compile();
        ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 1, CONFIG), 1);
        d.start(FailurePolicy.CONTINUE);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> d.run.failTask(0, 0, 4, 4, new OutOfMemoryError(), d))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'r'");
    }
}
