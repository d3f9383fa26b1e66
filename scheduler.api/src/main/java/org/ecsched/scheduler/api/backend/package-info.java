/**
 * What every backend needs, so that no backend writes it again: {@link org.ecsched.scheduler.api.backend.PhaseRun}
 * (per-phase bookkeeping: dependency counts, failure policies, outcomes, per-task command segments and the
 * deterministic merge), {@link org.ecsched.scheduler.api.backend.ExecutionGuard} (closed, concurrent and
 * re-entrant misuse), {@link org.ecsched.scheduler.api.backend.PlanRunCache} (one reusable run per plan, so that
 * steady-state execution allocates nothing) and {@link org.ecsched.scheduler.api.backend.WorkerCounters}.
 *
 * <p>A backend's whole job is then: call {@code PhaseRun.start}, run each task it is handed through
 * {@code PhaseRun.runTask} on some thread, and call {@code PhaseRun.finish} when the run reports it finished.
 * The README's "write your own backend" section shows a complete sequential backend in about forty lines.
 */
package org.ecsched.scheduler.api.backend;
