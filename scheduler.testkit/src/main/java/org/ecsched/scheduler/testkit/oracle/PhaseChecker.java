package org.ecsched.scheduler.testkit.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.testkit.rules.Findings;
import org.ecsched.scheduler.testkit.rules.Rule;
import org.ecsched.scheduler.testkit.phase.PhaseInstance;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.PhaseProbe;
import org.ecsched.scheduler.testkit.phase.SystemModel;
import org.ecsched.scheduler.testkit.phase.TaskRecord;
import org.ecsched.scheduler.testkit.phase.TestCommand;

/**
 * Checks one execution of a generated phase against the oracle and the probe, rule by rule. Stateless.
 *
 * <p>What it compares: the tasks the probe saw (exactly-once, range cover, minimum batch), the probe's guards and
 * contexts (overlaps, worker indices), the probe's logical clock against the plan's orderings, the outcomes and
 * failures against the {@link Expectation} under the policy, the delivered commands against the oracle's for the
 * systems reported COMPLETED, and the task count.
 */
public final class PhaseChecker {

    /** Ordering violations listed per execution; the rest are counted. */
    private static final int MAX_ORDERING_FINDINGS = 8;

    private PhaseChecker() {
    }

    /**
     * Checks an execution.
     *
     * @param instance    what ran (its probe holds what the bodies saw)
     * @param expected    the oracle's expectation for the instance's plan and current entity counts
     * @param result      what the backend returned
     * @param policy      the policy it ran under
     * @param config      the backend's configuration (workers, default minimum batch)
     * @param countsTasks whether {@link PhaseResult#tasksExecuted()} must count the bodies that ran
     * @return what breaks a rule, empty if nothing
     */
    public static Findings check(PhaseInstance instance, Expectation<TestCommand> expected,
                                 PhaseResult<TestCommand> result, FailurePolicy policy, SchedulerConfig config,
                                 boolean countsTasks) {
        return new Check(instance, expected, result, policy, config, countsTasks).run();
    }

    /** The state of one check. */
    private static final class Check {
        final PhaseInstance instance;
        final PhaseModel model;
        final Plan<TestCommand> plan;
        final PhaseProbe probe;
        final Expectation<TestCommand> expected;
        final PhaseResult<TestCommand> result;
        final FailurePolicy policy;
        final SchedulerConfig config;
        final boolean countsTasks;
        final Rule policyRule;
        final Findings f = new Findings();
        final int n;
        final List<List<TaskRecord>> tasks = new ArrayList<>();
        SystemOutcome[] outcomes;

        Check(PhaseInstance instance, Expectation<TestCommand> expected, PhaseResult<TestCommand> result,
              FailurePolicy policy, SchedulerConfig config, boolean countsTasks) {
            this.instance = instance;
            this.model = instance.model();
            this.plan = instance.plan();
            this.probe = instance.probe();
            this.expected = expected;
            this.result = result;
            this.policy = policy;
            this.config = config;
            this.countsTasks = countsTasks;
            this.policyRule = policy == FailurePolicy.FAIL_FAST ? Rule.FAIL_FAST_STOPS_NEW_TASKS
                    : Rule.CONTINUE_SKIPS_ONLY_DEPENDENTS;
            this.n = plan.systemCount();
            for (int s = 0; s < n; s++) {
                tasks.add(new ArrayList<>());
            }
            for (TaskRecord t : probe.tasks()) {
                if (t.system() >= 0 && t.system() < n) {
                    tasks.get(t.system()).add(t);
                }
            }
            tasks.forEach(list -> list.sort(Comparator.comparingInt(TaskRecord::start)));
        }

        Findings run() {
            if (result == null) {
                f.add(policyRule, "execute returned null instead of a result");
                return f;
            }
            if (probe.tasksInside() != 0) {
                f.add(Rule.EXECUTE_RETURNS_AFTER_EVERY_TASK, probe.tasksInside()
                        + " bodies were still running when execute returned");
            }
            readOutcomes();
            for (int s = 0; s < n; s++) {
                if (model.system(s).isRanged()) {
                    checkRanges(s);
                } else {
                    checkOnce(s);
                }
            }
            checkOrderings();
            probe.overlaps().forEach(m -> f.add(Rule.CONFLICTING_SYSTEMS_NEVER_OVERLAP, m));
            more(Rule.CONFLICTING_SYSTEMS_NEVER_OVERLAP, probe.overlapCount(), probe.overlaps().size());
            probe.contextErrors().forEach(m -> f.add(Rule.CONTEXT_DESCRIBES_THE_TASK, m));
            more(Rule.CONTEXT_DESCRIBES_THE_TASK, probe.contextErrorCount(), probe.contextErrors().size());
            if (outcomes != null) {
                checkOutcomes();
                checkFailures();
                checkCommands();
                checkTaskCount();
            }
            return f;
        }

        private void more(Rule rule, int count, int kept) {
            if (count > kept) {
                f.add(rule, "... and " + (count - kept) + " more like these");
            }
        }

        private String name(int s) {
            return "'" + plan.system(s).name() + "'";
        }

        private void readOutcomes() {
            if (result.plan() != plan) {
                f.add(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, "result.plan() is " + result.plan()
                        + ", not the executed plan " + plan);
            }
            if (result.policy() != policy) {
                f.add(policyRule, "result.policy() is " + result.policy() + " but the phase ran under " + policy);
            }
            SystemOutcome[] o = new SystemOutcome[n];
            for (int s = 0; s < n; s++) {
                try {
                    o[s] = result.outcome(s);
                } catch (RuntimeException e) {
                    f.add(policyRule, "result.outcome(" + s + ") threw " + e);
                    return;
                }
                if (o[s] == null) {
                    f.add(policyRule, "result.outcome(" + s + ") is null");
                    return;
                }
            }
            outcomes = o;
        }

        private void checkOnce(int s) {
            List<TaskRecord> ts = tasks.get(s);
            if (ts.size() > 1) {
                f.add(Rule.EVERY_SYSTEM_RUNS_EXACTLY_ONCE, name(s) + " ran " + ts.size() + " times in one phase");
            }
            if (outcomes == null) {
                return;
            }
            if (outcomes[s] == SystemOutcome.COMPLETED && ts.size() != 1) {
                f.add(Rule.EVERY_SYSTEM_RUNS_EXACTLY_ONCE, name(s) + " is COMPLETED but its body ran " + ts.size()
                        + " times");
            }
            if (outcomes[s] == SystemOutcome.SKIPPED && !ts.isEmpty() && !ts.get(0).threw()) {
                f.add(Rule.EVERY_SYSTEM_RUNS_EXACTLY_ONCE, name(s) + " ran to its end but is reported SKIPPED");
            }
        }

        private void checkRanges(int s) {
            List<TaskRecord> ts = tasks.get(s);
            int count = expected.entityCount(s);
            int minBatch = model.system(s).minBatch() > 0 ? model.system(s).minBatch() : config.minBatchSize();
            int covered = 0;
            int next = 0;
            String gap = null;
            for (TaskRecord t : ts) {
                if (t.start() < 0 || t.start() > t.end() || t.end() > Math.max(0, count)) {
                    Rule rule = count == 0 ? Rule.EMPTY_PHASES_COMPLETE : Rule.ENTITY_RANGES_COVER_EXACTLY_ONCE;
                    f.add(rule, name(s) + " (" + count + " entities) was called on [" + t.start() + ", " + t.end()
                            + ")");
                    continue;
                }
                if (t.length() == 0) {
                    continue;
                }
                if (t.start() < next) {
                    f.add(Rule.ENTITY_RANGES_COVER_EXACTLY_ONCE, name(s) + " visited entities [" + t.start() + ", "
                            + Math.min(next, t.end()) + ") twice: ranges " + rangesOf(ts));
                } else if (t.start() > next && gap == null) {
                    gap = "[" + next + ", " + t.start() + ")";
                }
                if (t.end() != count && t.length() < minBatch) {
                    f.add(Rule.RANGES_RESPECT_MINIMUM_BATCH, name(s) + " got range [" + t.start() + ", " + t.end()
                            + ") of " + t.length() + " entities; its minimum batch is " + minBatch
                            + " and the range does not end at " + count);
                }
                covered += t.length();
                next = Math.max(next, t.end());
            }
            if (outcomes == null) {
                return;
            }
            boolean mustCover = outcomes[s] == SystemOutcome.COMPLETED
                    || (policy == FailurePolicy.CONTINUE && outcomes[s] == SystemOutcome.FAILED
                    && !expected.countFailed(s));
            if (mustCover && count > 0 && (covered != count || next != count || gap != null)) {
                String missing = gap != null ? gap : next < count ? "[" + next + ", " + count + ")" : "none";
                f.add(Rule.ENTITY_RANGES_COVER_EXACTLY_ONCE, name(s) + " is " + outcomes[s] + " but its ranges "
                        + rangesOf(ts) + " do not cover [0, " + count + ") exactly once (first entities missing: "
                        + missing + ")");
            }
        }

        private String rangesOf(List<TaskRecord> ts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ts.size() && i < 12; i++) {
                sb.append(i == 0 ? "" : " ").append('[').append(ts.get(i).start()).append(", ")
                        .append(ts.get(i).end()).append(')');
            }
            return ts.size() > 12 ? sb + " ... (" + ts.size() + " ranges)" : sb.toString();
        }

        private void checkOrderings() {
            long[] firstEnter = new long[n];
            long[] lastExit = new long[n];
            for (int s = 0; s < n; s++) {
                firstEnter[s] = Long.MAX_VALUE;
                lastExit[s] = Long.MIN_VALUE;
                for (TaskRecord t : tasks.get(s)) {
                    firstEnter[s] = Math.min(firstEnter[s], t.enterTick());
                    lastExit[s] = Math.max(lastExit[s], t.exitTick());
                }
            }
            int violations = 0;
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (u == v || tasks.get(u).isEmpty() || tasks.get(v).isEmpty() || !plan.isOrderedBefore(u, v)) {
                        continue;
                    }
                    if (lastExit[u] > firstEnter[v] && violations++ < MAX_ORDERING_FINDINGS) {
                        f.add(Rule.ORDERINGS_HOLD, name(v) + " started before " + name(u) + " finished, but "
                                + plan.explain(plan.system(u).name(), plan.system(v).name()).replace("\n  ", " "));
                    }
                }
            }
            if (violations > MAX_ORDERING_FINDINGS) {
                f.add(Rule.ORDERINGS_HOLD, "... and " + (violations - MAX_ORDERING_FINDINGS) + " more");
            }
        }

        private void checkOutcomes() {
            for (int u = 0; u < n; u++) {
                if (outcomes[u] == SystemOutcome.COMPLETED) {
                    continue;
                }
                for (int v = 0; v < n; v++) {
                    if (plan.isOrderedBefore(u, v) && !tasks.get(v).isEmpty()) {
                        f.add(policyRule, name(v) + " ran although " + name(u) + ", ordered before it, is "
                                + outcomes[u]);
                    }
                }
            }
            if (policy == FailurePolicy.CONTINUE) {
                SystemOutcome[] want = expected.outcomesUnderContinue();
                for (int s = 0; s < n; s++) {
                    if (outcomes[s] != want[s]) {
                        f.add(policyRule, name(s) + " is " + outcomes[s] + ", expected " + want[s] + why(s, want));
                    }
                }
            } else {
                boolean anyFailed = false;
                for (int s = 0; s < n; s++) {
                    anyFailed |= outcomes[s] == SystemOutcome.FAILED;
                    if (outcomes[s] == SystemOutcome.FAILED && !expected.wouldFail(s)) {
                        f.add(policyRule, name(s) + " is FAILED but never throws");
                    }
                    if (outcomes[s] == SystemOutcome.COMPLETED && expected.wouldFail(s)) {
                        f.add(policyRule, name(s) + " is COMPLETED but throws " + expected.thrown(s));
                    }
                    if (outcomes[s] == SystemOutcome.COMPLETED) {
                        for (int p : expected.predecessors(s)) {
                            if (outcomes[p] != SystemOutcome.COMPLETED) {
                                f.add(policyRule, name(s) + " is COMPLETED though " + name(p)
                                        + ", which runs before it, is " + outcomes[p]);
                            }
                        }
                    }
                    if (!expected.anyFails() && outcomes[s] != SystemOutcome.COMPLETED) {
                        f.add(policyRule, name(s) + " is " + outcomes[s] + " though no system throws");
                    }
                }
                if (expected.anyFails() && !anyFailed) {
                    f.add(policyRule, "no system is FAILED though " + firstFailing() + " throws");
                }
            }
            boolean allCompleted = true;
            for (SystemOutcome o : outcomes) {
                allCompleted &= o == SystemOutcome.COMPLETED;
            }
            boolean wantSucceeded = allCompleted && result.failures().isEmpty();
            if (result.succeeded() != wantSucceeded) {
                f.add(policyRule, "succeeded() is " + result.succeeded() + " but " + (wantSucceeded
                        ? "every system COMPLETED" : "not every system COMPLETED or a failure was reported"));
            }
        }

        private String firstFailing() {
            for (int s = 0; s < n; s++) {
                if (expected.wouldFail(s)) {
                    return name(s);
                }
            }
            return "?";
        }

        private String why(int s, SystemOutcome[] want) {
            if (want[s] == SystemOutcome.FAILED) {
                return ": it throws " + expected.thrown(s);
            }
            if (want[s] == SystemOutcome.SKIPPED) {
                for (int p : expected.predecessors(s)) {
                    if (want[p] != SystemOutcome.COMPLETED) {
                        return ": it runs after " + name(p) + ", which is " + want[p];
                    }
                }
            }
            return "";
        }

        private void checkFailures() {
            List<SystemFailure> failures = result.failures();
            int[] perSystem = new int[n];
            for (SystemFailure sf : failures) {
                int s = sf.systemIndex();
                if (s < 0 || s >= n) {
                    f.add(policyRule, "failure with system index " + s + ": " + sf);
                    continue;
                }
                perSystem[s]++;
                if (!plan.system(s).name().equals(sf.systemName())) {
                    f.add(policyRule, "failure of system " + s + " names '" + sf.systemName() + "': " + sf);
                }
                if (outcomes[s] != SystemOutcome.FAILED) {
                    f.add(policyRule, "failure reported for " + name(s) + ", which is " + outcomes[s] + ": " + sf);
                }
                if (expected.countFailed(s)) {
                    continue; // a count failure's throwable and range are the backend's to choose
                }
                Throwable want = expected.thrown(s);
                Throwable got = sf.cause();
                if (want == null || got == null || got.getClass() != want.getClass()
                        || !Objects.equals(got.getMessage(), want.getMessage())) {
                    f.add(Rule.ERRORS_ARE_FAILURES_TOO, "failure of " + name(s) + " carries " + got + ", expected "
                            + want + " itself (not wrapped)");
                }
                SystemModel m = model.system(s);
                if (m.isRanged() && expected.entityCount(s) > 0) {
                    int at = m.fault().at();
                    if (at < sf.rangeStart() || at >= sf.rangeEnd()) {
                        f.add(Rule.RANGE_FAILURE_FAILS_THE_SYSTEM, "failure of " + name(s) + " names range ["
                                + sf.rangeStart() + ", " + sf.rangeEnd() + "), which does not hold entity " + at
                                + " where it threw");
                    }
                } else if (sf.rangeStart() != 0 || sf.rangeEnd() != 0) {
                    f.add(policyRule, "failure of " + name(s) + ", which runs once, names range [" + sf.rangeStart()
                            + ", " + sf.rangeEnd() + ") instead of [0, 0)");
                }
                if (sf.workerIndex() < 0 || sf.workerIndex() >= config.workers()) {
                    f.add(Rule.CONTEXT_DESCRIBES_THE_TASK, "failure of " + name(s) + " names worker "
                            + sf.workerIndex() + ", outside [0, " + config.workers() + ")");
                }
            }
            for (int s = 0; s < n; s++) {
                boolean failed = outcomes[s] == SystemOutcome.FAILED;
                if (failed && perSystem[s] != 1 && !expected.countFailed(s)) {
                    f.add(policyRule, name(s) + " is FAILED with " + perSystem[s]
                            + " failures reported; its one throwing task makes exactly one");
                }
                Throwable first = result.failure(s);
                if (failed && first == null) {
                    f.add(policyRule, "failure(" + s + ") is null though " + name(s) + " is FAILED");
                }
                if (!failed && first != null) {
                    f.add(policyRule, "failure(" + s + ") is " + first + " though " + name(s) + " is " + outcomes[s]);
                }
            }
        }

        private void checkCommands() {
            List<TestCommand> want = expected.commandsOf(s -> outcomes[s] == SystemOutcome.COMPLETED);
            List<TestCommand> got;
            try {
                got = new ArrayList<>(result.commands());
            } catch (RuntimeException e) {
                f.add(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, "result.commands() threw " + e);
                return;
            }
            if (result.commandCount() != got.size()) {
                f.add(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, "commandCount() is " + result.commandCount()
                        + " but commands() has " + got.size());
            } else {
                for (int i = 0; i < got.size(); i++) {
                    if (!Objects.equals(result.command(i), got.get(i))) {
                        f.add(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, "command(" + i + ") differs from commands().get("
                                + i + ")");
                        break;
                    }
                }
            }
            if (want.equals(got)) {
                return;
            }
            int i = 0;
            while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
                i++;
            }
            f.add(Rule.COMMANDS_IN_DETERMINISTIC_ORDER, "delivered " + got.size() + " commands, the oracle "
                    + want.size()
                    + "; first difference at index " + i + ": expected " + window(want, i) + ", got "
                    + window(got, i) + perSystemCounts(want, got));
        }

        private String window(List<TestCommand> list, int i) {
            if (i >= list.size()) {
                return "<end>";
            }
            return list.subList(i, Math.min(list.size(), i + 4)) + (i + 4 < list.size() ? "..." : "");
        }

        private String perSystemCounts(List<TestCommand> want, List<TestCommand> got) {
            int[] w = new int[n];
            int[] g = new int[n];
            want.forEach(c -> w[c.system()]++);
            got.forEach(c -> {
                if (c != null && c.system() >= 0 && c.system() < n) {
                    g[c.system()]++;
                }
            });
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < n; s++) {
                if (w[s] != g[s]) {
                    sb.append(sb.length() == 0 ? "; per system (expected/got): " : ", ").append(name(s)).append(' ')
                            .append(w[s]).append('/').append(g[s]);
                }
            }
            return sb.toString();
        }

        private void checkTaskCount() {
            if (!countsTasks) {
                return;
            }
            int observed = 0;
            for (List<TaskRecord> ts : tasks) {
                observed += ts.size();
            }
            // PhaseRun counts the task of a zero-entity system, whose body it never calls: allow for those.
            int silent = 0;
            for (int s = 0; s < n; s++) {
                if (model.system(s).isRanged() && expected.entityCount(s) <= 0
                        && outcomes[s] != SystemOutcome.SKIPPED) {
                    silent++;
                }
            }
            int counted = result.tasksExecuted();
            if (counted < observed || counted > observed + silent) {
                f.add(Rule.STATS_AGREE_WITH_WHAT_RAN, "tasksExecuted() is " + counted + " but " + observed
                        + " bodies ran" + (silent == 0 ? "" : " (plus up to " + silent + " zero-entity tasks)"));
            }
        }
    }
}
