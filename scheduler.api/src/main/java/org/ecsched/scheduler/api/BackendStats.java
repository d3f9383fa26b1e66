package org.ecsched.scheduler.api;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A snapshot of a backend's counters: totals and one {@link WorkerStats} per worker.
 *
 * @param backend the backend's name
 * @param phases  phases executed since the backend started
 * @param workers per-worker counters, indexed by worker
 */
public record BackendStats(String backend, long phases, List<WorkerStats> workers) {

    /**
     * Copies the worker list.
     *
     * @param backend the backend's name
     * @param phases  phases executed since the backend started
     * @param workers per-worker counters, indexed by worker
     */
    public BackendStats {
        workers = List.copyOf(workers);
    }

    /** {@return the total tasks executed} */
    public long tasksExecuted() {
        return sum(WorkerStats::tasksExecuted);
    }

    /** {@return the total tasks stolen} */
    public long tasksStolen() {
        return sum(WorkerStats::tasksStolen);
    }

    /** {@return the total steal attempts} */
    public long stealAttempts() {
        return sum(WorkerStats::stealAttempts);
    }

    /** {@return the total successful steal attempts} */
    public long stealSuccesses() {
        return sum(WorkerStats::stealSuccesses);
    }

    /** {@return the total LIFO slot hits} */
    public long lifoHits() {
        return sum(WorkerStats::lifoHits);
    }

    /** {@return the total spins} */
    public long spins() {
        return sum(WorkerStats::spins);
    }

    /** {@return the total yields} */
    public long yields() {
        return sum(WorkerStats::yields);
    }

    /** {@return the total parks} */
    public long parks() {
        return sum(WorkerStats::parks);
    }

    /** {@return the total commands recorded} */
    public long commandsRecorded() {
        return sum(WorkerStats::commandsRecorded);
    }

    /** {@return the total busy time in nanoseconds} */
    public long busyNanos() {
        return sum(WorkerStats::busyNanos);
    }

    private long sum(ToLongFunction<WorkerStats> f) {
        long s = 0;
        for (WorkerStats w : workers) {
            s += f.applyAsLong(w);
        }
        return s;
    }

    /** {@return the counters as a fixed-width table, one row per worker and a total row, for logs} */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d phases%n", backend, phases));
        String fmt = "%-7s %12s %10s %10s %8s %10s %12s %10s %8s %12s %10s%n";
        sb.append(String.format(fmt, "worker", "executed", "stolen", "attempts", "success", "lifo", "spins",
                "yields", "parks", "commands", "busy ms"));
        for (WorkerStats w : workers) {
            sb.append(String.format(fmt, w.worker(), w.tasksExecuted(), w.tasksStolen(), w.stealAttempts(),
                    percent(w.stealSuccessRate()), w.lifoHits(), w.spins(), w.yields(), w.parks(),
                    w.commandsRecorded(), w.busyNanos() / 1_000_000));
        }
        double rate = stealAttempts() == 0 ? 0 : (double) stealSuccesses() / stealAttempts();
        sb.append(String.format(fmt, "total", tasksExecuted(), tasksStolen(), stealAttempts(), percent(rate),
                lifoHits(), spins(), yields(), parks(), commandsRecorded(), busyNanos() / 1_000_000));
        return sb.toString();
    }

    private static String percent(double rate) {
        return String.format("%.1f%%", rate * 100);
    }
}
