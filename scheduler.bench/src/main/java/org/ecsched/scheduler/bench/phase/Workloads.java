package org.ecsched.scheduler.bench.phase;

import java.util.List;
import org.ecsched.scheduler.api.EntityIds;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * The benchmark workloads, each a frame of one or more phases run in order. Bodies are deterministic arithmetic
 * over arrays; nothing sleeps. By name ({@link #of(String)}):
 * <ul>
 *   <li>{@code empty64}, {@code empty1000}, {@code empty10000}: 64, 1,000 and 10,000 independent systems with empty
 *       bodies ({@link #empty}): pure dispatch cost, and how it grows with the number of systems (divide the phase
 *       time by the count for the cost per system);</li>
 *   <li>{@code frame3}: a frame of the demo's shape, three phases ({@link DemoShapedFrame});</li>
 *   <li>{@code fine}: one system over 1,000,000 entities of light work ({@link #fine});</li>
 *   <li>{@code sparse}: the same work over a sparse set of 1,000,000 ids, every other id of 2,000,000
 *       ({@link #sparse}): the sparse form's cost against the dense one's;</li>
 *   <li>{@code tiny}: the same with a trivial body, memory and fixed costs only ({@link #tiny});</li>
 *   <li>{@code imbalanced}: 16 systems, one with 20 times the entities of each other ({@link #imbalanced});</li>
 *   <li>{@code heavy1of16}: 16 systems of 50,000 entities, one 20 times heavier per entity ({@link #heavy1of16});</li>
 *   <li>{@code chain}: a chain of 4, a fan-out to 8 and a fan-in ({@link #chainAndFan});</li>
 *   <li>{@code sweep}: a chain of 8 trivial systems over the same two arrays ({@link #sweep}).</li>
 * </ul>
 */
final class Workloads {

    private Workloads() {
    }

    /**
     * Frames the demo-shaped workload runs (sequentially) before it is measured. Its cost drifts while the
     * particles settle (more bounces, more capped speeds) and is steady after about 500 frames; without this, each
     * executor's trial would measure a different mix.
     */
    static final int FRAME3_SETTLE_FRAMES = 600;

    /** The workload's phases, settled to a steady state when {@code settle} (see {@link #FRAME3_SETTLE_FRAMES}). */
    static List<Plan<Object>> of(String name, boolean settle) {
        List<Plan<Object>> frame = of(name);
        if (settle && name.equals("frame3")) {
            List<SequentialPlanExecutor> phases = frame.stream().map(SequentialPlanExecutor::new).toList();
            for (int f = 0; f < FRAME3_SETTLE_FRAMES; f++) {
                phases.forEach(SequentialPlanExecutor::runPhase);
            }
        }
        return frame;
    }

    static List<Plan<Object>> of(String name) {
        return switch (name) {
            case "empty64" -> List.of(empty(64));
            case "empty1000" -> List.of(empty(1000));
            case "empty10000" -> List.of(empty(10_000));
            case "frame3" -> new DemoShapedFrame(300_000).phases();
            case "fine" -> List.of(fine());
            case "sparse" -> List.of(sparse());
            case "tiny" -> List.of(tiny());
            case "imbalanced" -> List.of(imbalanced());
            case "heavy1of16" -> List.of(heavy1of16());
            case "chain" -> List.of(chainAndFan());
            case "sweep" -> List.of(sweep());
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'");
        };
    }

    /** Independent systems with empty bodies: pure scheduling overhead. */
    static Plan<Object> empty(int systems) {
        Phase.Builder<Object> phase = Phase.named("empty" + systems);
        for (int i = 0; i < systems; i++) {
            phase.add(SystemSpec.named("s" + i).runs(ctx -> { }));
        }
        return phase.compile();
    }

    /** As {@link #fine}, over a sparse set: see the class comment. */
    static Plan<Object> sparse() {
        float[] data = new float[2 * ENTITIES];
        EntityIds ids = new EntityIds(ENTITIES);
        for (int i = 0; i < ENTITIES; i++) {
            ids.add(2 * i);
        }
        return Phase.named("sparse").add(SystemSpec.named("integrate").writes("data").minBatchSize(4096)
                .forEachEntityIn(() -> ids, (set, from, to, ctx) -> {
                    for (int p = from; p < to; p++) {
                        int e = set.id(p);
                        data[e] = (float) Math.sqrt(data[e] * data[e] + e) * 0.999f;
                    }
                })).compile();
    }

    /**
     * One entity-parallel system over 1,000,000 entities of light work: one square root and two multiplications
     * per entity (about 1.3 ns each here), the kind of body where a ForkJoinPool parallel stream gets close to 2x
     * on 2 cores ({@link ParallelStreamReference} measures that).
     */
    static Plan<Object> fine() {
        float[] data = new float[ENTITIES];
        return Phase.named("fine").add(SystemSpec.named("integrate").writes("data").minBatchSize(4096)
                .forEachEntity(data.length, (start, end, ctx) -> lightWork(data, start, end))).compile();
    }

    /**
     * The same system with a trivial body (one multiply-add per entity, vectorised: about 0.05 ns each, 50 µs for
     * the phase): memory bandwidth and fixed costs dominate, and a parallel stream gains nothing here.
     */
    static Plan<Object> tiny() {
        float[] data = new float[ENTITIES];
        return Phase.named("tiny").add(SystemSpec.named("integrate").writes("data").minBatchSize(4096)
                .forEachEntity(data.length, (start, end, ctx) -> tinyWork(data, start, end))).compile();
    }

    static final int ENTITIES = 1_000_000;

    static void lightWork(float[] data, int start, int end) {
        for (int e = start; e < end; e++) {
            data[e] = (float) Math.sqrt(data[e] * data[e] + e) * 0.999f;
        }
    }

    static void tinyWork(float[] data, int start, int end) {
        for (int e = start; e < end; e++) {
            data[e] = data[e] * 0.999f + 1.0f;
        }
    }

    /**
     * 16 independent splittable systems; the first has 20 times the entities of each other (400,000 against 20,000,
     * minimum batch 1,024, {@link #WORK_ROUNDS} square roots per entity): the heavy system is heavy because it is
     * long, so splitting its range is what balances the phase.
     */
    static Plan<Object> imbalanced() {
        Phase.Builder<Object> phase = Phase.named("imbalanced");
        for (int i = 0; i < 16; i++) {
            int n = i == 0 ? 400_000 : 20_000;
            double[] data = new double[n];
            phase.add(SystemSpec.named("s" + i).writes("c" + i).minBatchSize(1024)
                    .forEachEntity(n, (start, end, ctx) -> work(data, start, end, WORK_ROUNDS)));
        }
        return phase.compile();
    }

    /** Per-entity cost of the heavy system of {@link #heavy1of16}, in multiples of the others'. */
    static final int HEAVY_FACTOR = 20;

    /**
     * The imbalanced shape of issue 14 as the issue states it: 16 independent splittable systems of 50,000 entities
     * each (minimum batch 1,024); the first is 20 times heavier per entity than the other fifteen (the same size,
     * a heavier body: {@link #HEAVY_FACTOR} times {@link #WORK_ROUNDS} square roots per entity). The heavy system
     * holds about 20 / 35 of the phase's work, so a scheduler that runs each system whole on one worker cannot beat
     * 35 / 20 = 1.75x on any number of workers; splitting inside the heavy system is what reaches 2x on two.
     */
    static Plan<Object> heavy1of16() {
        Phase.Builder<Object> phase = Phase.named("heavy1of16");
        int n = 50_000;
        for (int i = 0; i < 16; i++) {
            int rounds = i == 0 ? HEAVY_FACTOR * WORK_ROUNDS : WORK_ROUNDS;
            double[] data = new double[n];
            phase.add(SystemSpec.named("s" + i).writes("c" + i).minBatchSize(1024)
                    .forEachEntity(n, (start, end, ctx) -> work(data, start, end, rounds)));
        }
        return phase.compile();
    }

    /**
     * Eight systems in a chain (each writes the same component) sweeping the same two arrays of 400,000 floats
     * with a trivial body: the pattern of an ECS frame's forces phase, where what decides the speed is whether
     * the worker that sweeps part of the arrays for one system also sweeps it for the next, while it is still in
     * that core's cache.
     */
    static Plan<Object> sweep() {
        int n = 400_000;
        float[] x = new float[n];
        float[] y = new float[n];
        Phase.Builder<Object> phase = Phase.named("sweep");
        for (int s = 0; s < 8; s++) {
            phase.add(SystemSpec.named("sweep" + s).writes("x").reads("y").minBatchSize(2048)
                    .forEachEntity(n, (start, end, ctx) -> {
                        for (int i = start; i < end; i++) {
                            x[i] = x[i] * 0.99f + y[i];
                        }
                    }));
        }
        return phase.compile();
    }

    /** A chain of 4 systems, a fan-out to 8, and a fan-in: dependency hand-offs. */
    static Plan<Object> chainAndFan() {
        Phase.Builder<Object> phase = Phase.named("chain");
        double[] shared = new double[20_000];
        for (int i = 0; i < 4; i++) {
            phase.add(SystemSpec.named("chain" + i).writes("shared").minBatchSize(1024)
                    .forEachEntity(shared.length, (start, end, ctx) -> work(shared, start, end, WORK_ROUNDS)));
        }
        for (int i = 0; i < 8; i++) {
            double[] own = new double[20_000];
            phase.add(SystemSpec.named("fan" + i).reads("shared").writes("own" + i).minBatchSize(1024)
                    .forEachEntity(own.length, (start, end, ctx) -> work(own, start, end, WORK_ROUNDS)));
        }
        phase.add(SystemSpec.named("join").writes("shared").runs(ctx -> work(shared, 0, 1000, WORK_ROUNDS)));
        return phase.compile();
    }

    /** Square roots per entity in the default body of {@link #work}. */
    static final int WORK_ROUNDS = 8;

    /** A chain of {@code rounds} dependent square roots per entity: compute-bound, not vectorisable. */
    private static void work(double[] data, int start, int end, int rounds) {
        for (int e = start; e < end; e++) {
            double x = data[e] + e;
            for (int k = 0; k < rounds; k++) {
                x = Math.sqrt(x * x + 1.0);
            }
            data[e] = x * 1e-9;
        }
    }
}
