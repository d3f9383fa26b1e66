package org.ecsched.scheduler.testkit.phase;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.ecsched.scheduler.api.FailurePolicy;

/**
 * Random phases as jqwik arbitraries, over the same choices as {@link RandomPhases}, so that a failing property
 * shrinks to a small phase: fewer systems, fewer components and orderings, smaller counts, less work, no fault
 * unless the failure needs it. jqwik prints the shrunk {@link PhaseModel} (one line per system) and the seed to
 * replay it.
 *
 * <pre>{@code
 * @Provide Arbitrary<PhaseModel> phases() { return PhaseArbitraries.phases(PhaseShape.faulty()); }
 *
 * @Property void agreesWithOracle(@ForAll("phases") PhaseModel model, @ForAll FailurePolicy policy) { ... }
 * }</pre>
 */
public final class PhaseArbitraries {

    private PhaseArbitraries() {
    }

    /** {@return an arbitrary of phases of the {@link PhaseShape#typical() typical} shape} */
    public static Arbitrary<PhaseModel> phases() {
        return phases(PhaseShape.typical());
    }

    /**
     * Phases of a shape.
     *
     * @param shape the shape
     * @return an arbitrary that shrinks toward fewer, simpler systems
     */
    public static Arbitrary<PhaseModel> phases(PhaseShape shape) {
        String origin = "jqwik, PhaseShape." + shape.name() + "; replay with the seed jqwik reports"
                + " (@Property(seed = \"...\")) or paste PhaseModel.toJava()";
        return drafts(shape).list().ofMinSize(shape.minSystems()).ofMaxSize(shape.maxSystems())
                .map(list -> SystemDraft.assemble("generated", origin, list));
    }

    /** {@return both failure policies} */
    public static Arbitrary<FailurePolicy> policies() {
        return Arbitraries.of(FailurePolicy.class);
    }

    private static Arbitrary<SystemDraft> drafts(PhaseShape shape) {
        Arbitrary<Integer> rank = Arbitraries.integers().between(0, shape.rankSpread());
        Arbitrary<Set<Integer>> reads = components(shape, shape.readChance());
        Arbitrary<Set<Integer>> writes = components(shape, shape.writeChance());
        Arbitrary<List<Integer>> links = Arbitraries.integers().between(1, Math.max(1, shape.maxSystems()))
                .list().ofMaxSize(shape.linkChance() == 0 ? 0 : shape.maxLinks());
        Arbitrary<Access> access = Combinators.combine(rank, reads, writes, links).as(Access::new);

        Arbitrary<Boolean> ranged = weighted(1 - shape.rangedChance(), false, true);
        Arbitrary<Integer> entities = Arbitraries.integers().between(0, shape.maxEntities());
        Arbitrary<Integer> minBatch = Arbitraries.integers().between(0, shape.maxMinBatch());
        Arbitrary<Boolean> supplied = weighted(1 - shape.suppliedCountChance(), false, true);
        Arbitrary<Integer> work = Arbitraries.integers().between(0, shape.maxWork());
        Arbitrary<Integer> commands = Arbitraries.integers().between(0, shape.maxCommands());
        Arbitrary<Fault.Kind> fault = shape.faultChance() == 0 ? Arbitraries.just(Fault.Kind.NONE)
                : Arbitraries.frequencyOf(
                        Tuple.of(weight(1 - shape.faultChance()), Arbitraries.just(Fault.Kind.NONE)),
                        Tuple.of(weight(shape.faultChance()),
                                Arbitraries.of(Fault.Kind.RUNTIME, Fault.Kind.CHECKED, Fault.Kind.ERROR)));
        Arbitrary<Integer> faultAt = Arbitraries.integers().between(0, Math.max(0, shape.maxEntities()));
        Arbitrary<Body> body = Combinators.combine(ranged, entities, minBatch, supplied, work, commands, fault,
                faultAt).as(Body::new);

        return Combinators.combine(access, body).as((a, b) -> new SystemDraft(a.rank, a.reads, a.writes, a.links,
                b.ranged, b.entities, b.minBatch, b.supplied, b.work, b.commands, b.fault, b.faultAt));
    }

    private static Arbitrary<Set<Integer>> components(PhaseShape shape, double chance) {
        if (shape.components() == 0 || chance == 0) {
            return Arbitraries.just(Set.of());
        }
        int most = Math.max(1, (int) Math.ceil(shape.components() * chance * 2));
        return Arbitraries.integers().between(0, shape.components() - 1).set().ofMaxSize(most);
    }

    /** {@code first} with weight {@code p}, else {@code second}; shrinks towards {@code first}. */
    private static Arbitrary<Boolean> weighted(double p, boolean first, boolean second) {
        if (p >= 1) {
            return Arbitraries.just(first);
        }
        if (p <= 0) {
            return Arbitraries.just(second);
        }
        return Arbitraries.frequency(Tuple.of(weight(p), first), Tuple.of(weight(1 - p), second));
    }

    private static int weight(double p) {
        return Math.max(1, (int) Math.round(p * 100));
    }

    private record Access(int rank, Set<Integer> reads, Set<Integer> writes, List<Integer> links) {
    }

    private record Body(boolean ranged, int entities, int minBatch, boolean supplied, int work, int commands,
                        Fault.Kind fault, int faultAt) {
    }
}
