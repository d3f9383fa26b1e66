/**
 * The oracles: {@link org.ecsched.scheduler.testkit.oracle.SequentialOracle} (an independent reference executor),
 * {@link org.ecsched.scheduler.testkit.oracle.PhaseChecker} (every rule checked on one execution),
 * {@link org.ecsched.scheduler.testkit.oracle.PhaseVerifier} (execute and check in one call),
 * {@link org.ecsched.scheduler.testkit.oracle.ListenerRecorder} (listener event balance) and
 * {@link org.ecsched.scheduler.testkit.oracle.ThreadLeaks} (threads left behind by close).
 */
package org.ecsched.scheduler.testkit.oracle;
