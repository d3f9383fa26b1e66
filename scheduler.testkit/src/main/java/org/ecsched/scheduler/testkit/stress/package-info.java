/**
 * Stress harnesses, each a {@code main} and a method for tests:
 * {@link org.ecsched.scheduler.testkit.stress.StealStorm}, {@link org.ecsched.scheduler.testkit.stress.ShortPhases},
 * {@link org.ecsched.scheduler.testkit.stress.UnevenPhases},
 * {@link org.ecsched.scheduler.testkit.stress.Oversubscription} and
 * {@link org.ecsched.scheduler.testkit.stress.FaultInjection}; {@link org.ecsched.scheduler.testkit.stress.StressMain}
 * runs any of them from the command line. Every execution is checked by the oracles while the harness runs.
 *
 * <p>Start with {@link org.ecsched.scheduler.testkit.stress.StressHarness}, the loop every harness shares, and
 * {@link org.ecsched.scheduler.testkit.stress.StressOptions}, which sets how long and how hard it runs.
 */
package org.ecsched.scheduler.testkit.stress;
