package org.ecsched.scheduler.api;

/** A phase could not be compiled; the message names the systems involved and the problem. */
public final class InvalidPlanException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what is wrong, naming the phase and systems
     */
    public InvalidPlanException(String message) {
        super(message);
    }
}
