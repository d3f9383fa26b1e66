/**
 * Phases for testing backends: {@link org.ecsched.scheduler.testkit.phase.PhaseModel} describes one as plain,
 * printable data; {@link org.ecsched.scheduler.testkit.phase.RandomPhases} (seeded, plain Java) and
 * {@link org.ecsched.scheduler.testkit.phase.PhaseArbitraries} (jqwik, shrinking) generate them from a
 * {@link org.ecsched.scheduler.testkit.phase.PhaseShape}; {@link org.ecsched.scheduler.testkit.phase.PhaseInstance}
 * compiles one into a plan whose bodies report to a {@link org.ecsched.scheduler.testkit.phase.PhaseProbe}
 * (component guards, task ranges, contexts, logical times).
 *
 * <p>Start with {@link org.ecsched.scheduler.testkit.phase.PhaseModel} and
 * {@link org.ecsched.scheduler.testkit.phase.SystemModel}: every generated phase is one, and prints itself as Java
 * to paste into a test.
 */
package org.ecsched.scheduler.testkit.phase;
