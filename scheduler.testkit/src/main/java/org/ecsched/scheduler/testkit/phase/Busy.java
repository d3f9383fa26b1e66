package org.ecsched.scheduler.testkit.phase;

/** Simulated work: a xorshift loop whose result the JIT cannot discard. */
final class Busy {

    private Busy() {
    }

    /** Runs {@code iterations} rounds of xorshift64 from a seed and returns the state (never 0). */
    static long work(long seed, int iterations) {
        long x = seed | 1L;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** How many commands a system records at an entity: a fixed hash in {@code [0, max]}. */
    static int commandsAt(int system, int entity, int max) {
        if (max == 0) {
            return 0;
        }
        if (entity < 0) {
            return max;
        }
        long h = (system + 1L) * 0x9E3779B97F4A7C15L ^ (entity + 1L) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) Math.floorMod(h, max + 1L);
    }
}
