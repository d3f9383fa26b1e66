package org.ecsched.scheduler.testkit.rules;

import java.util.Objects;

/**
 * One violation of one rule, seen in one execution.
 *
 * @param rule    the rule broken
 * @param message what was seen, naming systems, ranges and values
 */
public record Finding(Rule rule, String message) {

    /**
     * Checks the fields.
     *
     * @param rule    the rule broken
     * @param message what was seen, naming systems, ranges and values
     */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + rule.label() + "] " + message;
    }
}
