package org.ecsched.scheduler.api;

/**
 * What a phase does once a system throws.
 *
 * <p>Under both policies: a throwable of any kind ({@link Error}s included) is caught at the task boundary and
 * reported in the {@link PhaseResult} with the system's name and range; the phase always completes; the backend's
 * threads survive and the backend can run the next phase. Commands of failed and skipped systems are not
 * delivered; every completed system's commands are.
 */
public enum FailurePolicy {

    /**
     * Once any task fails, no new task starts: tasks already running finish, every system that has not completed
     * is reported {@link SystemOutcome#SKIPPED} (or {@link SystemOutcome#FAILED} if one of its own tasks threw).
     * A system whose ranges had partly run when the phase stopped is {@code SKIPPED} and its commands are
     * discarded.
     */
    FAIL_FAST,

    /**
     * Every system runs except those that depend, directly or transitively, on a failed or skipped system; those
     * are {@link SystemOutcome#SKIPPED}. Independent systems are unaffected by a failure.
     */
    CONTINUE
}
