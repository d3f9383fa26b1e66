package org.ecsched.scheduler.deque;

/**
 * What a steal attempt found. The two failures are distinct because the caller reacts differently: after
 * {@link #EMPTY} a thief looks elsewhere (or goes idle); after {@link #RETRY} the victim had work and another
 * thread took it first, so trying the same victim again may succeed.
 */
public enum StealResult {
    /** Nothing was there to take: the victim looked empty at the moment of the attempt. */
    EMPTY,
    /** At least one task was taken; it is in the caller's {@link Stolen} cell. */
    SUCCESS,
    /** The victim had work, but another thief (or the owner) won the race for it; try again. */
    RETRY
}
