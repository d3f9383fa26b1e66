package org.ecsched.scheduler.bench.phase;

import java.util.List;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * The benchmark workloads, each a frame of one or more phases run in order. Bodies are deterministic arithmetic
 * over arrays; nothing sleeps.
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
            case "frame3" -> new DemoShapedFrame(300_000).phases();
            case "fine" -> List.of(fine());
            case "tiny" -> List.of(tiny());
            case "imbalanced" -> List.of(imbalanced());
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

    /** 16 independent splittable systems; the first has 20 times the entities of each other. */
    static Plan<Object> imbalanced() {
        Phase.Builder<Object> phase = Phase.named("imbalanced");
        for (int i = 0; i < 16; i++) {
            int n = i == 0 ? 400_000 : 20_000;
            double[] data = new double[n];
            phase.add(SystemSpec.named("s" + i).writes("c" + i).minBatchSize(1024)
                    .forEachEntity(n, (start, end, ctx) -> work(data, start, end)));
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
                    .forEachEntity(shared.length, (start, end, ctx) -> work(shared, start, end)));
        }
        for (int i = 0; i < 8; i++) {
            double[] own = new double[20_000];
            phase.add(SystemSpec.named("fan" + i).reads("shared").writes("own" + i).minBatchSize(1024)
                    .forEachEntity(own.length, (start, end, ctx) -> work(own, start, end)));
        }
        phase.add(SystemSpec.named("join").writes("shared").runs(ctx -> work(shared, 0, 1000)));
        return phase.compile();
    }

    private static void work(double[] data, int start, int end) {
        for (int e = start; e < end; e++) {
            double x = data[e] + e;
            for (int k = 0; k < 8; k++) {
                x = Math.sqrt(x * x + 1.0);
            }
            data[e] = x * 1e-9;
        }
    }
}
