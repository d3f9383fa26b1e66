package org.ecsched.scheduler.api;

/** What became of one system in one phase. */
public enum SystemOutcome {
    /** Every task of the system ran without throwing; its commands are delivered. */
    COMPLETED,
    /** At least one task of the system threw; its commands are discarded. */
    FAILED,
    /** The system did not run (or did not finish) because of the failure policy; its commands are discarded. */
    SKIPPED,
    /**
     * The system's run condition ({@link SystemSpec.Builder#runIf}) was false when it became ready: no task of it
     * ran and it recorded nothing. Not a failure: {@link PhaseResult#succeeded()} counts it as success, and its
     * successors run as if it had completed (they still wait for its predecessors).
     */
    DISABLED
}
