/**
 * What an ECS author uses: describe systems, compile a phase into a plan, execute it on a backend, read the
 * result.
 *
 * <p>Start with {@link org.ecsched.scheduler.api.SchedulerBackend}: its comment is the whole contract of
 * {@code execute} (what runs when, in which order commands come back, failures, interrupts, misuse, close). Then,
 * in the order a frame uses them:
 * <ul>
 *   <li>{@link org.ecsched.scheduler.api.SystemSpec}: one system, its component reads and writes, explicit
 *       orderings, and a body that runs once ({@link org.ecsched.scheduler.api.SystemBody}) or over entity ranges
 *       ({@link org.ecsched.scheduler.api.RangeBody});</li>
 *   <li>{@link org.ecsched.scheduler.api.Phase} and {@link org.ecsched.scheduler.api.Plan}: systems in declaration
 *       order, compiled once into a DAG in which conflicting systems are ordered (the orderings nobody declared
 *       are listed as {@link org.ecsched.scheduler.api.ImpliedOrdering}s, Bevy's ambiguities);</li>
 *   <li>{@link org.ecsched.scheduler.api.Schedulers} and {@link org.ecsched.scheduler.api.SchedulerConfig}: find
 *       a backend with {@link java.util.ServiceLoader} and configure it;</li>
 *   <li>{@link org.ecsched.scheduler.api.PhaseResult}: outcomes ({@link org.ecsched.scheduler.api.SystemOutcome},
 *       {@link org.ecsched.scheduler.api.SystemFailure}) and the deferred commands, in one deterministic order;</li>
 *   <li>{@link org.ecsched.scheduler.api.BackendStats}, {@link org.ecsched.scheduler.api.WorkerStats} and
 *       {@link org.ecsched.scheduler.api.SchedulerListener}: per-worker counters and events, for observability.</li>
 * </ul>
 *
 * <p>A backend author implements {@link org.ecsched.scheduler.api.SchedulerBackendProvider} and builds the
 * backend on {@code org.ecsched.scheduler.api.backend}, which holds everything but the choice of thread.
 */
package org.ecsched.scheduler.api;
