package org.ecsched.scheduler.api;

import java.util.List;

/**
 * Thrown by {@link PhaseResult#throwIfFailed()}: the first failure is the cause, every other one is suppressed.
 */
public final class PhaseFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<SystemFailure> failures;

    /**
     * Makes the exception; its cause is the first failure's throwable, the others are suppressed.
     *
     * @param phaseName the phase that failed
     * @param failures  every failure, at least one
     */
    public PhaseFailedException(String phaseName, List<SystemFailure> failures) {
        super(message(phaseName, failures), failures.isEmpty() ? null : failures.get(0).cause());
        this.failures = List.copyOf(failures);
        for (int i = 1; i < this.failures.size(); i++) {
            addSuppressed(this.failures.get(i).cause());
        }
    }

    private static String message(String phaseName, List<SystemFailure> failures) {
        StringBuilder sb = new StringBuilder("phase '").append(phaseName).append("' had ")
                .append(failures.size()).append(failures.size() == 1 ? " failure" : " failures");
        for (SystemFailure f : failures) {
            sb.append("\n  ").append(f);
        }
        return sb.toString();
    }

    /** {@return every failure of the phase, in the order they were recorded} */
    public List<SystemFailure> failures() {
        return failures;
    }
}
