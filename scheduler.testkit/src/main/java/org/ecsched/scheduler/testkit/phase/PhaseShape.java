package org.ecsched.scheduler.testkit.phase;

import java.util.List;
import java.util.Locale;

/**
 * The parameters of random phases: how many systems, how they touch components, how densely they are ordered,
 * how large, how busy, how chatty and how faulty they are. Use a preset ({@link #typical()}, ...) or adjust one
 * with the {@code with...} methods.
 *
 * @param name                a label printed with generated phases (a preset's name, or "custom")
 * @param minSystems          fewest systems (>= 0)
 * @param maxSystems          most systems
 * @param components          component keys to choose from ({@code C0} ... ; at most 64)
 * @param readChance          chance that a system reads a given component
 * @param writeChance         chance that a system writes a given component
 * @param maxLinks            most explicit orderings a system declares
 * @param linkChance          chance of each of those orderings
 * @param rankSpread          0: explicit orderings follow declaration order; more: some run against it
 * @param rangedChance        chance that a system is entity-parallel
 * @param maxEntities         largest entity count (counts are log-uniform: many small, some large)
 * @param maxMinBatch         largest own minimum batch (0: systems always use the backend's)
 * @param suppliedCountChance chance that an entity-parallel system supplies its count every phase
 * @param maxWork             most busy-loop iterations per entity or run (log-uniform)
 * @param maxCommands         most commands per entity or run
 * @param faultChance         chance that a system throws
 * @param errorShare          share of faults that throw an {@link Error} (the rest: runtime and checked)
 */
public record PhaseShape(String name, int minSystems, int maxSystems, int components, double readChance,
                         double writeChance, int maxLinks, double linkChance, int rankSpread, double rangedChance,
                         int maxEntities, int maxMinBatch, double suppliedCountChance, int maxWork, int maxCommands,
                         double faultChance, double errorShare) {

    /**
     * Checks the fields.
     *
     * @param name                a label printed with generated phases (a preset's name, or "custom")
     * @param minSystems          fewest systems (>= 0)
     * @param maxSystems          most systems
     * @param components          component keys to choose from ({@code C0} ... ; at most 64)
     * @param readChance          chance that a system reads a given component
     * @param writeChance         chance that a system writes a given component
     * @param maxLinks            most explicit orderings a system declares
     * @param linkChance          chance of each of those orderings
     * @param rankSpread          0: explicit orderings follow declaration order; more: some run against it
     * @param rangedChance        chance that a system is entity-parallel
     * @param maxEntities         largest entity count (counts are log-uniform: many small, some large)
     * @param maxMinBatch         largest own minimum batch (0: systems always use the backend's)
     * @param suppliedCountChance chance that an entity-parallel system supplies its count every phase
     * @param maxWork             most busy-loop iterations per entity or run (log-uniform)
     * @param maxCommands         most commands per entity or run
     * @param faultChance         chance that a system throws
     * @param errorShare          share of faults that throw an {@link Error} (the rest: runtime and checked)
     */
    public PhaseShape {
        if (minSystems < 0 || maxSystems < minSystems) {
            throw new IllegalArgumentException("need 0 <= minSystems <= maxSystems but got " + minSystems + ", "
                    + maxSystems);
        }
        if (components < 0 || components > 64) {
            throw new IllegalArgumentException("components must be in [0, 64] but was " + components);
        }
        if (maxLinks < 0 || rankSpread < 0 || maxEntities < 0 || maxMinBatch < 0 || maxWork < 0 || maxCommands < 0) {
            throw new IllegalArgumentException("counts must be >= 0: " + this);
        }
        for (double p : new double[] {readChance, writeChance, linkChance, rangedChance, suppliedCountChance,
                faultChance, errorShare}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("chances must be in [0, 1]: " + this);
            }
        }
    }

    /** {@return a shape of a few small systems: quick to run, easy to read when they fail} */
    public static PhaseShape small() {
        return new PhaseShape("small", 1, 5, 3, 0.3, 0.2, 1, 0.4, 2, 0.4, 300, 16, 0.3, 64, 2, 0.0, 0.3);
    }

    /** {@return a shape of frame-like phases: a dozen systems over a handful of components, some entity-parallel} */
    public static PhaseShape typical() {
        return new PhaseShape("typical", 2, 14, 5, 0.25, 0.15, 2, 0.3, 3, 0.45, 4000, 64, 0.25, 64, 3, 0.0, 0.3);
    }

    /** {@return a shape like {@link #typical()} where about one system in six throws (a third of them errors)} */
    public static PhaseShape faulty() {
        return new PhaseShape("faulty", 2, 14, 5, 0.25, 0.15, 2, 0.3, 3, 0.45, 4000, 64, 0.25, 64, 3, 0.16, 0.33);
    }

    /**
     * {@return a shape of many independent systems: no components, no orderings} What parallel backends should
     * spread out.
     */
    public static PhaseShape wide() {
        return new PhaseShape("wide", 8, 32, 0, 0, 0, 0, 0, 0, 0.5, 4000, 32, 0.2, 256, 2, 0.0, 0.3);
    }

    /**
     * {@return a shape of many tiny tasks: dozens of empty systems and large systems cut into ranges of 1 to 4
     * entities}
     */
    public static PhaseShape stealStorm() {
        return new PhaseShape("stealStorm", 20, 60, 2, 0.05, 0.02, 1, 0.1, 1, 0.15, 20000, 4, 0.1, 2, 1, 0.0, 0.3);
    }

    /** {@return a shape of a few systems of very different sizes: one long system next to short ones, some chained} */
    public static PhaseShape uneven() {
        return new PhaseShape("uneven", 2, 8, 4, 0.2, 0.15, 1, 0.4, 2, 0.6, 100_000, 256, 0.2, 64, 1, 0.0, 0.3);
    }

    /** {@return every preset, by name} */
    public static List<PhaseShape> presets() {
        return List.of(small(), typical(), faulty(), wide(), stealStorm(), uneven());
    }

    /**
     * This shape with another system count range.
     *
     * @param min the fewest systems
     * @param max the most systems
     * @return the new shape
     */
    public PhaseShape withSystems(int min, int max) {
        return new PhaseShape(name, min, max, components, readChance, writeChance, maxLinks, linkChance, rankSpread,
                rangedChance, maxEntities, maxMinBatch, suppliedCountChance, maxWork, maxCommands, faultChance,
                errorShare);
    }

    /**
     * This shape with another fault chance.
     *
     * @param chance the chance that a system throws, from 0 to 1
     * @return the new shape
     */
    public PhaseShape withFaults(double chance) {
        return new PhaseShape(name, minSystems, maxSystems, components, readChance, writeChance, maxLinks,
                linkChance, rankSpread, rangedChance, maxEntities, maxMinBatch, suppliedCountChance, maxWork,
                maxCommands, chance, errorShare);
    }

    /**
     * This shape with another largest work size.
     *
     * @param iterations the most busy-loop iterations per entity
     * @return the new shape
     */
    public PhaseShape withMaxWork(int iterations) {
        return new PhaseShape(name, minSystems, maxSystems, components, readChance, writeChance, maxLinks,
                linkChance, rankSpread, rangedChance, maxEntities, maxMinBatch, suppliedCountChance, iterations,
                maxCommands, faultChance, errorShare);
    }

    /**
     * This shape with another largest entity count.
     *
     * @param entities the largest entity count
     * @return the new shape
     */
    public PhaseShape withMaxEntities(int entities) {
        return new PhaseShape(name, minSystems, maxSystems, components, readChance, writeChance, maxLinks,
                linkChance, rankSpread, rangedChance, entities, maxMinBatch, suppliedCountChance, maxWork,
                maxCommands, faultChance, errorShare);
    }

    /** {@return the Java source that makes this shape: the preset call when it is one, else the constructor} */
    public String toJava() {
        for (PhaseShape p : presets()) {
            if (p.equals(this)) {
                return "PhaseShape." + name + "()";
            }
        }
        return String.format(Locale.ROOT, "new PhaseShape(\"%s\", %d, %d, %d, %s, %s, %d, %s, %d, %s, %d, %d, %s,"
                        + " %d, %d, %s, %s)", name, minSystems, maxSystems, components, readChance, writeChance,
                maxLinks, linkChance, rankSpread, rangedChance, maxEntities, maxMinBatch, suppliedCountChance,
                maxWork, maxCommands, faultChance, errorShare);
    }
}
