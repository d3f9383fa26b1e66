/**
 * The oracles: {@link org.ecsched.scheduler.testkit.oracle.SequentialOracle} (an independent reference executor),
 * {@link org.ecsched.scheduler.testkit.oracle.PhaseChecker} (every rule checked on one execution),
 * {@link org.ecsched.scheduler.testkit.oracle.PhaseVerifier} (execute and check in one call),
 * {@link org.ecsched.scheduler.testkit.oracle.ListenerRecorder} (listener event balance),
 * {@link org.ecsched.scheduler.testkit.oracle.ThreadLeaks} (threads left behind by close) and
 * {@link org.ecsched.scheduler.testkit.oracle.ThreadCpu} (the CPU time of a backend's threads while it is idle).
 *
 * <p>Start with {@link org.ecsched.scheduler.testkit.oracle.PhaseVerifier}, which a rule calls for one execution;
 * {@link org.ecsched.scheduler.testkit.oracle.PhaseChecker} then holds the checks themselves.
 */
package org.ecsched.scheduler.testkit.oracle;
