package org.ecsched.scheduler.testkit.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The findings of one or more checks, and the assertion that there are none. */
public final class Findings {

    /** Findings printed in a failure message; the rest are counted. */
    private static final int PRINTED = 12;

    private final List<Finding> list = new ArrayList<>();

    /** Makes an empty set. */
    public Findings() {
    }

    /**
     * Records a finding.
     *
     * @param rule    the rule broken
     * @param message what was seen
     */
    public void add(Rule rule, String message) {
        list.add(new Finding(rule, message));
    }

    /**
     * Records every finding of another set.
     *
     * @param other the other set
     */
    public void addAll(Findings other) {
        list.addAll(other.list);
    }

    /** {@return whether nothing was found} */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** {@return the number of findings} */
    public int size() {
        return list.size();
    }

    /** {@return the findings, in the order they were made} */
    public List<Finding> list() {
        return Collections.unmodifiableList(list);
    }

    /** {@return the rules broken} */
    public Set<Rule> rules() {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        list.forEach(f -> rules.add(f.rule()));
        return rules;
    }

    /**
     * Throws an {@link AssertionError} listing the findings, the rules they break (with their checklists) and
     * {@code context} (for example the phase and how to replay it), unless there are none.
     *
     * @param context printed under the findings
     */
    public void assertNone(String context) {
        if (list.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder().append(list.size()).append(list.size() == 1 ? " finding" : " findings");
        for (int i = 0; i < Math.min(PRINTED, list.size()); i++) {
            sb.append("\n  ").append(list.get(i));
        }
        if (list.size() > PRINTED) {
            sb.append("\n  ... and ").append(list.size() - PRINTED).append(" more");
        }
        for (Rule r : rules()) {
            sb.append("\n").append(r.explain());
        }
        if (context != null && !context.isEmpty()) {
            sb.append("\n").append(context);
        }
        throw new AssertionError(sb.toString());
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
