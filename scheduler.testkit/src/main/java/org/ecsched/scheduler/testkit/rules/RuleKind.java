package org.ecsched.scheduler.testkit.rules;

/** How a rule binds a backend; the prefix of its test method's name. */
public enum RuleKind {
    /** Every backend must pass it. */
    REQUIRED("required"),
    /** Checked only when the backend declares the capability; skipped with the reason otherwise. */
    OPTIONAL("optional"),
    /** Required, but checked by random sampling or stress: a pass is evidence, a failure is a proof. */
    STOCHASTIC("stochastic");

    private final String prefix;

    RuleKind(String prefix) {
        this.prefix = prefix;
    }

    /** {@return the test method prefix: {@code required}, {@code optional} or {@code stochastic}} */
    public String prefix() {
        return prefix;
    }
}
