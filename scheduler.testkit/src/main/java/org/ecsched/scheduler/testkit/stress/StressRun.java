package org.ecsched.scheduler.testkit.stress;

import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.testkit.oracle.Execution;
import org.ecsched.scheduler.testkit.oracle.PhaseVerifier;
import org.ecsched.scheduler.testkit.phase.PhaseModel;
import org.ecsched.scheduler.testkit.phase.RandomPhases;

/**
 * The running tally of one stress run, handed to each round: it executes and checks phases and counts what it
 * saw. Used by the harness thread only, except the progress fields read by the watchdog.
 */
final class StressRun {

    /** Failures described in full in the report. */
    private static final int KEPT = 3;

    final SchedulerBackend backend;
    final StressOptions options;
    private final List<String> firstFailures = new ArrayList<>();
    private long nextPhase;
    volatile long phases;
    volatile long tasks;
    volatile long failures;
    volatile long lastProgressNanos = System.nanoTime();

    StressRun(SchedulerBackend backend, StressOptions options) {
        this.backend = backend;
        this.options = options;
    }

    /** The seed of the next generated phase. */
    long nextSeed() {
        return RandomPhases.seedFor(options.seed(), nextPhase++);
    }

    /** A verifier for a model, requiring task counts as the options say. */
    PhaseVerifier verifier(PhaseModel model) {
        return new PhaseVerifier(model).countsTasks(options.countsTasks());
    }

    /** Executes and checks one phase, counting it. */
    Execution execute(PhaseVerifier verifier, FailurePolicy policy) {
        Execution e = verifier.execute(backend, policy);
        phases++;
        tasks += e.tasksRan();
        lastProgressNanos = System.nanoTime();
        if (!e.findings().isEmpty()) {
            failure(e.findings().list().size() + " findings:\n  " + String.join("\n  ",
                    e.findings().list().stream().map(Object::toString).toList()) + "\n" + e.context());
        }
        return e;
    }

    /** Counts a failure found outside an execution (a leak, a stall). */
    void failure(String description) {
        failures++;
        if (firstFailures.size() < KEPT) {
            firstFailures.add(description);
        }
    }

    List<String> firstFailures() {
        return firstFailures;
    }
}
