package org.ecsched.scheduler.deque;

/** Argument checks shared by the two queues. */
final class Capacity {

    private Capacity() {
    }

    /**
     * Returns {@code capacity} if it is a power of two of at least 2 (so that {@code index & (capacity - 1)}
     * maps an ever-growing 64-bit index onto the array), else throws {@link IllegalArgumentException} naming it.
     */
    static int requirePowerOfTwo(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2, but was " + capacity);
        }
        return capacity;
    }

    /** Returns {@code limit} if it is at least 1, else throws {@link IllegalArgumentException} naming it. */
    static int requirePositiveLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
        }
        return limit;
    }
}
