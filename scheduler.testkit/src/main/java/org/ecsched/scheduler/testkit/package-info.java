/**
 * The conformance suite: {@link org.ecsched.scheduler.testkit.SchedulerBackendVerification} (extend it with one
 * factory method), the rules it checks ({@link org.ecsched.scheduler.testkit.rules.Rule}), what the checks report
 * ({@link org.ecsched.scheduler.testkit.rules.Finding}, {@link org.ecsched.scheduler.testkit.rules.Findings}) and the knobs
 * ({@link org.ecsched.scheduler.testkit.rules.TestkitSettings}).
 */
package org.ecsched.scheduler.testkit;
