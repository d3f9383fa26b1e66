package org.ecsched.scheduler.testkit.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ecsched.scheduler.testkit.rules.Rule;
import org.ecsched.scheduler.testkit.rules.RuleKind;
import org.ecsched.scheduler.testkit.stress.ShortPhases;
import org.ecsched.scheduler.testkit.stress.StealStorm;
import org.ecsched.scheduler.testkit.stress.StressOptions;
import org.ecsched.scheduler.testkit.stress.StressReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit can fail: each deliberately broken backend is caught by the rule written for its defect. Each test runs
 * the suite's rules against one broken backend through the JUnit Platform Launcher, requires the named rules to
 * fail with their label in the message; a miss is reported with every rule that failed.
 */
class BrokenBackendsTest {

    @AfterAll
    static void releaseStuckThreads() {
        HangingOnFailureBackend.releaseAll();
        ThreadLeakingBackend.stopAll();
        SynchronizedCloseBackend.releaseAll();
    }

    /** Rule 1.01: a lost task, a system reported COMPLETED whose body never ran. */
    @Test
    void aLostTaskIsCaughtByEverySystemRunsExactlyOnce() {
        assertCaught(BrokenBackendVerifications.Dropping.class, allButStress(), Rule.EVERY_SYSTEM_RUNS_EXACTLY_ONCE);
    }

    /** Run conditions asked at the start of the phase miss what a predecessor decides in it. */
    @Test
    void conditionsAskedAtStartAreCaughtByRunConditionsDecideWhenReady() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.ConditionAtStart.class,
                EnumSet.of(Rule.RUN_CONDITIONS_DECIDE_WHEN_READY), Rule.RUN_CONDITIONS_DECIDE_WHEN_READY);
        assertThat(message(results.get(Rule.RUN_CONDITIONS_DECIDE_WHEN_READY.methodName())))
                .contains("'decide' chose");
    }

    /** An exclusive system run on a pool thread instead of the calling thread. */
    @Test
    void anExclusiveSystemOnAPoolThreadIsCaughtByExclusiveSystemsRunAloneOnTheCaller() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.ExclusiveOnPool.class,
                EnumSet.of(Rule.EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER), Rule.EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER);
        assertThat(message(results.get(Rule.EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER.methodName())))
                .contains("not on the thread that called execute");
    }

    /** An exclusive system's drain that hands over nothing: the commands arrive late, in the result. */
    @Test
    void aDrainThatHandsOverNothingIsCaughtByExclusiveSystemsDrainTheCommandsBeforeThem() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.LateDrain.class,
                EnumSet.of(Rule.EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM),
                Rule.EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM);
        assertThat(message(results.get(Rule.EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM.methodName())))
                .contains("'sync' drained []");
    }

    /** Before-each-run hooks run as part of a task on a pool thread. */
    @Test
    void aHookRunInsideABodyIsCaughtByBeforeEachRunHooksRunFirst() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.HookInBody.class,
                EnumSet.of(Rule.BEFORE_EACH_RUN_HOOKS_RUN_FIRST), Rule.BEFORE_EACH_RUN_HOOKS_RUN_FIRST);
        assertThat(message(results.get(Rule.BEFORE_EACH_RUN_HOOKS_RUN_FIRST.methodName())))
                .contains("not on the thread that called execute");
    }

    /** An end body run with the begin body, before any range. */
    @Test
    void anEndBeforeTheRangesIsCaughtByBeginAndEndBracketTheRanges() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.BracketsTogether.class,
                EnumSet.of(Rule.BEGIN_AND_END_BRACKET_THE_RANGES), Rule.BEGIN_AND_END_BRACKET_THE_RANGES);
        assertThat(message(results.get(Rule.BEGIN_AND_END_BRACKET_THE_RANGES.methodName())))
                .contains("'end' ran");
    }

    /** A sparse system run through its dense view reads its set once per range, not once per phase. */
    @Test
    void aSparseSetReadPerRangeIsCaughtBySparseSetsRunOverTheirIds() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.SparseAsDense.class,
                EnumSet.of(Rule.SPARSE_SETS_RUN_OVER_THEIR_IDS), Rule.SPARSE_SETS_RUN_OVER_THEIR_IDS);
        assertThat(message(results.get(Rule.SPARSE_SETS_RUN_OVER_THEIR_IDS.methodName())))
                .contains("the set of 'visit' was read");
    }

    /** Counts read at the start of the phase miss what a predecessor makes in it. */
    @Test
    void countsReadAtStartAreCaughtByEntityCountReadWhenReady() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.CountAtStart.class,
                EnumSet.of(Rule.ENTITY_COUNT_READ_WHEN_READY), Rule.ENTITY_COUNT_READ_WHEN_READY);
        assertThat(message(results.get(Rule.ENTITY_COUNT_READ_WHEN_READY.methodName())))
                .contains("'make' made");
    }

    /**
     * Bodies of the systems nothing waits for run after execute returned: the caller reads stale plain fields
     * (rule 2.03), whichever threads ran what, since those bodies run strictly after its check.
     */
    @Test
    void bodiesRunAfterExecuteReturnedAreCaughtByHappensBeforeAlongOrderings() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.EarlyReturning.class,
                EnumSet.of(Rule.HAPPENS_BEFORE_ALONG_ORDERINGS), Rule.HAPPENS_BEFORE_ALONG_ORDERINGS);
        assertThat(message(results.get(Rule.HAPPENS_BEFORE_ALONG_ORDERINGS.methodName())))
                .contains("the caller read 'gather''s value");
    }

    /** Ignored conflicts: the guards see conflicting systems inside at once, the clock sees orderings broken. */
    @Test
    void ignoredConflictsAreCaughtByConflictingSystemsNeverOverlapAndOrderingsHold() {
        assertCaught(BrokenBackendVerifications.ConflictIgnoring.class, allButStress(),
                Rule.CONFLICTING_SYSTEMS_NEVER_OVERLAP, Rule.ORDERINGS_HOLD);
    }

    /**
     * Rules 3.01 and 3.03: commands in completion order differ from the oracle's plan order. Rule 3.02 (the same
     * commands over repeated runs) is not required to fail: whether two runs complete in different orders depends
     * on how the pool's threads happen to be scheduled, and a verdict here may not.
     */
    @Test
    void completionOrderCommandsAreCaughtByDeterministicOrderAndSameForEveryWorkerCount() {
        assertCaught(BrokenBackendVerifications.CompletionOrder.class, allButStress(),
                Rule.COMMANDS_IN_DETERMINISTIC_ORDER, Rule.COMMANDS_SAME_FOR_EVERY_WORKER_COUNT);
    }

    /**
     * Rules 4.01 and 4.02: a phase that never returns after a failure fails each rule by its timeout instead of
     * hanging the build, and costs one deadline per rule. A second deadline would come from the {@code @AfterEach}:
     * the stuck backend's close() rightly waits for the stuck phase, so closing it would hang until the
     * {@code @AfterEach}'s own deadline (it did, 6.1 s per rule here, before the kit abandoned such backends).
     * Counted, not timed: exactly one deadline expired in each rule's failure (the rule's own; an expired
     * {@code @AfterEach} would be a suppressed failure of the same test), and close() was never called.
     */
    @Test
    void aHangOnFailureIsCaughtByOneExpiredDeadlinePerRule() {
        int closesBefore = HangingOnFailureBackend.closeCalls();
        Rule[] stuck = {Rule.FAIL_FAST_STOPS_NEW_TASKS, Rule.CONTINUE_SKIPS_ONLY_DEPENDENTS};
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.HangingOnFailure.class,
                EnumSet.copyOf(Arrays.asList(stuck)), stuck);
        assertThat(message(results.get(Rule.FAIL_FAST_STOPS_NEW_TASKS.methodName())))
                .contains("did not finish within").contains("HangingOnFailureBackend.execute")
                .contains("left open, not closed");
        for (Rule rule : stuck) {
            Throwable failure = results.get(rule.methodName()).getThrowable().orElseThrow();
            List<String> expired = messages(failure).stream().filter(m -> m.contains(" did not finish within "))
                    .toList();
            assertThat(expired).as("deadlines that expired while rule %s ran and was cleaned up", rule.label())
                    .singleElement().asString().contains(rule.methodName() + " did not finish within ");
        }
        assertThat(HangingOnFailureBackend.closeCalls()).as("close() calls on the stuck backends")
                .isEqualTo(closesBefore);
    }

    /**
     * Rule 5.01: a helper thread close() signals but never joins; it ends about 450 ms after close() returned,
     * which a check with a grace period (5.01 once allowed 2 s) lets pass.
     */
    @Test
    void aLeakedThreadIsCaughtByCloseLeavesNoThread() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.ThreadLeaking.class,
                allButStress(), Rule.CLOSE_LEAVES_NO_THREAD);
        assertThat(message(results.get(Rule.CLOSE_LEAVES_NO_THREAD.methodName())))
                .contains("still alive when close() returned").contains("leaky-stats-sampler");
    }

    /**
     * Rule 5.07: a close() that returns at once while another thread's phase runs; the rule sees its closer
     * finish while the phase is still held, whatever the timing (it waits until the closer is inside close() or
     * done, not a while).
     */
    @Test
    void aCloseThatDoesNotWaitForTheRunningPhaseIsCaughtByCloseWaitsForRunningPhase() {
        Map<String, TestExecutionResult> results = assertCaught(BrokenBackendVerifications.EarlyClosing.class,
                EnumSet.of(Rule.CLOSE_WAITS_FOR_RUNNING_PHASE), Rule.CLOSE_WAITS_FOR_RUNNING_PHASE);
        assertThat(message(results.get(Rule.CLOSE_WAITS_FOR_RUNNING_PHASE.methodName())))
                .contains("close() returned before the running phase completed");
    }

    /**
     * Rule 5.08: close() synchronized, waiting for the phase inside the monitor; a system's close() while another
     * thread closes is a deadlock, which the rule reports with the stacks, by its wait, not by hanging.
     */
    @Test
    void aSynchronizedCloseIsCaughtByCloseFromInsideFailsFast() {
        Map<String, TestExecutionResult> results = assertCaughtExactly(
                BrokenBackendVerifications.SynchronizedClose.class, allButStress(), Rule.CLOSE_FROM_INSIDE_FAILS_FAST);
        assertThat(message(results.get(Rule.CLOSE_FROM_INSIDE_FAILS_FAST.methodName())))
                .contains("a deadlock").contains("SynchronizedCloseBackend.close").contains("left open, not closed");
    }

    /**
     * A pool thread that keeps the interrupt flag a body set: later bodies start interrupted (5.09), and its
     * idle park returns at once, so it spins after phases whose bodies interrupt themselves (5.10).
     */
    @Test
    void anInterruptLeftOnAPoolThreadIsCaughtByBodyInterruptStaysInBodyAndIdleBackendUsesNoCpu() {
        Map<String, TestExecutionResult> results = assertCaughtExactly(
                BrokenBackendVerifications.InterruptLeaking.class, allButStress(), Rule.BODY_INTERRUPT_STAYS_IN_BODY,
                Rule.IDLE_BACKEND_USES_NO_CPU);
        assertThat(message(results.get(Rule.IDLE_BACKEND_USES_NO_CPU.methodName()))).contains("after a burst");
    }

    /** Rule 5.10: a helper thread that polls with Thread.yield() while the backend is idle. */
    @Test
    void aSpinningIdleThreadIsCaughtByIdleBackendUsesNoCpu() {
        Map<String, TestExecutionResult> results = assertCaughtExactly(BrokenBackendVerifications.SpinningIdle.class,
                allButStress(), Rule.IDLE_BACKEND_USES_NO_CPU);
        assertThat(message(results.get(Rule.IDLE_BACKEND_USES_NO_CPU.methodName())))
                .contains("right after creation").contains("'spinning-stats-watcher'");
    }

    /** Rule 6.01: stats whose command count never grows (the rule once accepted a growth of 0 as "not counted"). */
    @Test
    void aBackendThatNeverCountsCommandsIsCaughtByStatsAgreeWithWhatRan() {
        Map<String, TestExecutionResult> results = assertCaughtExactly(
                BrokenBackendVerifications.CommandUncounting.class, allButStress(), Rule.STATS_AGREE_WITH_WHAT_RAN);
        assertThat(message(results.get(Rule.STATS_AGREE_WITH_WHAT_RAN.methodName())))
                .contains("commandsRecorded() must grow by the commands the bodies recorded");
    }

    /** Rule 6.06: listener calls without a guard, so that a listener's bug breaks the phase. */
    @Test
    void anUnguardedListenerIsCaughtByThrowingListenerLosesOnlyEvents() {
        assertCaught(BrokenBackendVerifications.UnguardedListener.class,
                EnumSet.of(Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS), Rule.THROWING_LISTENER_LOSES_ONLY_EVENTS);
    }

    /** Rule 3.06, and only it: a result that follows its plan's latest phase instead of failing once stale. */
    @Test
    void aResultReadingTheNextPhaseIsCaughtByStaleResultThrows() {
        assertCaughtExactly(BrokenBackendVerifications.LatestResult.class,
                EnumSet.of(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, Rule.RESULT_VALID_UNTIL_SAME_PLAN_RUNS_AGAIN,
                        Rule.STALE_RESULT_THROWS),
                Rule.STALE_RESULT_THROWS);
    }

    /** The stress harnesses find broken backends too. */
    @Test
    void stressHarnessesCatchBrokenBackends() {
        StressOptions options = StressOptions.defaults().withDuration(Duration.ofMillis(300)).withWorkers(4)
                .withSeed(42).withQuiet(true);
        StressReport dropping = new ShortPhases().run(DroppingBackend::new, options);
        StressReport ignoring = new StealStorm().run(ConflictIgnoringBackend::new, options);
        assertThat(dropping.failuresFound()).as(dropping.summaryLine()).isPositive();
        assertThat(dropping.firstFailures().get(0)).contains("[1.01 everySystemRunsExactlyOnce]");
        assertThat(ignoring.failuresFound()).as(ignoring.summaryLine()).isPositive();
    }

    private static Set<Rule> allButStress() {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        Arrays.stream(Rule.values()).filter(r -> r.kind() != RuleKind.STOCHASTIC).forEach(rules::add);
        return rules;
    }

    /** As {@link #assertCaught}, and requires that no other rule failed: the backend has one defect. */
    private static Map<String, TestExecutionResult> assertCaughtExactly(Class<?> verification, Set<Rule> rules,
                                                                         Rule... catching) {
        Map<String, TestExecutionResult> results = assertCaught(verification, rules, catching);
        Set<String> failed = new TreeSet<>();
        results.forEach((method, result) -> {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.add(method);
            }
        });
        Set<String> expected = new TreeSet<>();
        Arrays.stream(catching).map(Rule::methodName).forEach(expected::add);
        assertThat(failed).as("the rules %s failed", verification.getSimpleName()).isEqualTo(expected);
        return results;
    }

    /**
     * Runs {@code rules} of a verification and requires each of {@code catching} to have failed with its label (or
     * a timeout naming it) in the message; a rule that passed is reported with every rule that failed.
     */
    private static Map<String, TestExecutionResult> assertCaught(Class<?> verification, Set<Rule> rules,
                                                                  Rule... catching) {
        Map<String, TestExecutionResult> results = run(verification, rules);
        Map<String, String> failed = new TreeMap<>();
        results.forEach((method, result) -> {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.put(Rule.forMethod(method).map(Rule::number).orElse(method), firstLine(message(result)));
            }
        });
        StringBuilder sb = new StringBuilder(verification.getSimpleName()).append(" failed ").append(failed.size())
                .append(" of ").append(results.size()).append(" rules:");
        failed.forEach((rule, msg) -> sb.append("\n  ").append(rule).append(": ").append(msg));
        for (Rule rule : catching) {
            TestExecutionResult r = results.get(rule.methodName());
            assertThat(r).as("rule %s ran against %s", rule.label(), verification.getSimpleName()).isNotNull();
            assertThat(r.getStatus()).as("rule %s against %s; %s", rule.label(), verification.getSimpleName(), sb)
                    .isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(message(r)).as("the failure of %s names the rule", rule.methodName())
                    .containsAnyOf(rule.label(), rule.methodName());
        }
        return results;
    }

    private static Map<String, TestExecutionResult> run(Class<?> verification, Set<Rule> rules) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(rules.stream().map(r -> selectMethod(verification, r.methodName())).toList())
                .build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    results.put(m.getMethodName(), result);
                }
            }
        });
        return results;
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(t -> t + "").orElse("");
    }

    /** The messages of a failure, of its causes and of its suppressed failures (a failed {@code @AfterEach}'s). */
    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (seen.add(t)) {
                messages.add(String.valueOf(t.getMessage()));
                if (t.getCause() != null) {
                    todo.push(t.getCause());
                }
                Arrays.stream(t.getSuppressed()).forEach(todo::push);
            }
        }
        return messages;
    }

    private static String firstLine(String s) {
        List<String> lines = s.lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (lines.size() > 1 && first.matches(".*\\d+ findings?$")) {
            first += " " + lines.get(1).trim();
        }
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
