package org.ecsched.scheduler.bench.phase;

import java.util.Arrays;
import java.util.List;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * A frame of the demo's shape (scheduler.demo's {@code Simulation}): the same three phases, twelve systems,
 * component keys, explicit orderings and minimum batch (2,048) over a structure-of-arrays particle world. Unlike
 * the demo it records no commands (the benchmark's peers collect none), so the population stays fixed and only the
 * scheduling of the frame is measured.
 */
final class DemoShapedFrame {

    private static final float SIZE = 1000f;
    private static final int GRID = 32;
    private static final int MIN_BATCH = 2048;

    private final int count;
    private final float[] px;
    private final float[] py;
    private final float[] vx;
    private final float[] vy;
    private final int[] age;
    private final float[] density;
    private final int[] cells = new int[GRID * GRID];
    private double energy;
    private int lastExpired;

    DemoShapedFrame(int entities) {
        count = entities;
        px = new float[entities];
        py = new float[entities];
        vx = new float[entities];
        vy = new float[entities];
        age = new int[entities];
        density = new float[entities];
        for (int i = 0; i < entities; i++) { // a fixed pseudo-random start: no shared Random state
            px[i] = (i * 7919L % 1000);
            py[i] = (i * 104729L % 1000);
            vx[i] = (i % 7) - 3;
            vy[i] = (i % 5) - 2;
        }
    }

    List<Plan<Object>> phases() {
        return List.of(forces(), motion(), lifecycle());
    }

    private static SystemSpec.Builder<Object> system(String name) {
        return SystemSpec.named(name).minBatchSize(MIN_BATCH);
    }

    private static int cellOf(float x, float y) {
        int cx = Math.min(GRID - 1, Math.max(0, (int) (x / SIZE * GRID)));
        int cy = Math.min(GRID - 1, Math.max(0, (int) (y / SIZE * GRID)));
        return cy * GRID + cx;
    }

    private Plan<Object> forces() {
        return Phase.named("forces")
                .add(system("gravity").writes("velocity").forEachEntity(count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        vy[i] += 0.05f;
                    }
                }))
                .add(system("drag").writes("velocity").forEachEntity(count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        float speed = (float) Math.sqrt(vx[i] * vx[i] + vy[i] * vy[i]);
                        float k = speed > 3f ? 3f / speed : 0.999f;
                        vx[i] *= k;
                        vy[i] *= k;
                    }
                }))
                .add(system("separate").reads("density", "position").writes("velocity")
                        .forEachEntity(count, (s, e, ctx) -> {
                            float centre = SIZE / 2;
                            for (int i = s; i < e; i++) {
                                float push = density[i] * 1e-4f;
                                float dx = px[i] - centre;
                                float dy = py[i] - centre;
                                float len = (float) Math.sqrt(dx * dx + dy * dy) + 1f;
                                vx[i] += push * dx / len;
                                vy[i] += push * dy / len;
                            }
                        }))
                .add(system("ageing").writes("age").forEachEntity(count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        age[i]++;
                    }
                }))
                .compile();
    }

    private Plan<Object> motion() {
        return Phase.named("motion")
                .add(system("move").reads("velocity").writes("position").forEachEntity(count, (s, e, ctx) -> {
                    for (int i = s; i < e; i++) {
                        px[i] += vx[i];
                        py[i] += vy[i];
                    }
                }))
                .add(system("bounce").writes("position", "velocity").runsAfter("move")
                        .forEachEntity(count, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                if (px[i] < 0 || px[i] > SIZE) {
                                    vx[i] = -vx[i];
                                    px[i] = Math.max(0, Math.min(SIZE, px[i]));
                                }
                                if (py[i] < 0 || py[i] > SIZE) {
                                    vy[i] = -vy[i] * 0.9f;
                                    py[i] = Math.max(0, Math.min(SIZE, py[i]));
                                }
                            }
                        }))
                .add(SystemSpec.named("gridClear").writes("grid").runs(ctx -> Arrays.fill(cells, 0)))
                .add(SystemSpec.named("gridBuild").reads("position").writes("grid").runsAfter("gridClear")
                        .runs(ctx -> {
                            for (int i = 0; i < count; i++) {
                                cells[cellOf(px[i], py[i])]++;
                            }
                        }))
                .add(system("density").reads("position", "grid").writes("density")
                        .forEachEntity(count, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                density[i] = cells[cellOf(px[i], py[i])];
                            }
                        }))
                .compile();
    }

    private Plan<Object> lifecycle() {
        return Phase.named("lifecycle")
                .add(system("expire").reads("age").forEachEntity(count, (s, e, ctx) -> {
                    int expired = 0; // the demo records despawns here; the benchmark only counts them
                    for (int i = s; i < e; i++) {
                        if (age[i] % 400 == 399) {
                            expired++;
                        }
                    }
                    lastExpired = expired; // a racy plain store is enough to keep the loop alive
                }))
                .add(SystemSpec.named("spawner").reads("age").runs(ctx -> { }))
                .add(SystemSpec.named("stats").reads("position", "velocity", "age").runs(ctx -> {
                    double sum = 0;
                    for (int i = 0; i < count; i++) {
                        sum += vx[i] * vx[i] + vy[i] * vy[i] + age[i] * 1e-9;
                    }
                    energy = sum / 2;
                }))
                .compile();
    }

    /** The last frame's kinetic energy (keeps the stats pass observable). */
    double energy() {
        return energy;
    }
}
