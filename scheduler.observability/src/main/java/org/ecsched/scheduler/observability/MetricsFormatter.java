package org.ecsched.scheduler.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.WorkerStats;

/**
 * Log lines for what {@link BackendStats#toTable()} does not cover: a one-line summary of a phase, and the
 * counter table of a window (the difference between two snapshots, for example frames 10 to 12).
 */
public final class MetricsFormatter {

    private MetricsFormatter() {
    }

    /**
     * One line describing a phase result, for example
     * {@code update: 48 tasks in 1.250 ms (FAIL_FAST), succeeded} or
     * {@code update: 31 tasks in 0.930 ms (CONTINUE), 1 failed [physics], 2 skipped [render, audio]}; systems whose
     * run condition was false are listed last, as in {@code ..., succeeded, 1 disabled [debugDraw]}.
     * Call it while the result is valid (before the plan runs again).
     *
     * @param result a phase result, still valid
     * @return the line, without a line separator
     */
    public static String phaseSummary(PhaseResult<?> result) {
        Plan<?> plan = result.plan();
        StringBuilder sb = new StringBuilder(plan.name()).append(": ").append(result.tasksExecuted())
                .append(result.tasksExecuted() == 1 ? " task" : " tasks").append(" in ")
                .append(millis(result.durationNanos())).append(" ms (").append(result.policy()).append(')');
        if (result.succeeded()) {
            sb.append(", succeeded");
            appendOutcome(sb, result, SystemOutcome.DISABLED, "disabled");
            return sb.toString();
        }
        appendOutcome(sb, result, SystemOutcome.FAILED, "failed");
        appendOutcome(sb, result, SystemOutcome.SKIPPED, "skipped");
        appendOutcome(sb, result, SystemOutcome.DISABLED, "disabled");
        return sb.toString();
    }

    private static void appendOutcome(StringBuilder sb, PhaseResult<?> result, SystemOutcome outcome, String word) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < result.plan().systemCount(); s++) {
            if (result.outcome(s) == outcome) {
                names.add(result.plan().system(s).name());
            }
        }
        if (!names.isEmpty()) {
            sb.append(", ").append(names.size()).append(' ').append(word).append(' ').append(names);
        }
    }

    /**
     * The counters accumulated between two snapshots of the same backend, as {@link BackendStats#toTable()}
     * renders them (its first line then counts the window's phases).
     *
     * @param earlier the older snapshot
     * @param later   the newer snapshot of the same backend
     * @return the table
     * @throws IllegalArgumentException if the snapshots name different backends or worker counts, or if
     *                                  {@code later} is older than {@code earlier}
     */
    public static String windowTable(BackendStats earlier, BackendStats later) {
        return difference(earlier, later).toTable();
    }

    /** {@code later - earlier}, counter by counter; checked as {@link #windowTable} says. */
    static BackendStats difference(BackendStats earlier, BackendStats later) {
        if (!earlier.backend().equals(later.backend()) || earlier.workers().size() != later.workers().size()) {
            throw new IllegalArgumentException("snapshots of different backends: " + earlier.backend() + " with "
                    + earlier.workers().size() + " workers and " + later.backend() + " with "
                    + later.workers().size() + " workers");
        }
        if (later.phases() < earlier.phases()) {
            throw new IllegalArgumentException("the later snapshot (" + later.phases()
                    + " phases) is older than the earlier one (" + earlier.phases() + " phases)");
        }
        List<WorkerStats> workers = new ArrayList<>(later.workers().size());
        for (int w = 0; w < later.workers().size(); w++) {
            WorkerStats a = earlier.workers().get(w);
            WorkerStats b = later.workers().get(w);
            workers.add(new WorkerStats(b.worker(), b.tasksExecuted() - a.tasksExecuted(),
                    b.tasksStolen() - a.tasksStolen(), b.stealAttempts() - a.stealAttempts(),
                    b.stealSuccesses() - a.stealSuccesses(), b.lifoHits() - a.lifoHits(), b.spins() - a.spins(),
                    b.yields() - a.yields(), b.parks() - a.parks(), b.commandsRecorded() - a.commandsRecorded(),
                    b.busyNanos() - a.busyNanos()));
        }
        return new BackendStats(later.backend(), later.phases() - earlier.phases(), workers);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
