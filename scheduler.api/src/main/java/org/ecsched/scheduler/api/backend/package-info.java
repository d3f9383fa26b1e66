/**
 * What every backend needs, so that no backend writes it again: {@link org.ecsched.scheduler.api.backend.PhaseRun}
 * (per-phase bookkeeping: dependency counts, failure policies, outcomes, per-task command segments and the
 * deterministic merge), {@link org.ecsched.scheduler.api.backend.ExecutionGuard} (closed, concurrent and
 * re-entrant misuse), {@link org.ecsched.scheduler.api.backend.PlanRunCache} (one reusable run per plan, so that
 * steady-state execution allocates nothing) and {@link org.ecsched.scheduler.api.backend.WorkerCounters}.
 * {@link org.ecsched.scheduler.api.backend.PlanGraph} is the executor's view of a plan (its DAG as indices), for a
 * backend that walks the graph itself; the user's {@link org.ecsched.scheduler.api.Plan} does not show it.
 *
 * <p>Start from {@link org.ecsched.scheduler.api.backend.AbstractSchedulerBackend}: it writes the outline of
 * {@code execute} (misuse checks, the per-plan run, guarded listener events, close, stats) once, and a backend
 * writes {@code drive}: run each task its per-plan state is handed through {@code PhaseRun.runTask} on some thread
 * until the run reports it finished. The testkit's README shows a complete sequential backend built that way.
 *
 * <p>What the backend can rely on, and what it owes in return:
 * <ul>
 *   <li>{@code runTask}, {@code runPiece}, {@code completeRange}, {@code recordTaskFailure} and {@code failTask}
 *       never throw for a fault of the bookkeeping around a body (an {@link OutOfMemoryError} growing a command
 *       log, a listener that throws): the fault fails that system, and the task still counts, so a worker thread
 *       survives and the phase completes. The backend keeps the same promise for its own code: a task it cannot
 *       make, queue or hand over is ended with {@code PhaseRun.failTask}, and
 *       {@link org.ecsched.scheduler.api.backend.ReadyHandler#ready} never throws.</li>
 *   <li>{@code PhaseRun.start} resets whatever a phase left, so a phase abandoned between start and finish (its
 *       coordinating thread threw, once every task it handed out had ended) leaves nothing behind.</li>
 *   <li>Releasing a long chain of skipped systems takes constant stack.</li>
 *   <li>{@link org.ecsched.scheduler.api.backend.GuardedListener} shields listener callbacks (one warning per
 *       listener); {@link org.ecsched.scheduler.api.backend.ExecutionGuard#close} closes exactly once, waiting for a
 *       running phase without a monitor and without polling; {@link org.ecsched.scheduler.api.backend.ThreadJoins}
 *       joins the backend's threads.</li>
 * </ul>
 */
package org.ecsched.scheduler.api.backend;
