package org.ecsched.scheduler.testkit.stress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import org.ecsched.scheduler.testkit.rules.TestkitSettings;

/**
 * How long and how hard a stress harness runs.
 *
 * @param duration    how long to run (the harness finishes the phase in progress)
 * @param workers     the backend's worker count (the oversubscription harness raises it to at least 32)
 * @param seed        the first seed; phase {@code i} uses {@code RandomPhases.seedFor(seed, i)}
 * @param quiet       true to print nothing but stall warnings (for tests); false to print progress every few
 *                    seconds and the summary line
 * @param out         where to print
 * @param countsTasks whether the backend's results count the tasks they ran (see rule 6.01)
 */
public record StressOptions(Duration duration, int workers, long seed, boolean quiet, PrintStream out,
                            boolean countsTasks) {

    /**
     * Checks the fields.
     *
     * @param duration    how long to run (the harness finishes the phase in progress)
     * @param workers     the backend's worker count (the oversubscription harness raises it to at least 32)
     * @param seed        the first seed; phase {@code i} uses {@code RandomPhases.seedFor(seed, i)}
     * @param quiet       true to print nothing but stall warnings (for tests); false to print progress every few
     *                    seconds and the summary line
     * @param out         where to print
     * @param countsTasks whether the backend's results count the tasks they ran (see rule 6.01)
     */
    public StressOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(out, "out");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
    }

    /**
     * The defaults: {@value TestkitSettings#STRESS_MILLIS_PROPERTY} milliseconds (1500 unless set), as many
     * workers as processors, the kit's seed ({@value TestkitSettings#SEED_PROPERTY}), progress on System.out.
     *
     * @return the default options
     */
    public static StressOptions defaults() {
        return new StressOptions(TestkitSettings.stressDuration(), Runtime.getRuntime().availableProcessors(),
                TestkitSettings.seed(), false, System.out, true);
    }

    /**
     * These options with another duration.
     *
     * @param d the duration
     * @return the new options
     */
    public StressOptions withDuration(Duration d) {
        return new StressOptions(d, workers, seed, quiet, out, countsTasks);
    }

    /**
     * These options with another worker count.
     *
     * @param n the worker count
     * @return the new options
     */
    public StressOptions withWorkers(int n) {
        return new StressOptions(duration, n, seed, quiet, out, countsTasks);
    }

    /**
     * These options with another seed.
     *
     * @param s the seed
     * @return the new options
     */
    public StressOptions withSeed(long s) {
        return new StressOptions(duration, workers, s, quiet, out, countsTasks);
    }

    /**
     * These options, quiet or not.
     *
     * @param q true to print nothing but stall warnings
     * @return the new options
     */
    public StressOptions withQuiet(boolean q) {
        return new StressOptions(duration, workers, seed, q, out, countsTasks);
    }

    /**
     * These options printing to {@code stream}.
     *
     * @param stream where to print
     * @return the new options
     */
    public StressOptions withOut(PrintStream stream) {
        return new StressOptions(duration, workers, seed, quiet, stream, countsTasks);
    }

    /**
     * These options with task counting required or not.
     *
     * @param required true to require it
     * @return the new options
     */
    public StressOptions withCountsTasks(boolean required) {
        return new StressOptions(duration, workers, seed, quiet, out, required);
    }
}
