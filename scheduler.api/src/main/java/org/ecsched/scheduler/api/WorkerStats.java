package org.ecsched.scheduler.api;

/**
 * Counters of one worker since the backend started. A backend without a notion (a blocking backend never steals)
 * reports zero for it. Read while a phase runs, the values are a racy but untorn snapshot; between phases they
 * are exact.
 *
 * @param worker           the worker's index
 * @param tasksExecuted    tasks whose body this worker ran
 * @param tasksStolen      tasks this worker took from another worker's deque
 * @param stealAttempts    steal attempts (one per victim tried)
 * @param stealSuccesses   attempts that took at least one task
 * @param lifoHits         tasks taken from the LIFO slot
 * @param spins            idle spin rounds ({@code Thread.onSpinWait})
 * @param yields           idle {@code Thread.yield} calls
 * @param parks            times the worker parked
 * @param commandsRecorded commands recorded by tasks this worker ran
 * @param busyNanos        time spent running tasks (bodies and the bookkeeping around them), as the backend
 *                         measures it: per stretch of tasks run back to back, or per task
 */
public record WorkerStats(int worker, long tasksExecuted, long tasksStolen, long stealAttempts, long stealSuccesses,
                          long lifoHits, long spins, long yields, long parks, long commandsRecorded,
                          long busyNanos) {

    /** {@return the share of steal attempts that took something, 0 when there were none} */
    public double stealSuccessRate() {
        return stealAttempts == 0 ? 0.0 : (double) stealSuccesses / stealAttempts;
    }
}
