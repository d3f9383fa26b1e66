package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random phases in plain Java (no jqwik needed): the same seed and shape always give the same
 * {@link PhaseModel}, whose origin says how to get it again.
 *
 * <pre>{@code
 * PhaseModel model = RandomPhases.generate(42L, PhaseShape.typical());
 * }</pre>
 */
public final class RandomPhases {

    private RandomPhases() {
    }

    /**
     * A phase of the {@link PhaseShape#typical() typical} shape.
     *
     * @param seed the seed
     * @return the phase
     */
    public static PhaseModel generate(long seed) {
        return generate(seed, PhaseShape.typical());
    }

    /**
     * A phase of the given shape; deterministic in {@code seed} and {@code shape}.
     *
     * @param seed  the seed
     * @param shape the shape
     * @return the phase
     */
    public static PhaseModel generate(long seed, PhaseShape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = shape.minSystems() + r.nextInt(shape.maxSystems() - shape.minSystems() + 1);
        List<SystemDraft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(draft(r, shape, i));
        }
        return SystemDraft.assemble("random-" + seed, "seed " + seed + ", replay: RandomPhases.generate(" + seed
                + "L, " + shape.toJava() + ")", drafts);
    }

    /**
     * The seed of the {@code i}-th phase of a run started from {@code base} (SplitMix64 of the pair).
     *
     * @param base the run's seed
     * @param i    the phase's number in the run
     * @return the phase's seed
     */
    public static long seedFor(long base, long i) {
        long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static SystemDraft draft(SplittableRandom r, PhaseShape shape, int position) {
        int rank = r.nextInt(shape.rankSpread() + 1);
        Set<Integer> reads = new HashSet<>();
        Set<Integer> writes = new HashSet<>();
        for (int c = 0; c < shape.components(); c++) {
            if (chance(r, shape.writeChance())) {
                writes.add(c);
            } else if (chance(r, shape.readChance())) {
                reads.add(c);
            }
        }
        List<Integer> links = new ArrayList<>();
        for (int k = 0; k < shape.maxLinks() && position > 0; k++) {
            if (chance(r, shape.linkChance())) {
                links.add(1 + r.nextInt(position));
            }
        }
        boolean ranged = chance(r, shape.rangedChance());
        int entities = logUniform(r, shape.maxEntities());
        int minBatch = shape.maxMinBatch() == 0 || chance(r, 0.3) ? 0 : 1 + r.nextInt(shape.maxMinBatch());
        boolean supplied = chance(r, shape.suppliedCountChance());
        int work = logUniform(r, shape.maxWork());
        int commands = r.nextInt(shape.maxCommands() + 1);
        Fault.Kind kind = Fault.Kind.NONE;
        if (chance(r, shape.faultChance())) {
            kind = chance(r, shape.errorShare()) ? Fault.Kind.ERROR
                    : r.nextBoolean() ? Fault.Kind.RUNTIME : Fault.Kind.CHECKED;
        }
        int faultAt = r.nextInt(Integer.MAX_VALUE);
        return new SystemDraft(rank, reads, writes, links, ranged, entities, minBatch, supplied, work, commands, kind,
                faultAt);
    }

    private static boolean chance(SplittableRandom r, double p) {
        return p > 0 && r.nextDouble() < p;
    }

    /** A value in [0, max] whose bit length is uniform: as many values below 16 as between 1024 and 2048. */
    private static int logUniform(SplittableRandom r, int max) {
        if (max <= 0) {
            return 0;
        }
        int bits = r.nextInt(33 - Integer.numberOfLeadingZeros(max));
        if (bits == 0) {
            return 0;
        }
        int hi = (int) Math.min(max, (1L << bits) - 1);
        int lo = 1 << (bits - 1);
        return lo > hi ? hi : lo + r.nextInt(hi - lo + 1);
    }
}
