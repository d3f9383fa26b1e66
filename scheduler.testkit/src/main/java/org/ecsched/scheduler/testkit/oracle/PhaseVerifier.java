package org.ecsched.scheduler.testkit.oracle;

import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.testkit.rules.Findings;
import org.ecsched.scheduler.testkit.phase.PhaseInstance;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.TestCommand;

/**
 * Executes a generated phase on backends and checks every execution: the one-stop entry of the oracles.
 *
 * <pre>{@code
 * PhaseVerifier v = new PhaseVerifier(RandomPhases.generate(seed, PhaseShape.faulty()));
 * v.execute(backend, FailurePolicy.CONTINUE).assertClean();
 * }</pre>
 *
 * <p>The same compiled plan is executed every time (so that backends' per-plan caches and result reuse are
 * exercised); the oracle runs a second instance of the model, without the busy work, once per set of entity
 * counts. Not thread-safe: one execution at a time.
 */
public final class PhaseVerifier {

    private final PhaseInstance instance;
    private final PhaseInstance oracleInstance;
    private Expectation<TestCommand> expectation;
    private boolean countsTasks = true;

    /**
     * Instruments and compiles the model.
     *
     * @param model the phase
     */
    public PhaseVerifier(PhaseModel model) {
        this.instance = PhaseInstance.of(model);
        this.oracleInstance = PhaseInstance.of(model, false);
    }

    /**
     * Whether to require {@link PhaseResult#tasksExecuted()} to count the bodies that ran (default true).
     *
     * @param required true to require it
     * @return this verifier
     */
    public PhaseVerifier countsTasks(boolean required) {
        this.countsTasks = required;
        return this;
    }

    /** {@return the model} */
    public PhaseModel model() {
        return instance.model();
    }

    /** {@return the plan the backends execute} */
    public Plan<TestCommand> plan() {
        return instance.plan();
    }

    /** {@return the instrumented instance the backends execute} */
    public PhaseInstance instance() {
        return instance;
    }

    /** {@return the oracle's expectation for the current entity counts} */
    public Expectation<TestCommand> expectation() {
        if (expectation == null) {
            expectation = SequentialOracle.expect(oracleInstance.plan());
        }
        return expectation;
    }

    /**
     * Changes a supplied entity count from the next execution on (see {@link PhaseInstance#setEntityCount}).
     *
     * @param system the system's position in the plan
     * @param count  the new count
     */
    public void setEntityCount(int system, int count) {
        instance.setEntityCount(system, count);
        oracleInstance.setEntityCount(system, count);
        expectation = null;
    }

    /**
     * Executes the plan once on {@code backend} under {@code policy} and checks the execution.
     *
     * @param backend the backend
     * @param policy  the failure policy
     * @return the result and what the checks found
     */
    public Execution execute(SchedulerBackend backend, FailurePolicy policy) {
        Expectation<TestCommand> expected = expectation();
        instance.probe().reset(backend.config().workers());
        PhaseResult<TestCommand> result = backend.execute(instance.plan(), policy);
        Findings findings = PhaseChecker.check(instance, expected, result, policy, backend.config(), countsTasks);
        return new Execution(result, findings, instance.probe().tasks().size(), describe(backend, policy));
    }

    /**
     * The phase, as text and as Java, and the setting: for failure messages.
     *
     * @param backend the backend it ran on
     * @param policy  the failure policy
     * @return several lines of text
     */
    public String describe(SchedulerBackend backend, FailurePolicy policy) {
        return "while backend '" + backend.name() + "' with " + backend.config().workers() + " workers ran under "
                + policy + " " + instance.model() + "\nthe phase as Java:\n" + instance.model().toJava();
    }
}
