package org.ecsched.scheduler.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * The demo's frame: three phases, thirteen systems over a particle {@link World}.
 *
 * <ul>
 *   <li><b>forces</b>: gravity, drag and separation all write velocity (they conflict, so the plan orders them by
 *       declaration, see {@code impliedOrderings()}); ageing writes age and runs beside them.</li>
 *   <li><b>motion</b>: move (after the forces, by phase), bounce (explicitly after move), the spatial grid and
 *       the per-entity density lookup. The grid is built in parallel with per-worker scratch: gridCount is
 *       entity-parallel and counts into the histogram of the worker running each range
 *       ({@link SystemContext#workerIndex()}), gridMerge sums those histograms into the grid. Integer sums do not
 *       depend on how ranges were split or who ran them, so the grid is identical for every backend.</li>
 *   <li><b>lifecycle</b>: expire records despawns, the spawner records spawns, stats sums energy and age.</li>
 * </ul>
 * Component keys are strings; commands are applied after each phase in the delivered (deterministic) order.
 */
final class Simulation {

    private final World world;
    private final int targetPopulation;
    private final SplittableRandom spawnRandom;
    private final List<Plan<Command>> phases;

    /** One grid histogram per worker: gridCount's scratch, indexed by {@link SystemContext#workerIndex()}. */
    private final int[][] workerCells;

    Simulation(int entities, long seed, int workers) {
        this.world = new World(entities, seed);
        this.workerCells = new int[workers][World.GRID * World.GRID];
        this.targetPopulation = entities;
        this.spawnRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.phases = List.of(forces(), motion(), lifecycle());
    }

    World world() {
        return world;
    }

    List<Plan<Command>> phases() {
        return phases;
    }

    /** Runs one frame on a backend: each phase, then its commands. */
    void frame(SchedulerBackend backend) {
        for (Plan<Command> plan : phases) {
            PhaseResult<Command> result = backend.execute(plan);
            result.throwIfFailed();
            for (int i = 0, n = result.commandCount(); i < n; i++) {
                world.apply(result.command(i));
            }
            world.flush();
        }
    }

    private SystemSpec.Builder<Command> system(String name) {
        return SystemSpec.<Command>named(name).minBatchSize(2048);
    }

    private Plan<Command> forces() {
        World w = world;
        return Phase.<Command>named("forces")
                .add(system("gravity").writes("velocity").forEachEntity(() -> w.count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        w.vy[i] += 0.05f;
                    }
                }))
                .add(system("drag").writes("velocity").forEachEntity(() -> w.count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        float speed = (float) Math.sqrt(w.vx[i] * w.vx[i] + w.vy[i] * w.vy[i]);
                        float k = speed > 3f ? 3f / speed : 0.999f;
                        w.vx[i] *= k;
                        w.vy[i] *= k;
                    }
                }))
                .add(system("separate").reads("density", "position").writes("velocity")
                        .forEachEntity(() -> w.count, (s, e, ctx) -> {
                            float centre = World.SIZE / 2;
                            for (int i = s; i < e; i++) {
                                float push = w.density[i] * 1e-4f;
                                float dx = w.px[i] - centre;
                                float dy = w.py[i] - centre;
                                float len = (float) Math.sqrt(dx * dx + dy * dy) + 1f;
                                w.vx[i] += push * dx / len;
                                w.vy[i] += push * dy / len;
                            }
                        }))
                .add(system("ageing").writes("age").forEachEntity(() -> w.count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        w.age[i]++;
                    }
                }))
                .compile();
    }

    private Plan<Command> motion() {
        World w = world;
        return Phase.<Command>named("motion")
                .add(system("move").reads("velocity").writes("position").forEachEntity(() -> w.count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        w.px[i] += w.vx[i];
                        w.py[i] += w.vy[i];
                    }
                }))
                .add(system("bounce").writes("position", "velocity").runsAfter("move")
                        .forEachEntity(() -> w.count, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                if (w.px[i] < 0 || w.px[i] > World.SIZE) {
                                    w.vx[i] = -w.vx[i];
                                    w.px[i] = Math.max(0, Math.min(World.SIZE, w.px[i]));
                                }
                                if (w.py[i] < 0 || w.py[i] > World.SIZE) {
                                    w.vy[i] = -w.vy[i] * 0.9f;
                                    w.py[i] = Math.max(0, Math.min(World.SIZE, w.py[i]));
                                }
                            }
                        }))
                .add(SystemSpec.<Command>named("gridClear").writes("gridScratch").runs(ctx -> {
                    for (int[] cells : workerCells) {
                        Arrays.fill(cells, 0);
                    }
                }))
                .add(system("gridCount").reads("position").writes("gridScratch").runsAfter("gridClear")
                        .forEachEntity(() -> w.count, (s, e, ctx) -> {
                            int[] cells = workerCells[ctx.workerIndex()]; // this worker's own: no sharing
                            for (int i = s; i < e; i++) {
                                cells[World.cellOf(w.px[i], w.py[i])]++;
                            }
                        }))
                .add(SystemSpec.<Command>named("gridMerge").reads("gridScratch").writes("grid").runs(ctx -> {
                    Arrays.fill(w.cells, 0);
                    for (int[] cells : workerCells) {
                        for (int c = 0; c < cells.length; c++) {
                            w.cells[c] += cells[c];
                        }
                    }
                }))
                .add(system("density").reads("position", "grid").writes("density")
                        .forEachEntity(() -> w.count, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                w.density[i] = w.cells[World.cellOf(w.px[i], w.py[i])];
                            }
                        }))
                .compile();
    }

    private Plan<Command> lifecycle() {
        World w = world;
        return Phase.<Command>named("lifecycle")
                .add(system("expire").reads("age").forEachEntity(() -> w.count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        if (w.age[i] >= w.life[i]) {
                            ctx.add(new Command.Despawn(i)); // ascending entity order, as RangeBody asks
                        }
                    }
                }))
                .add(SystemSpec.<Command>named("spawner").reads("age").runs(ctx -> {
                    int missing = Math.min(targetPopulation / 50 + 1, Math.max(0, targetPopulation - w.count));
                    for (int k = 0; k < missing; k++) {
                        ctx.add(new Command.Spawn(spawnRandom.nextFloat() * World.SIZE, 0f,
                                spawnRandom.nextFloat() * 4 - 2, spawnRandom.nextFloat() * 2,
                                50 + spawnRandom.nextInt(400)));
                    }
                }))
                .add(SystemSpec.<Command>named("stats").reads("position", "velocity", "age").runs(ctx -> {
                    double energy = 0;
                    long ages = 0;
                    for (int i = 0; i < w.count; i++) {
                        energy += w.vx[i] * w.vx[i] + w.vy[i] * w.vy[i];
                        ages += w.age[i];
                    }
                    w.energy = energy / 2;
                    w.meanAge = w.count == 0 ? 0 : (double) ages / w.count;
                }))
                .compile();
    }
}
