package org.ecsched.scheduler.testkit.stress;

import java.time.Duration;
import java.util.List;

/**
 * What a stress run did and found.
 *
 * @param name          the harness
 * @param phases        phases executed and checked
 * @param tasks         task bodies that ran
 * @param failuresFound executions with at least one finding, plus leaked threads and stalls
 * @param seed          the seed to replay the run
 * @param elapsed       how long it ran
 * @param firstFailures the first few failures, each with its findings and its phase (readable and as Java)
 */
public record StressReport(String name, long phases, long tasks, long failuresFound, long seed, Duration elapsed,
                           List<String> firstFailures) {

    /**
     * Copies the list.
     *
     * @param name          the harness
     * @param phases        phases executed and checked
     * @param tasks         task bodies that ran
     * @param failuresFound executions with at least one finding, plus leaked threads and stalls
     * @param seed          the seed to replay the run
     * @param elapsed       how long it ran
     * @param firstFailures the first few failures, each with its findings and its phase (readable and as Java)
     */
    public StressReport {
        firstFailures = List.copyOf(firstFailures);
    }

    /** {@return one line, {@code stress <name>: phases=..., tasks=..., failures found=..., seed=...}} */
    public String summaryLine() {
        return "stress " + name + ": phases=" + phases + ", tasks=" + tasks + ", failures found=" + failuresFound
                + ", seed=" + seed;
    }

    /** Throws an {@link AssertionError} with the summary and the first failures, unless none was found. */
    public void assertNoFailures() {
        if (failuresFound == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder(summaryLine());
        for (String f : firstFailures) {
            sb.append("\n---\n").append(f);
        }
        throw new AssertionError(sb.toString());
    }
}
