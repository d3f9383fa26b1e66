/**
 * The conformance suite: {@link org.ecsched.scheduler.testkit.SchedulerBackendVerification} (extend it with one
 * factory method), the rules it checks ({@link org.ecsched.scheduler.testkit.Rule}), what the checks report
 * ({@link org.ecsched.scheduler.testkit.Finding}, {@link org.ecsched.scheduler.testkit.Findings}) and the knobs
 * ({@link org.ecsched.scheduler.testkit.TestkitSettings}).
 */
package org.ecsched.scheduler.testkit;
