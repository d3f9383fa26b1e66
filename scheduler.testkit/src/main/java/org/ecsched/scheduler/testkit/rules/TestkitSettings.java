package org.ecsched.scheduler.testkit.rules;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The kit's knobs, read from system properties so that CI and a developer can turn them without code:
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #TIMEOUT_FACTOR_PROPERTY}</td><td>1</td><td>multiplies every timeout (slow or loaded
 *       machines, debuggers)</td></tr>
 *   <tr><td>{@value #SEED_PROPERTY}</td><td>random, printed with every failure</td><td>the base seed of random
 *       phases and stress runs</td></tr>
 *   <tr><td>{@value #RANDOM_PHASES_PROPERTY}</td><td>24</td><td>random phases per stochastic rule</td></tr>
 *   <tr><td>{@value #REPEATS_PROPERTY}</td><td>100</td><td>executions of one plan in rule 3.02</td></tr>
 *   <tr><td>{@value #STRESS_MILLIS_PROPERTY}</td><td>1500</td><td>milliseconds per stress harness (the root
 *       pom's {@code soak} profile sets 60000)</td></tr>
 * </table>
 */
public final class TestkitSettings {

    /** Multiplies every timeout. */
    public static final String TIMEOUT_FACTOR_PROPERTY = "ecsched.testkit.timeoutFactor";
    /** The base seed. */
    public static final String SEED_PROPERTY = "ecsched.testkit.seed";
    /** Random phases per stochastic rule. */
    public static final String RANDOM_PHASES_PROPERTY = "ecsched.testkit.randomPhases";
    /** Executions of one plan in the repeated-runs rule. */
    public static final String REPEATS_PROPERTY = "ecsched.testkit.repeats";
    /** Milliseconds per stress harness. */
    public static final String STRESS_MILLIS_PROPERTY = "stress.millis";

    /** Chosen once per JVM when no seed is set, so that every failure of a run prints the same seed. */
    private static final long RANDOM_SEED = new SplittableRandom().nextLong();

    private TestkitSettings() {
    }

    /** {@return the timeout factor (at least 0.1)} */
    public static double timeoutFactor() {
        String v = System.getProperty(TIMEOUT_FACTOR_PROPERTY);
        if (v == null || v.isBlank()) {
            return 1.0;
        }
        double f = Double.parseDouble(v.trim());
        if (!(f >= 0.1)) {
            throw new IllegalArgumentException(TIMEOUT_FACTOR_PROPERTY + " must be >= 0.1 but was " + v);
        }
        return f;
    }

    /**
     * Scales a duration by the timeout factor.
     *
     * @param base the unscaled duration
     * @return {@code base} times the factor
     */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos((long) (base.toNanos() * timeoutFactor()));
    }

    /** {@return the base seed: the property if set, else one random value for the whole JVM} */
    public static long seed() {
        String v = System.getProperty(SEED_PROPERTY);
        return v == null || v.isBlank() ? RANDOM_SEED : Long.parseLong(v.trim());
    }

    /** {@return the random phases per stochastic rule} */
    public static int randomPhases() {
        return Integer.getInteger(RANDOM_PHASES_PROPERTY, 24);
    }

    /** {@return the number of executions of one plan in rule 3.02} */
    public static int repeats() {
        return Integer.getInteger(REPEATS_PROPERTY, 100);
    }

    /** {@return how long each stress harness runs} */
    public static Duration stressDuration() {
        String v = System.getProperty(STRESS_MILLIS_PROPERTY);
        return Duration.ofMillis(v == null || v.isBlank() ? 1500 : Long.parseLong(v.trim()));
    }
}
