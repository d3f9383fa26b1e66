package org.ecsched.scheduler.testkit.oracle;

import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.testkit.rules.Findings;
import org.ecsched.scheduler.testkit.phase.TestCommand;

/**
 * One checked execution: the backend's result (valid until the plan runs again), what the checks found, and a
 * description of the phase and setting to print with a failure.
 *
 * @param result   the backend's result
 * @param findings what the checks found
 * @param tasksRan the body invocations the probe saw
 * @param context  the phase (readable and as Java), the backend, its workers and the policy
 */
public record Execution(PhaseResult<TestCommand> result, Findings findings, int tasksRan, String context) {

    /**
     * Throws an {@link AssertionError} with the findings and the context unless nothing was found.
     *
     * @return this execution, when it is clean
     */
    public Execution assertClean() {
        findings.assertNone(context);
        return this;
    }
}
