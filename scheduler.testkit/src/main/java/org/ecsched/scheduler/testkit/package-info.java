/**
 * The conformance suite: {@link org.ecsched.scheduler.testkit.SchedulerBackendVerification} (extend it with one
 * factory method), the rules it checks ({@link org.ecsched.scheduler.testkit.rules.Rule}), what the checks report
 * ({@link org.ecsched.scheduler.testkit.rules.Finding}, {@link org.ecsched.scheduler.testkit.rules.Findings}) and the knobs
 * ({@link org.ecsched.scheduler.testkit.rules.TestkitSettings}).
 *
 * <p>Start with {@link org.ecsched.scheduler.testkit.SchedulerBackendVerification}: extend it, write
 * {@code createBackend}, and each of its test methods checks one rule, named after it
 * ({@code required_2_02_conflictingSystemsNeverOverlap}). The other packages are what the suite is made of:
 * {@code phase} (generated phases), {@code oracle} (the checks) and {@code stress} (long runs).
 */
package org.ecsched.scheduler.testkit;
