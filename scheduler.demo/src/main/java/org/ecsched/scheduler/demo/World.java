package org.ecsched.scheduler.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A particle world stored as structure of arrays: entity {@code e} is index {@code e} of every array. Entities
 * are added and removed only between phases, by applying commands ({@link #apply}); removal swaps the last
 * entity into the hole, so the delivered command order decides the layout, and a deterministic order gives a
 * deterministic world.
 */
final class World {
    static final float SIZE = 1000f;
    static final int GRID = 32;

    int count;
    float[] px;
    float[] py;
    float[] vx;
    float[] vy;
    int[] age;
    int[] life;
    float[] density;
    /** Particles per grid cell, rebuilt every frame. */
    final int[] cells = new int[GRID * GRID];
    /** Statistics written by the stats system. */
    double energy;
    double meanAge;

    World(int capacity, long seed) {
        px = new float[capacity];
        py = new float[capacity];
        vx = new float[capacity];
        vy = new float[capacity];
        age = new int[capacity];
        life = new int[capacity];
        density = new float[capacity];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < capacity; i++) {
            spawn(new Command.Spawn(random.nextFloat() * SIZE, random.nextFloat() * SIZE,
                    random.nextFloat() * 4 - 2, random.nextFloat() * 4 - 2, 50 + random.nextInt(400)));
        }
    }

    static int cellOf(float x, float y) {
        int cx = Math.min(GRID - 1, Math.max(0, (int) (x / SIZE * GRID)));
        int cy = Math.min(GRID - 1, Math.max(0, (int) (y / SIZE * GRID)));
        return cy * GRID + cx;
    }

    private int[] pendingDespawns = new int[64];
    private int pendingCount;

    /** Applies a command: spawns at once, despawns when {@link #flush()} is called. */
    void apply(Command c) {
        if (c instanceof Command.Spawn s) {
            spawn(s);
        } else if (c instanceof Command.Despawn d) {
            if (pendingCount == pendingDespawns.length) {
                pendingDespawns = Arrays.copyOf(pendingDespawns, pendingCount * 2);
            }
            pendingDespawns[pendingCount++] = d.entity();
        }
    }

    /** Removes the despawned entities, highest index first, so that every swap-remove keeps the others valid. */
    void flush() {
        Arrays.sort(pendingDespawns, 0, pendingCount);
        for (int i = pendingCount - 1; i >= 0; i--) {
            despawn(pendingDespawns[i]);
        }
        pendingCount = 0;
    }

    private void spawn(Command.Spawn s) {
        if (count == px.length) {
            int n = Math.max(16, count * 2);
            px = Arrays.copyOf(px, n);
            py = Arrays.copyOf(py, n);
            vx = Arrays.copyOf(vx, n);
            vy = Arrays.copyOf(vy, n);
            age = Arrays.copyOf(age, n);
            life = Arrays.copyOf(life, n);
            density = Arrays.copyOf(density, n);
        }
        int e = count++;
        px[e] = s.x();
        py[e] = s.y();
        vx[e] = s.vx();
        vy[e] = s.vy();
        age[e] = 0;
        life[e] = s.life();
        density[e] = 0;
    }

    /** Swap-removes one entity. */
    private void despawn(int e) {
        int last = --count;
        px[e] = px[last];
        py[e] = py[last];
        vx[e] = vx[last];
        vy[e] = vy[last];
        age[e] = age[last];
        life[e] = life[last];
        density[e] = density[last];
    }

    /** A hash of every entity's state: equal worlds give equal checksums. */
    long checksum() {
        long h = 1125899906842597L;
        for (int e = 0; e < count; e++) {
            h = 31 * h + Float.floatToIntBits(px[e]);
            h = 31 * h + Float.floatToIntBits(py[e]);
            h = 31 * h + Float.floatToIntBits(vx[e]);
            h = 31 * h + Float.floatToIntBits(vy[e]);
            h = 31 * h + age[e];
        }
        return h ^ count;
    }
}
