package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ecsched.scheduler.api.EntityIds;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseFailedException;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PhaseRun} driven on one thread by {@link ManualDriver}: the test chooses the order of tasks and the
 * worker index of each, so that policies, outcomes and the command merge are checked without any timing.
 */
class PhaseRunTest {

    static final SchedulerConfig CONFIG = SchedulerConfig.builder().workers(4).minBatchSize(4).build();

    /** A run-once system recording {@code count} commands {@code name#0, name#1, ...}. */
    static SystemSpec.Builder<String> sys(String name) {
        return SystemSpec.named(name);
    }

    static SystemBody<String> records(String name, int count) {
        return ctx -> {
            for (int i = 0; i < count; i++) {
                ctx.add(name + "#" + i);
            }
        };
    }

    /** A range body recording two commands per entity, in ascending entity order. */
    static RangeBody<String> perEntity(String name) {
        return (start, end, ctx) -> {
            for (int e = start; e < end; e++) {
                ctx.add(name + ":" + e + ":a");
                ctx.add(name + ":" + e + ":b");
            }
        };
    }

    static List<String> perEntityCommands(String name, int entities) {
        List<String> out = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            out.add(name + ":" + e + ":a");
            out.add(name + ":" + e + ":b");
        }
        return out;
    }

    static List<String> onceCommands(String name, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(name + "#" + i);
        }
        return out;
    }

    @SafeVarargs
    static Plan<String> plan(SystemSpec<String>... systems) {
        return Phase.of("p", List.of(systems)).compile();
    }

    static ManualDriver<String> driver(Plan<String> plan, int workers, long seed) {
        return new ManualDriver<>(new PhaseRun<>(plan, workers, CONFIG), seed);
    }

    static List<SystemOutcome> outcomes(PhaseResult<?> r) {
        List<SystemOutcome> out = new ArrayList<>();
        for (int s = 0; s < r.plan().systemCount(); s++) {
            out.add(r.outcome(s));
        }
        return out;
    }

    /**
     * A run can be constructed at all.
     *
     * <p><b>BUG (reported to the lead; fails on the code as committed in 3ce386f).</b> {@code PhaseRun}'s field
     * initialiser {@code private final Merge merge = new Merge();} runs before the constructor body assigns
     * {@code workers} and {@code systems}, so {@code Merge.<init>} reads {@code workers.length} on null and throws
     * {@link NullPointerException}: no {@code PhaseRun} can be made, and every backend built on it fails on its
     * first {@code execute}. Fix: assign {@code merge} in the constructor after {@code workers}.
     */
    @Test
    void phaseRunCanBeConstructed() {
        Plan<String> plan = plan(sys("a").runs(records("a", 1)), sys("b").runs(records("b", 1)));
        PhaseRun<String> run = new PhaseRun<>(plan, 3, CONFIG);

        assertThat(run.workerCount()).isEqualTo(3);
        assertThat(new ManualDriver<>(run, 1).runPhase(FailurePolicy.FAIL_FAST).commands())
                .containsExactly("a#0", "b#0");
    }

    @Nested
    class CommandMerge {

        /**
         * Many small ranges on one worker (more segments and commands than the logs' initial capacity) are all
         * kept, in order.
         */
        @Test
        void logsGrowAndNeverDropACommand() {
            Plan<String> plan = plan(sys("many").minBatchSize(1).forEachEntity(3000, perEntity("many")),
                    sys("lots").runs(records("lots", 5000)));
            ManualDriver<String> d = driver(plan, 1, 42);

            PhaseResult<String> r = d.runPhase(FailurePolicy.CONTINUE);

            List<String> expected = perEntityCommands("many", 3000);
            expected.addAll(onceCommands("lots", 5000));
            assertThat(r.commands()).containsExactlyElementsOf(expected);
            assertThat(r.tasksExecuted()).isGreaterThan(700);
        }

        /** A range's commands keep their record order even when a body records out of entity order. */
        @Test
        void recordOrderWithinATaskIsKept() {
            Plan<String> plan = plan(sys("once").runs(ctx -> {
                ctx.add("z");
                ctx.commands().add("a");
                ctx.add("m");
            }));
            assertThat(driver(plan, 2, 1).runPhase(FailurePolicy.FAIL_FAST).commands()).containsExactly("z", "a", "m");
        }

        /** The context tells the body where it runs: worker index, system, and range. */
        @Test
        void contextDescribesTheTask() {
            List<String> seen = new ArrayList<>();
            Plan<String> plan = plan(sys("once").runs(ctx -> seen.add(describe(ctx))),
                    sys("ranged").minBatchSize(5).forEachEntity(10, (s, e, ctx) -> seen.add(describe(ctx))));
            ManualDriver<String> d = driver(plan, 4, 3);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> t.system() == 0, 3);
            d.runOne(t -> t.system() == 1, 2);
            d.drainShuffled();
            d.run.finish();

            assertThat(seen.get(0)).isEqualTo("once/0 [0,0) on 3");
            assertThat(seen.get(1)).matches("ranged/1 \\[0,\\d+\\) on 2");
        }

        /** The context prints its task: a range, or "(whole system)" for a system that runs once. */
        @Test
        void contextPrintsItsTask() {
            List<String> seen = new ArrayList<>();
            Plan<String> plan = plan(sys("once").runs(ctx -> seen.add(ctx.toString())),
                    sys("ranged").minBatchSize(8).forEachEntity(8, (s, e, ctx) -> seen.add(ctx.toString())));
            ManualDriver<String> d = driver(plan, 4, 3);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> t.system() == 0, 3);
            d.runOne(t -> t.system() == 1, 2);
            d.run.finish();

            assertThat(seen).containsExactly("SystemContext[once (whole system) on worker 3]",
                    "SystemContext[ranged [0, 8) on worker 2]");
        }

        /** The context reports the run's worker count, and its index lies below it. */
        @Test
        void contextReportsTheWorkerCount() {
            List<String> seen = new ArrayList<>();
            Plan<String> plan = plan(sys("once").runs(ctx -> seen.add(ctx.workerIndex() + "/" + ctx.workerCount())));
            ManualDriver<String> d = driver(plan, 5, 3);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> t.system() == 0, 4);
            d.run.finish();

            assertThat(seen).containsExactly("4/5");
        }

        private String describe(SystemContext<String> ctx) {
            return ctx.systemName() + "/" + ctx.systemIndex() + " [" + ctx.rangeStart() + "," + ctx.rangeEnd()
                    + ") on " + ctx.workerIndex();
        }

        /** The number of commands the last task recorded on a worker is reported (for backends' counters). */
        @Test
        void lastTaskCommandCount() {
            Plan<String> plan = plan(sys("a").runs(records("a", 3)), sys("b").runs(records("b", 0)));
            ManualDriver<String> d = driver(plan, 2, 1);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> t.system() == 0, 1);
            assertThat(d.run.lastTaskCommandCount(1)).isEqualTo(3);
            d.runOne(t -> t.system() == 1, 1);
            assertThat(d.run.lastTaskCommandCount(1)).isZero();
            d.run.finish();
        }

        /** A null command is refused: the recording system fails with the NullPointerException. */
        @Test
        void nullCommandFailsTheSystem() {
            Plan<String> plan = plan(sys("bad").runs(ctx -> ctx.add(null)));
            PhaseResult<String> r = driver(plan, 1, 1).runPhase(FailurePolicy.CONTINUE);

            assertThat(r.outcome("bad")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(0)).isInstanceOf(NullPointerException.class).hasMessageContaining("command");
        }

        /** A context kept past its task cannot record: the command would land in someone else's segment. */
        @Test
        void bufferUsedAfterItsTaskIsRefused() {
            AtomicReference<SystemContext<String>> kept = new AtomicReference<>();
            Plan<String> plan = plan(sys("leaky").runs(kept::set));
            driver(plan, 1, 1).runPhase(FailurePolicy.FAIL_FAST);

            assertThatThrownBy(() -> kept.get().add("late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the task");
        }
    }

    @Nested
    class Policies {

        /**
         * FAIL_FAST: once a system fails, no new task starts: its dependents and every system not yet started
         * are SKIPPED; completed systems keep their commands; the failure names system, range and worker.
         */
        @Test
        void failFastSkipsEverythingNotYetStarted() {
            RuntimeException boom = new IllegalStateException("boom");
            Plan<String> plan = plan(sys("a").runs(records("a", 1)),
                    sys("b").runs(ctx -> {
                        ctx.add("b#0");
                        throw boom;
                    }),
                    sys("c").runsAfter("b").runs(records("c", 1)),
                    sys("d").runs(records("d", 1)));
            ManualDriver<String> d = driver(plan, 2, 1);
            d.start(FailurePolicy.FAIL_FAST);

            assertThat(d.runOne(t -> t.system() == 0, 0)).isTrue();
            assertThat(d.runOne(t -> t.system() == 1, 1)).isTrue();
            assertThat(d.runOne(t -> t.system() == 3, 0)).as("d starts after the failure").isFalse();
            assertThat(d.pending).isEmpty();
            PhaseResult<String> r = d.run.finish();

            assertThat(outcomes(r)).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.FAILED,
                    SystemOutcome.SKIPPED, SystemOutcome.SKIPPED);
            assertThat(d.readyOrder).doesNotContain(2);
            assertThat(r.succeeded()).isFalse();
            assertThat(r.policy()).isEqualTo(FailurePolicy.FAIL_FAST);
            assertThat(r.commands()).containsExactly("a#0");
            assertThat(r.failure(1)).isSameAs(boom);
            assertThat(r.failure(0)).isNull();
            assertThat(r.failures()).containsExactly(new SystemFailure("b", 1, 0, 0, 1, boom));
            assertThat(r.tasksExecuted()).isEqualTo(2);
            assertThat(r.toString()).contains("a=COMPLETED", "b=FAILED", "c=SKIPPED", "d=SKIPPED");
        }

        /** FAIL_FAST: a system whose ranges had partly run when the phase stopped is SKIPPED, its commands dropped. */
        @Test
        void failFastPartlyRunSystemIsSkipped() {
            Plan<String> plan = plan(sys("wide").minBatchSize(2).forEachEntity(12, perEntity("wide")),
                    sys("bad").runs(ctx -> {
                        throw new IllegalArgumentException("bad");
                    }));
            ManualDriver<String> d = driver(plan, 2, 5);
            d.start(FailurePolicy.FAIL_FAST);
            assertThat(d.pending.stream().filter(t -> t.system() == 0).count()).isGreaterThan(1);

            assertThat(d.runOne(t -> t.system() == 0, 0)).isTrue();
            assertThat(d.runOne(t -> t.system() == 1, 1)).isTrue();
            while (!d.pending.isEmpty()) {
                assertThat(d.runOne(t -> true, 0)).as("range after the failure").isFalse();
            }
            PhaseResult<String> r = d.run.finish();

            assertThat(r.outcome("wide")).isEqualTo(SystemOutcome.SKIPPED);
            assertThat(r.outcome("bad")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.commands()).isEmpty();
            assertThat(r.tasksExecuted()).isEqualTo(2);
        }

        /** CONTINUE: a system skipped because of a failure also skips its own dependents (a diamond). */
        @Test
        void continueSkipsThroughADiamond() {
            Plan<String> plan = plan(sys("root").runs(ctx -> {
                        throw new RuntimeException("root");
                    }),
                    sys("left").runsAfter("root").runs(records("left", 1)),
                    sys("right").runs(records("right", 1)),
                    sys("join").runsAfter("left", "right").runs(records("join", 1)));
            PhaseResult<String> r = driver(plan, 2, 9).runPhase(FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                    SystemOutcome.COMPLETED, SystemOutcome.SKIPPED);
            assertThat(r.commands()).containsExactly("right#0");
        }

        /** CONTINUE: one failing range fails the whole system (its other ranges still run) and drops its commands. */
        @Test
        void continueFailingRangeFailsTheSystem() {
            AtomicInteger calls = new AtomicInteger();
            Plan<String> plan = plan(sys("wide").minBatchSize(1).forEachEntity(8, (s, e, ctx) -> {
                        calls.incrementAndGet();
                        ctx.add("wide" + s);
                        if (s <= 3 && 3 < e) {
                            throw new IllegalStateException("entity 3");
                        }
                    }),
                    sys("after").runsAfter("wide").runs(records("after", 1)),
                    sys("free").runs(records("free", 1)));
            ManualDriver<String> d = driver(plan, 2, 11);
            PhaseResult<String> r = d.runPhase(FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                    SystemOutcome.COMPLETED);
            assertThat(r.commands()).containsExactly("free#0");
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.rangeStart()).isLessThanOrEqualTo(3);
                assertThat(f.rangeEnd()).isGreaterThan(3);
            });
            assertThat(r.tasksExecuted()).isEqualTo(calls.get() + 1);
        }

        /** An Error is caught at the task boundary like any exception, under both policies. */
        @ParameterizedTest
        @EnumSource(FailurePolicy.class)
        void errorsAreCaughtAndReported(FailurePolicy policy) {
            Error error = new StackOverflowError("simulated");
            Plan<String> plan = plan(sys("overflow").runs(ctx -> {
                throw error;
            }), sys("next").runsAfter("overflow").runs(records("next", 1)));
            PhaseResult<String> r = driver(plan, 1, 1).runPhase(policy);

            assertThat(r.outcome("overflow")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.outcome("next")).isEqualTo(SystemOutcome.SKIPPED);
            assertThat(r.failure(0)).isSameAs(error);
        }

        /** throwIfFailed raises one exception: the first failure as cause, the others suppressed, all listed. */
        @Test
        void throwIfFailedCarriesEveryFailure() {
            RuntimeException first = new RuntimeException("first");
            RuntimeException second = new RuntimeException("second");
            Plan<String> plan = plan(sys("x").runs(ctx -> {
                throw first;
            }), sys("y").runs(ctx -> {
                throw second;
            }));
            ManualDriver<String> d = driver(plan, 1, 1);
            d.start(FailurePolicy.CONTINUE);
            d.runOne(t -> t.system() == 0, 0);
            d.runOne(t -> t.system() == 1, 0);
            PhaseResult<String> r = d.run.finish();

            assertThatThrownBy(r::throwIfFailed).isInstanceOf(PhaseFailedException.class)
                    .hasMessageStartingWith("phase 'p' had 2 failures")
                    .hasMessageContaining("system 'x'").hasMessageContaining("system 'y'")
                    .hasCause(first)
                    .satisfies(e -> {
                        assertThat(e.getSuppressed()).containsExactly(second);
                        assertThat(((PhaseFailedException) e).failures()).hasSize(2);
                    });
        }

        /** A phase without failures does not throw from throwIfFailed. */
        @Test
        void throwIfFailedOnSuccess() {
            driver(plan(sys("ok").runs(records("ok", 1))), 1, 1).runPhase(FailurePolicy.FAIL_FAST).throwIfFailed();
        }
    }

    /** Begin and end bodies of entity-parallel systems: stages reported ready in turn, commands bracketing. */
    @Nested
    class BeginAndEnd {

        private SystemSpec<String> bracketed(List<String> log, boolean beginThrows, int rangeThrowsAt, int n) {
            return sys("b").minBatchSize(2)
                    .begin(ctx -> {
                        log.add("begin " + ctx.rangeStart() + "-" + ctx.rangeEnd());
                        ctx.add("begin");
                        if (beginThrows) {
                            throw new IllegalStateException("begin");
                        }
                    })
                    .end(ctx -> {
                        log.add("end");
                        ctx.add("end");
                    })
                    .forEachEntity(n, (start, end, ctx) -> {
                        log.add("range");
                        for (int e = start; e < end; e++) {
                            if (e == rangeThrowsAt) {
                                throw new IllegalStateException("entity " + e);
                            }
                            ctx.add("b:" + e);
                        }
                    });
        }

        /**
         * Begin runs alone first (one task [0, 0)), the ranges only after it, end alone after the last range, each
         * stage reported ready on the worker that ended the last; commands: begin's, the ranges' in order, end's.
         */
        @Test
        void beginAndEndBracketTheRanges() {
            List<String> log = new ArrayList<>();
            Plan<String> plan = plan(bracketed(log, false, -1, 6), sys("after").runsAfter("b").runs(records("a", 1)));
            ManualDriver<String> d = driver(plan, 3, 5);
            d.start(FailurePolicy.FAIL_FAST);
            assertThat(d.pending).singleElement().isEqualTo(new ManualDriver.Task(0, 0, 0));
            assertThat(d.run.isSplittable(0)).isFalse();
            d.runOne(t -> true, 2);
            assertThat(log).containsExactly("begin 0-0");
            assertThat(d.run.isSplittable(0)).isTrue();
            assertThat(d.run.entityCount(0)).isEqualTo(6);
            assertThat(d.readyWorkers).containsExactly(0, 2);
            while (d.pending.size() > 1 || d.pending.get(0).end() > 0) {
                d.runOne(t -> true, 1);
            }
            assertThat(log).last().isEqualTo("range");
            assertThat(d.pending).singleElement().isEqualTo(new ManualDriver.Task(0, 0, 0));
            d.runOne(t -> true, 0);
            assertThat(log).last().isEqualTo("end");
            assertThat(d.readyOrder).containsExactly(0, 0, 0, 1);
            d.drainShuffled();
            PhaseResult<String> r = d.run.finish();

            List<String> want = new ArrayList<>(List.of("begin"));
            for (int e = 0; e < 6; e++) {
                want.add("b:" + e);
            }
            want.addAll(List.of("end", "a#0"));
            assertThat(r.commands()).isEqualTo(want);
            assertThat(r.tasksExecuted()).isEqualTo(log.size() + 1);
        }

        /** A begin that throws fails the system: no range, no end, successors skipped under CONTINUE. */
        @Test
        void aFailedBeginRunsNoRangeAndNoEnd() {
            List<String> log = new ArrayList<>();
            Plan<String> plan = plan(bracketed(log, true, -1, 6), sys("after").runsAfter("b").runs(records("a", 1)));
            PhaseResult<String> r = driver(plan, 2, 3).runPhase(FailurePolicy.CONTINUE);

            assertThat(log).containsExactly("begin 0-0");
            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED);
            assertThat(r.commands()).isEmpty();
        }

        /** A failed range means no end; the system is FAILED and delivers nothing. */
        @Test
        void aFailedRangeRunsNoEnd() {
            List<String> log = new ArrayList<>();
            Plan<String> plan = plan(bracketed(log, false, 3, 8));
            PhaseResult<String> r = driver(plan, 2, 3).runPhase(FailurePolicy.CONTINUE);

            assertThat(log).doesNotContain("end").startsWith("begin 0-0");
            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED);
            assertThat(r.commands()).isEmpty();
        }

        /** A system over no entity still runs begin and end (with one empty task between), and again next phase. */
        @Test
        void anEmptySystemStillBeginsAndEnds() {
            List<String> log = new ArrayList<>();
            ManualDriver<String> d = driver(plan(bracketed(log, false, -1, 0)), 2, 3);
            for (int phase = 0; phase < 2; phase++) {
                PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);
                assertThat(r.commands()).containsExactly("begin", "end");
            }
            assertThat(log).containsExactly("begin 0-0", "end", "begin 0-0", "end");
        }
    }

    /** Run conditions: asked when ready; a false one costs no task and poisons nothing. */
    @Nested
    class RunConditions {

        /**
         * A condition is asked when its system becomes ready (so a predecessor may decide it); a disabled system
         * has no task, no body, no count read and no command, is DISABLED, and its successors run; the phase
         * succeeds.
         */
        @Test
        void aDisabledSystemCostsNothingAndPoisonsNothing() {
            boolean[] enable = {false};
            AtomicInteger counts = new AtomicInteger();
            AtomicInteger bodies = new AtomicInteger();
            Plan<String> plan = plan(sys("decide").runs(ctx -> ctx.add("decided")),
                    sys("gated").runsAfter("decide").runIf(() -> enable[0]).forEachEntity(() -> {
                        counts.incrementAndGet();
                        return 4;
                    }, (start, end, ctx) -> {
                        bodies.incrementAndGet();
                        ctx.add("gated");
                    }),
                    sys("after").runsAfter("gated").runs(records("after", 1)));
            ManualDriver<String> d = driver(plan, 2, 3);
            PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.DISABLED,
                    SystemOutcome.COMPLETED);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.commands()).containsExactly("decided", "after#0");
            assertThat(r.tasksExecuted()).isEqualTo(2);
            assertThat(d.readyOrder).containsExactly(0, 2);
            assertThat(counts).hasValue(0);
            assertThat(bodies).hasValue(0);

            enable[0] = true;
            assertThat(outcomes(d.runPhase(FailurePolicy.FAIL_FAST))).containsOnly(SystemOutcome.COMPLETED);
            assertThat(counts).hasValue(1);
        }

        /** The condition of a system decided by its predecessor in the same phase sees what it did. */
        @Test
        void aConditionSeesWhatItsPredecessorDid() {
            boolean[] enable = {false};
            Plan<String> plan = plan(sys("decide").runs(ctx -> enable[0] = !enable[0]),
                    sys("gated").runsAfter("decide").runIf(() -> enable[0]).runs(records("g", 1)));
            ManualDriver<String> d = driver(plan, 1, 3);
            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).outcome(1)).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).outcome(1)).isEqualTo(SystemOutcome.DISABLED);
        }

        /** A condition that throws fails its system; a skipped system's condition is never asked. */
        @Test
        void aThrowingConditionFailsItsSystem() {
            AtomicInteger asked = new AtomicInteger();
            RuntimeException broken = new IllegalStateException("condition");
            Plan<String> plan = plan(sys("bad").runIf(() -> {
                        throw broken;
                    }).runs(records("bad", 1)),
                    sys("next").runsAfter("bad").runIf(() -> asked.incrementAndGet() > 0).runs(records("n", 1)));
            PhaseResult<String> r = driver(plan, 2, 3).runPhase(FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED);
            assertThat(r.failure(0)).isSameAs(broken);
            assertThat(asked).hasValue(0);
            assertThat(r.succeeded()).isFalse();
        }
    }

    /** Exclusive systems: the run pauses for the coordinating thread, which runs them and goes on. */
    @Nested
    class Exclusive {

        /**
         * When an exclusive system is ready, no backend hears of it: the run reports itself finished for now
         * (phaseFinished), names it, and runExclusive runs all of it as one task, releasing its successors.
         */
        @Test
        void theRunPausesForAnExclusiveSystem() {
            List<String> ran = new ArrayList<>();
            Plan<String> plan = plan(sys("a").runs(ctx -> ran.add("a")),
                    sys("x").exclusive().minBatchSize(1).forEachEntity(5, (start, end, ctx) -> {
                        ran.add("x " + start + "-" + end + " on " + ctx.workerIndex());
                        ctx.add("x");
                    }),
                    sys("b").runs(ctx -> ran.add("b")));
            ManualDriver<String> d = driver(plan, 3, 1);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> true, 2);
            assertThat(d.pending).isEmpty();
            assertThat(d.run.isFinished()).isTrue();
            assertThat(d.run.exclusivePending()).isEqualTo(1);
            assertThat(d.phaseFinishedCalls).isEqualTo(1);
            assertThatThrownBy(() -> d.run.finish()).isInstanceOf(IllegalStateException.class);
            d.run.runExclusive(0, d);
            assertThat(d.run.exclusivePending()).isEqualTo(-1);
            assertThat(d.run.isFinished()).isFalse();
            d.drainShuffled();
            PhaseResult<String> r = d.run.finish();
            assertThat(ran).containsExactly("a", "x 0-5 on 0", "b");
            assertThat(r.commands()).containsExactly("x");
            assertThat(d.readyOrder).containsExactly(0, 2);
            assertThatThrownBy(() -> d.run.runExclusive(0, d)).isInstanceOf(IllegalStateException.class);
        }

        /** Drives a phase with exclusive systems to its end, as AbstractSchedulerBackend does. */
        private PhaseResult<String> runWithExclusives(ManualDriver<String> d, FailurePolicy policy) {
            d.start(policy);
            d.drainShuffled();
            while (d.run.exclusivePending() >= 0) {
                d.run.runExclusive(0, d);
                d.drainShuffled();
            }
            return d.run.finish();
        }

        /**
         * drainCommands hands an exclusive body the commands of the systems before it, in the result's order (plan
         * position, range start, recording order), whatever worker ran which range, and only once: the result
         * keeps the exclusive system's own commands and those after it. A second drain in the same body, and the
         * drain of a later exclusive system, hand over only what completed since. Run again, the phase does the
         * same (the logs keep no trace of the drain).
         */
        @Test
        void anExclusiveSystemDrainsTheCommandsBeforeItInOrderOnce() {
            List<String> drained = new ArrayList<>();
            List<String> again = new ArrayList<>();
            Plan<String> plan = plan(sys("a").writes("A").minBatchSize(3).forEachEntity(20, perEntity("a")),
                    sys("b").writes("B").runs(records("b", 3)),
                    sys("x").exclusive().runs(ctx -> {
                        ctx.add("x-before");
                        ctx.drainCommands(drained::add);
                        ctx.drainCommands(again::add);
                        ctx.add("x-after");
                    }),
                    sys("c").minBatchSize(2).forEachEntity(9, perEntity("c")),
                    sys("y").exclusive().runs(ctx -> ctx.drainCommands(drained::add)));
            for (long seed = 1; seed <= 20; seed++) {
                drained.clear();
                ManualDriver<String> d = driver(plan, 3, seed);
                for (int round = 0; round < 2; round++) {
                    drained.clear();
                    PhaseResult<String> r = runWithExclusives(d, FailurePolicy.FAIL_FAST);

                    List<String> before = new ArrayList<>(perEntityCommands("a", 20));
                    before.addAll(onceCommands("b", 3));
                    before.addAll(List.of("x-before", "x-after"));
                    before.addAll(perEntityCommands("c", 9));
                    assertThat(r.succeeded()).isTrue();
                    assertThat(drained).as("seed %d", seed).isEqualTo(before);
                    assertThat(again).isEmpty();
                    assertThat(r.commands()).isEmpty();
                    assertThat(r.commandCount()).isZero();
                }
            }
        }

        /**
         * Only an exclusive body may drain: from any other body it throws an IllegalStateException naming the
         * system (which so fails); a failed system's commands are never drained.
         */
        @Test
        void onlyAnExclusiveBodyDrainsAndFailedSystemsDeliverNothing() {
            List<String> drained = new ArrayList<>();
            Plan<String> plan = plan(sys("plain").runs(ctx -> {
                        ctx.add("plain");
                        ctx.drainCommands(drained::add);
                    }),
                    sys("x").exclusive().runs(ctx -> ctx.drainCommands(drained::add)));
            PhaseResult<String> r = runWithExclusives(driver(plan, 2, 7), FailurePolicy.CONTINUE);

            assertThat(r.outcome("plain")).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'plain'");
            assertThat(drained).isEmpty();
            assertThat(r.commands()).isEmpty();
        }

        /**
         * A sink that throws fails the exclusive system like its body throwing; the commands it had not accepted
         * are dropped, never delivered in the result; a drain from inside the sink is refused.
         */
        @Test
        void aSinkThatThrowsFailsTheExclusiveSystemAndDropsTheRest() {
            RuntimeException broken = new IllegalStateException("sink");
            List<String> accepted = new ArrayList<>();
            AtomicReference<Throwable> nested = new AtomicReference<>();
            Plan<String> plan = plan(sys("a").runs(records("a", 4)),
                    sys("x").exclusive().runs(ctx -> ctx.drainCommands(c -> {
                        try {
                            ctx.drainCommands(accepted::add);
                        } catch (IllegalStateException e) {
                            nested.set(e);
                        }
                        accepted.add(c);
                        if (accepted.size() == 2) {
                            throw broken;
                        }
                    })),
                    sys("b").runs(records("b", 1)));
            PhaseResult<String> r = runWithExclusives(driver(plan, 2, 3), FailurePolicy.CONTINUE);

            assertThat(accepted).containsExactly("a#0", "a#1");
            assertThat(nested.get()).hasMessageContaining("'x'");
            assertThat(outcomes(r)).containsExactly(SystemOutcome.COMPLETED, SystemOutcome.FAILED,
                    SystemOutcome.SKIPPED);
            assertThat(r.failure(1)).isSameAs(broken);
            assertThat(r.commands()).isEmpty();
        }
    }

    @Nested
    class EntityCounts {

        /**
         * A supplied count is read when its system becomes ready, on the worker that finished its predecessor: so
         * it counts what the predecessor made in the same phase, and a root's is read by start on worker 0.
         */
        @Test
        void countIsReadWhenTheSystemBecomesReady() {
            int[] made = {0};
            List<String> reads = new ArrayList<>();
            Plan<String> plan = plan(sys("make").runs(ctx -> made[0] = 5),
                    sys("use").runsAfter("make").minBatchSize(5).forEachEntity(() -> {
                        reads.add("use:" + made[0]);
                        return made[0];
                    }, perEntity("use")),
                    sys("root").forEachEntity(() -> {
                        reads.add("root");
                        return 0;
                    }, perEntity("root")));
            ManualDriver<String> d = driver(plan, 4, 1);
            d.start(FailurePolicy.FAIL_FAST);
            assertThat(reads).containsExactly("root");
            d.runOne(t -> t.system() == 0, 3);
            assertThat(reads).containsExactly("root", "use:5");
            assertThat(d.readyWorkers.get(d.readyOrder.indexOf(1))).isEqualTo(3);
            assertThat(d.run.entityCount(1)).isEqualTo(5);
            d.drainShuffled();
            assertThat(d.run.finish().commands()).isEqualTo(perEntityCommands("use", 5));
        }

        /**
         * A system over a sparse set: the set is read once, when the system is ready (so a predecessor may fill
         * it), ranges are positions, the body and the context get the same set, commands come in position order,
         * and a failure names the positions and the ids.
         */
        @Test
        void sparseSystemRunsOverTheIdsItsSetHeldWhenReady() {
            EntityIds set = new EntityIds();
            AtomicInteger reads = new AtomicInteger();
            List<String> contexts = new ArrayList<>();
            Plan<String> plan = plan(sys("fill").runs(ctx -> {
                        set.clear();
                        for (int id : new int[] {3, 8, 21, 40, 41, 90}) {
                            set.add(id);
                        }
                    }),
                    sys("hit").runsAfter("fill").minBatchSize(2).forEachEntityIn(() -> {
                        reads.incrementAndGet();
                        return set;
                    }, (ids, from, to, ctx) -> {
                        contexts.add(from + "-" + to + ":" + (ctx.entitySet() == ids));
                        for (int p = from; p < to; p++) {
                            if (ids.id(p) == 41) {
                                throw new IllegalStateException("entity 41");
                            }
                            ctx.add("hit " + ids.id(p));
                        }
                    }));
            ManualDriver<String> d = driver(plan, 3, 7);
            d.start(FailurePolicy.CONTINUE);
            d.runOne(t -> t.system() == 0, 2);
            assertThat(reads).hasValue(1);
            assertThat(d.run.entityCount(1)).isEqualTo(6);
            d.drainShuffled();
            PhaseResult<String> r = d.run.finish();

            assertThat(reads).hasValue(1);
            assertThat(contexts).allMatch(c -> c.endsWith(":true"));
            assertThat(r.outcome(1)).isEqualTo(SystemOutcome.FAILED);
            SystemFailure f = r.failures().get(0);
            assertThat(f.firstEntityId()).isLessThanOrEqualTo(41);
            assertThat(f.lastEntityId()).isGreaterThanOrEqualTo(41);
            assertThat(f.rangeStart()).isLessThanOrEqualTo(4);
            assertThat(f.toString()).contains("positions [" + f.rangeStart() + ", " + f.rangeEnd() + ") (ids "
                    + f.firstEntityId() + " to " + f.lastEntityId() + ")");
        }

        /** The commands of a sparse system come in id order, whoever ran which range. */
        @Test
        void sparseCommandsComeInIdOrder() {
            EntityIds set = EntityIds.of(1, 4, 9, 16, 25, 36, 49);
            Plan<String> plan = plan(sys("sq").minBatchSize(1).forEachEntityIn(() -> set, (ids, from, to, ctx) -> {
                for (int p = from; p < to; p++) {
                    ctx.add("id " + ids.id(p));
                }
            }));
            PhaseResult<String> r = driver(plan, 4, 11).runPhase(FailurePolicy.FAIL_FAST);

            assertThat(r.commands()).containsExactly("id 1", "id 4", "id 9", "id 16", "id 25", "id 36", "id 49");
        }

        /** A null set fails the system like a bad count. */
        @Test
        void nullSetFailsTheSystem() {
            Plan<String> plan = plan(sys("none").forEachEntityIn(() -> null, (ids, from, to, ctx) -> { }));
            PhaseResult<String> r = driver(plan, 2, 1).runPhase(FailurePolicy.CONTINUE);

            assertThat(r.outcome(0)).isEqualTo(SystemOutcome.FAILED);
            assertThat(r.failure(0)).isInstanceOf(NullPointerException.class)
                    .hasMessage("system 'none': its entity set supplier gave null");
        }

        /** A system skipped after a failed predecessor has no count read: it is SKIPPED, not FAILED. */
        @Test
        void skippedSystemHasNoCountRead() {
            AtomicInteger reads = new AtomicInteger();
            Plan<String> plan = plan(sys("bad").runs(ctx -> {
                        throw new IllegalStateException("bad");
                    }),
                    sys("use").runsAfter("bad").forEachEntity(() -> {
                        reads.incrementAndGet();
                        return -1;
                    }, perEntity("use")));
            PhaseResult<String> r = driver(plan, 2, 1).runPhase(FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED);
            assertThat(reads).hasValue(0);
        }

        /** A supplier returning a negative count fails that system (naming it and the value) under CONTINUE. */
        @Test
        void negativeDynamicCountFailsTheSystem() {
            AtomicInteger reads = new AtomicInteger();
            Plan<String> plan = plan(sys("grow").forEachEntity(() -> {
                        reads.incrementAndGet();
                        return -3;
                    }, perEntity("grow")),
                    sys("after").runsAfter("grow").runs(records("after", 1)),
                    sys("free").runs(records("free", 1)));
            ManualDriver<String> d = driver(plan, 2, 1);
            PhaseResult<String> r = d.runPhase(FailurePolicy.CONTINUE);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                    SystemOutcome.COMPLETED);
            assertThat(r.failure(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("system 'grow': entity count must be >= 0 but was -3");
            assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.systemName()).isEqualTo("grow"));
            assertThat(d.readyOrder).containsExactly(2);
            assertThat(reads).hasValue(1);
        }

        /** A supplier that throws fails that system with the thrown exception; FAIL_FAST then skips the rest. */
        @Test
        void throwingSupplierFailsTheSystem() {
            RuntimeException broken = new UnsupportedOperationException("world not loaded");
            Plan<String> plan = plan(sys("free").runs(records("free", 1)),
                    sys("grow").forEachEntity(() -> {
                        throw broken;
                    }, perEntity("grow")));
            ManualDriver<String> d = driver(plan, 2, 1);
            PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);

            assertThat(outcomes(r)).containsExactly(SystemOutcome.SKIPPED, SystemOutcome.FAILED);
            assertThat(r.failure(1)).isSameAs(broken);
            assertThat(r.commands()).isEmpty();
            assertThat(r.tasksExecuted()).isZero();
        }

        /** The count is read once per phase, so it may change between frames. */
        @Test
        void countIsReadAtEveryPhase() {
            AtomicInteger size = new AtomicInteger(3);
            AtomicInteger reads = new AtomicInteger();
            Plan<String> plan = plan(sys("grow").minBatchSize(1).forEachEntity(() -> {
                reads.incrementAndGet();
                return size.get();
            }, perEntity("grow")));
            ManualDriver<String> d = driver(plan, 2, 4);

            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).commands()).isEqualTo(perEntityCommands("grow", 3));
            size.set(-1);
            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).outcome(0)).isEqualTo(SystemOutcome.FAILED);
            size.set(6);
            PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);
            assertThat(r.outcome(0)).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(r.commands()).isEqualTo(perEntityCommands("grow", 6));
            assertThat(reads).hasValue(3);
        }

        /** An entity-parallel system with no entities is one task that does not call the body, and completes. */
        @Test
        void zeroEntitiesIsOneTaskWithoutABodyCall() {
            AtomicInteger calls = new AtomicInteger();
            Plan<String> plan = plan(sys("none").forEachEntity(0, (s, e, ctx) -> calls.incrementAndGet()),
                    sys("after").runsAfter("none").runs(records("after", 1)));
            ManualDriver<String> d = driver(plan, 1, 1);
            d.start(FailurePolicy.FAIL_FAST);

            assertThat(d.run.isSplittable(0)).isFalse();
            assertThat(d.pending).containsExactly(new ManualDriver.Task(0, 0, 0));
            d.drainShuffled();
            PhaseResult<String> r = d.run.finish();
            assertThat(r.outcome(0)).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(r.commands()).containsExactly("after#0");
            assertThat(calls).hasValue(0);
        }

        /** The minimum batch is the system's own, else the configuration's; counts are reported per phase. */
        @Test
        void minimumBatchAndCounts() {
            Plan<String> plan = plan(sys("own").minBatchSize(7).forEachEntity(100, perEntity("own")),
                    sys("dflt").forEachEntity(50, perEntity("dflt")), sys("once").runs(records("once", 1)));
            PhaseRun<String> run = new PhaseRun<>(plan, 1, CONFIG);
            run.start(FailurePolicy.FAIL_FAST, 0, new ReadyHandler() {
                @Override
                public void ready(int worker, int system) {
                }

                @Override
                public void phaseFinished(int worker) {
                }
            });

            assertThat(run.minBatchSize(0)).isEqualTo(7);
            assertThat(run.minBatchSize(1)).isEqualTo(CONFIG.minBatchSize());
            assertThat(run.entityCount(0)).isEqualTo(100);
            assertThat(run.entityCount(2)).isZero();
            assertThat(run.isSplittable(0)).isTrue();
            assertThat(run.isSplittable(2)).isFalse();
            assertThat(run.workerCount()).isEqualTo(1);
            assertThat(run.plan()).isSameAs(plan);
            assertThat(run.isFinished()).isFalse();
        }
    }

    @Nested
    class Lifecycle {

        /** A plan with no systems finishes inside start, reporting phaseFinished once on the caller's index. */
        @Test
        void emptyPlanFinishesAtOnce() {
            Plan<String> plan = Phase.<String>named("empty").compile();
            ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 2, CONFIG), 1);
            d.run.start(FailurePolicy.CONTINUE, 1, d);

            assertThat(d.phaseFinishedCalls).isEqualTo(1);
            assertThat(d.phaseFinishedWorker).isEqualTo(1);
            assertThat(d.run.isFinished()).isTrue();
            PhaseResult<String> r = d.run.finish();
            assertThat(r.succeeded()).isTrue();
            assertThat(r.commandCount()).isZero();
            assertThat(r.commands()).isEmpty();
            assertThat(r.tasksExecuted()).isZero();
            assertThat(r.failures()).isEmpty();
        }

        /** finish() before the phase finished is refused, naming the phase. */
        @Test
        void finishBeforeTheEndIsRefused() {
            ManualDriver<String> d = driver(plan(sys("a").runs(records("a", 1))), 1, 1);
            d.start(FailurePolicy.FAIL_FAST);

            assertThatThrownBy(d.run::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessage("phase 'p' has not finished");
        }

        /** A result read while its plan runs again (misuse) is refused as stale, even before the new phase ends. */
        @Test
        void resultReadMidPhaseIsStale() {
            ManualDriver<String> d = driver(plan(sys("a").runs(records("a", 1)), sys("b").runs(records("b", 1))),
                    1, 1);
            PhaseResult<String> earlier = d.runPhase(FailurePolicy.FAIL_FAST);
            d.start(FailurePolicy.FAIL_FAST);
            d.runOne(t -> t.system() == 0, 0);

            assertThatThrownBy(() -> earlier.outcome(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("stale PhaseResult of plan 'p': the plan was executed again");
        }

        /** A run needs at least one worker index. */
        @Test
        void workersAtLeastOne() {
            Plan<String> plan = plan(sys("a").runs(records("a", 1)));
            assertThatThrownBy(() -> new PhaseRun<>(plan, 0, CONFIG)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("workers must be >= 1 but was 0");
        }

        /**
         * A result is valid until its plan runs again; used after that it throws instead of reading the next phase
         * (its lists too), while a copy taken earlier is unaffected. Results alternate between two reused views,
         * so a steady state allocates none.
         */
        @Test
        void staleResultThrows() {
            AtomicInteger frame = new AtomicInteger();
            Plan<String> plan = plan(sys("flaky").runs(ctx -> {
                ctx.add("flaky@" + frame.get());
                if (frame.get() == 0) {
                    throw new IllegalStateException("first frame");
                }
            }), sys("steady").runs(ctx -> ctx.add("steady@" + frame.get())));
            ManualDriver<String> d = driver(plan, 2, 8);

            PhaseResult<String> first = d.runPhase(FailurePolicy.CONTINUE);
            List<String> firstCopy = List.copyOf(first.commands());
            List<String> firstView = first.commands();
            List<SystemFailure> firstFailures = first.failures();
            assertThat(first.outcome("flaky")).isEqualTo(SystemOutcome.FAILED);
            assertThat(firstCopy).containsExactly("steady@0");

            frame.set(1);
            PhaseResult<String> second = d.runPhase(FailurePolicy.FAIL_FAST);

            assertThat(second).isNotSameAs(first);
            assertThat(second.succeeded()).isTrue();
            assertThat(second.policy()).isEqualTo(FailurePolicy.FAIL_FAST);
            assertThat(second.failures()).isEmpty();
            assertThat(second.outcome("flaky")).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(second.commands()).containsExactly("flaky@1", "steady@1");
            assertThat(firstCopy).containsExactly("steady@0");
            for (Runnable stale : List.<Runnable>of(first::commands, first::commandCount, () -> first.command(0),
                    () -> first.outcome(0), () -> first.failure(0), first::failures, first::succeeded,
                    first::policy, first::tasksExecuted, first::durationNanos, firstView::size,
                    () -> firstView.get(0), firstFailures::size)) {
                assertThatThrownBy(stale::run).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("stale PhaseResult of plan 'p'");
            }
            assertThat(first.plan()).isSameAs(plan);
            assertThat(first.toString()).contains("stale");

            PhaseResult<String> third = d.runPhase(FailurePolicy.FAIL_FAST);
            assertThat(third).as("two views alternate").isSameAs(first);
            assertThatThrownBy(second::commands).isInstanceOf(IllegalStateException.class);
        }

        /**
         * A phase abandoned between start and finish (its backend's coordinating thread threw, and the backend
         * propagated the error once its tasks had ended) leaves the run reusable: the next phase shows its own
         * commands, outcomes and failures only, whether the abandoned phase had finished or was cut off midway.
         */
        @ParameterizedTest
        @EnumSource(FailurePolicy.class)
        void abandonedPhasesLeaveNothingBehind(FailurePolicy policy) {
            AtomicInteger frame = new AtomicInteger();
            Plan<String> plan = plan(sys("a").runs(ctx -> {
                        ctx.add("a@" + frame.get());
                        ctx.add("a'@" + frame.get());
                    }),
                    sys("r").minBatchSize(2).forEachEntity(12, (s, e, ctx) -> {
                        for (int i = s; i < e; i++) {
                            ctx.add("r" + i + "@" + frame.get());
                        }
                    }),
                    sys("b").runsAfter("a").runs(ctx -> ctx.add("b@" + frame.get())),
                    sys("bad").runs(ctx -> {
                        ctx.add("bad@" + frame.get());
                        if (frame.get() == 0) {
                            throw new IllegalStateException("frame 0");
                        }
                    }));
            ManualDriver<String> d = driver(plan, 3, 17);

            // Frame 0: every task runs (the phase finishes, with a failure), but finish() is never called.
            d.start(policy);
            d.drainShuffled();
            assertThat(d.run.isFinished()).isTrue();
            // Frame 1: a few tasks run on every worker index, then the phase is abandoned midway.
            frame.set(1);
            d.start(policy);
            d.runOne(t -> t.system() == 0, 0);
            d.runOne(t -> t.system() == 1, 1);
            d.runOne(t -> t.system() == 1, 2);
            assertThat(d.run.isFinished()).isFalse();
            // Frame 2: a whole phase.
            frame.set(2);
            PhaseResult<String> r = d.runPhase(policy);

            List<String> expected = new ArrayList<>(List.of("a@2", "a'@2"));
            for (int i = 0; i < 12; i++) {
                expected.add("r" + i + "@2");
            }
            expected.add("b@2");
            expected.add("bad@2");
            assertThat(r.commands()).containsExactlyElementsOf(expected);
            assertThat(r.failures()).isEmpty();
            assertThat(r.succeeded()).isTrue();
            assertThat(r.tasksExecuted()).as("tasks of this phase only").isEqualTo(d.tasksRun);
        }

        /** A phase with fewer commands than the previous one shows only its own. */
        @Test
        void shrinkingCommandsAreNotShownTwice() {
            AtomicInteger count = new AtomicInteger(10);
            Plan<String> plan = plan(sys("n").runs(ctx -> {
                for (int i = 0; i < count.get(); i++) {
                    ctx.add("c" + i);
                }
            }));
            ManualDriver<String> d = driver(plan, 1, 1);
            assertThat(d.runPhase(FailurePolicy.FAIL_FAST).commandCount()).isEqualTo(10);
            count.set(2);
            PhaseResult<String> r = d.runPhase(FailurePolicy.FAIL_FAST);
            assertThat(r.commands()).containsExactly("c0", "c1");
            assertThatThrownBy(() -> r.command(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        /** The configured listener sees each task start and finish, with worker, range and failure flag. */
        @Test
        void listenerSeesTasks() {
            List<String> events = new ArrayList<>();
            SchedulerListener listener = new SchedulerListener() {
                @Override
                public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                    events.add("start " + system + " [" + start + "," + end + ") on " + worker);
                }

                @Override
                public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                         long nanoTime) {
                    events.add("end " + system + " [" + start + "," + end + ") on " + worker
                            + (failed ? " failed" : ""));
                }
            };
            Plan<String> plan = plan(sys("ok").runs(records("ok", 1)), sys("bad").runs(ctx -> {
                throw new RuntimeException();
            }));
            ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(plan, 2,
                    CONFIG.toBuilder().listener(listener).build()), 1);
            d.start(FailurePolicy.CONTINUE);
            d.runOne(t -> t.system() == 0, 1);
            d.runOne(t -> t.system() == 1, 0);
            d.run.finish();

            assertThat(events).containsExactly("start 0 [0,0) on 1", "end 0 [0,0) on 1", "start 1 [0,0) on 0",
                    "end 1 [0,0) on 0 failed");
        }
    }

    /** runPiece runs bodies without counting them; completeRange counts a task's pieces at once. */
    @Nested
    class Pieces {

        @Test
        void piecesCountOnlyWhenTheirRangeIsCompleted() {
            RangeBody<String> body = perEntity("r");
            RangeBody<String> clockTicking = (start, end, ctx) -> { // so the measured time is > 0 on any clock
                long t0 = System.nanoTime();
                body.run(start, end, ctx);
                while (System.nanoTime() == t0) {
                    Thread.onSpinWait();
                }
            };
            Plan<String> plan = plan(sys("r").forEachEntity(12, clockTicking),
                    sys("after").runsAfter("r").runs(records("after", 1)));
            ManualDriver<String> d = driver(plan, 2, 1);
            d.start(FailurePolicy.FAIL_FAST);
            d.pending.clear(); // this test cuts the range itself: [0, 8) in pieces on worker 0, [8, 12) on worker 1

            assertThat(d.run.runPiece(0, 0, 4, 8)).isTrue();
            assertThat(d.run.runPiece(0, 0, 0, 4)).isTrue();
            assertThat(d.readyOrder).as("nothing counted yet").containsExactly(0);
            d.run.completeRange(0, 0, 8, d);
            assertThat(d.readyOrder).as("4 entities still outstanding").containsExactly(0);
            assertThat(d.run.runTask(1, 0, 8, 12, d)).isTrue();
            assertThat(d.readyOrder).as("the last range releases the successor").containsExactly(0, 1);
            assertThat(d.readyWorkers).containsExactly(0, 1);
            d.drainShuffled();

            PhaseResult<String> r = d.run.finish();
            List<String> expected = new ArrayList<>(perEntityCommands("r", 12));
            expected.add("after#0");
            assertThat(r.commands()).as("pieces merge by range start, whatever order they ran in")
                    .containsExactlyElementsOf(expected);
            assertThat(r.tasksExecuted()).isEqualTo(4);
            assertThat(d.run.systemNanos(0)).isPositive();
        }

        @Test
        void anEmptyCompletionIsRefused() {
            ManualDriver<String> d = driver(plan(sys("r").forEachEntity(8, perEntity("r"))), 1, 1);
            d.start(FailurePolicy.FAIL_FAST);

            assertThatThrownBy(() -> d.run.completeRange(0, 0, 0, d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'r'").hasMessageContaining("at least one entity");
        }

        @Test
        void piecesAfterAFailFastStopAreSkippedButStillComplete() {
            Plan<String> plan = plan(sys("bad").runs(ctx -> {
                throw new IllegalStateException("boom");
            }), sys("r").forEachEntity(8, perEntity("r")));
            ManualDriver<String> d = driver(plan, 1, 1);
            d.start(FailurePolicy.FAIL_FAST);
            d.pending.clear();

            d.run.runTask(0, 0, 0, 0, d);
            assertThat(d.run.runPiece(0, 1, 0, 8)).as("stopped: the body does not run").isFalse();
            d.run.completeRange(0, 1, 8, d);

            assertThat(d.phaseFinishedCalls).isEqualTo(1);
            PhaseResult<String> r = d.run.finish();
            assertThat(r.outcome(1)).isEqualTo(SystemOutcome.SKIPPED);
            assertThat(r.commands()).isEmpty();
        }
    }
}
