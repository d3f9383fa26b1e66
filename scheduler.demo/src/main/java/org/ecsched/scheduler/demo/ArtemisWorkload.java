package org.ecsched.scheduler.demo;

import com.artemis.Aspect;
import com.artemis.Component;
import com.artemis.ComponentMapper;
import com.artemis.EntityEdit;
import com.artemis.EntitySubscription;
import com.artemis.SystemInvocationStrategy;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import com.artemis.systems.IteratingSystem;
import com.artemis.utils.Bag;
import com.artemis.utils.IntBag;
import java.util.SplittableRandom;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.ecsched.scheduler.artemis.ReadOnly;

/**
 * The demo's second workload ({@code --workload artemis}): the particle simulation written as an artemis-odb
 * world, the way an artemis game is written, and run either by artemis's own sequential loop or by
 * {@code EcschedInvocationStrategy} on a backend. Nine systems: eight {@link ParallelIteratingSystem}s (gravity,
 * drag, motion, ageing, heat, damage, despawns and spawns by command) and one ordinary artemis
 * {@code IteratingSystem} (the walls), which the strategy runs alone. The checksum covers every entity's id and
 * component values, so it is equal for both loops, every backend and every worker count.
 */
public final class ArtemisWorkload {

    static final float SIZE = 1000f;

    private final com.artemis.World world;
    private final EntitySubscription everything;

    /**
     * A world of {@code entities} particles and one spawner per hundred from {@code seed}, its systems run by
     * {@code strategy}.
     */
    ArtemisWorkload(SystemInvocationStrategy strategy, int entities, long seed) {
        world = new com.artemis.World(new WorldConfigurationBuilder()
                .with(new Gravity(), new Drag(), new Move(), new Walls(), new Ageing(), new Heating(), new Damage(),
                        new Expire(), new Spawn())
                .register(strategy)
                .build());
        everything = world.getAspectSubscriptionManager().get(Aspect.all());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < entities; i++) {
            particle(world.edit(world.create()), random.nextFloat() * SIZE, random.nextFloat() * SIZE,
                    random.nextFloat() * 4 - 2, random.nextFloat() * 4 - 2, 50 + random.nextInt(400));
            if (i % 100 == 0) { // one spawner per hundred particles: about as many births as deaths
                EntityEdit spawner = world.edit(world.create());
                spawner.create(Spawner.class).period = 1 + i % 4;
                Position p = spawner.create(Position.class);
                p.x = random.nextFloat() * SIZE;
                p.y = random.nextFloat() * SIZE;
            }
        }
    }

    static void particle(EntityEdit edit, float x, float y, float vx, float vy, int life) {
        Position p = edit.create(Position.class);
        p.x = x;
        p.y = y;
        Velocity v = edit.create(Velocity.class);
        v.x = vx;
        v.y = vy;
        edit.create(Age.class).life = life;
        edit.create(Heat.class);
        edit.create(Health.class).hp = 100;
    }

    /** Runs one frame: {@code world.process()}. */
    void frame() {
        world.process();
    }

    /** Entities alive. */
    int population() {
        return everything.getEntities().size();
    }

    /** A hash of every live entity, in id order: its id and its components' values. */
    long checksum() {
        IntBag ids = everything.getEntities();
        Bag<Component> components = new Bag<>();
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < ids.size(); i++) {
            int e = ids.get(i);
            h = mix(h, e);
            components.clear();
            world.getComponentManager().getComponentsFor(e, components);
            for (int c = 0; c < components.size(); c++) {
                h = mix(h, ((Hashed) components.get(c)).hash());
            }
        }
        return h;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }

    // ---- Components. ----

    interface Hashed {
        long hash();
    }

    static long bits(float a, float b) {
        return Float.floatToIntBits(a) * 31L + Float.floatToIntBits(b);
    }

    /** Where a particle is. */
    public static final class Position extends Component implements Hashed {
        public float x;
        public float y;

        @Override
        public long hash() {
            return bits(x, y);
        }
    }

    /** How fast it moves. */
    public static final class Velocity extends Component implements Hashed {
        public float x;
        public float y;

        @Override
        public long hash() {
            return bits(x, y) * 7;
        }
    }

    /** Frames lived, and how many it may live. */
    public static final class Age extends Component implements Hashed {
        public int ticks;
        public int life;

        @Override
        public long hash() {
            return ticks * 31L + life;
        }
    }

    /** Heat, which follows speed. */
    public static final class Heat extends Component implements Hashed {
        public float t;

        @Override
        public long hash() {
            return bits(t, 0) * 11;
        }
    }

    /** Health, which heat takes. */
    public static final class Health extends Component implements Hashed {
        public int hp;

        @Override
        public long hash() {
            return hp * 13L;
        }
    }

    /** Emits a particle every {@code period} frames. */
    public static final class Spawner extends Component implements Hashed {
        public int period;
        public int cooldown;
        public int spawned;

        @Override
        public long hash() {
            return (period * 31L + cooldown) * 31 + spawned;
        }
    }

    // ---- Systems, in registration order. ----

    /** Velocity pulled down. */
    @All(Velocity.class)
    public static final class Gravity extends ParallelIteratingSystem {
        ComponentMapper<Velocity> velocity;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            velocity.get(e).y += 0.05f;
        }
    }

    /** Speed capped, else slowly damped. */
    @All(Velocity.class)
    public static final class Drag extends ParallelIteratingSystem {
        ComponentMapper<Velocity> velocity;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            Velocity v = velocity.get(e);
            float speed = (float) Math.sqrt(v.x * v.x + v.y * v.y);
            float k = speed > 3f ? 3f / speed : 0.999f;
            v.x *= k;
            v.y *= k;
        }
    }

    /** Position moved by velocity. */
    @All({Position.class, Velocity.class})
    public static final class Move extends ParallelIteratingSystem {
        ComponentMapper<Position> position;
        @ReadOnly ComponentMapper<Velocity> velocity;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            Position p = position.get(e);
            Velocity v = velocity.get(e);
            p.x += v.x;
            p.y += v.y;
        }
    }

    /** An ordinary artemis system: bounces off the walls. The strategy runs it alone, on the calling thread. */
    @All({Position.class, Velocity.class})
    public static final class Walls extends IteratingSystem {
        ComponentMapper<Position> position;
        ComponentMapper<Velocity> velocity;

        @Override
        protected void process(int e) {
            Position p = position.get(e);
            Velocity v = velocity.get(e);
            if (p.x < 0 || p.x > SIZE) {
                v.x = -v.x;
                p.x = Math.max(0, Math.min(SIZE, p.x));
            }
            if (p.y < 0 || p.y > SIZE) {
                v.y = -v.y * 0.9f;
                p.y = Math.max(0, Math.min(SIZE, p.y));
            }
        }
    }

    /** Age counted up. */
    @All(Age.class)
    public static final class Ageing extends ParallelIteratingSystem {
        ComponentMapper<Age> age;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            age.get(e).ticks++;
        }
    }

    /** Heat follows speed. */
    @All({Heat.class, Velocity.class})
    public static final class Heating extends ParallelIteratingSystem {
        ComponentMapper<Heat> heat;
        @ReadOnly ComponentMapper<Velocity> velocity;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            Velocity v = velocity.get(e);
            Heat h = heat.get(e);
            h.t = h.t * 0.95f + (float) Math.sqrt(v.x * v.x + v.y * v.y);
        }
    }

    /** Hot particles lose health. */
    @All({Health.class, Heat.class})
    public static final class Damage extends ParallelIteratingSystem {
        ComponentMapper<Health> health;
        @ReadOnly ComponentMapper<Heat> heat;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            if (heat.get(e).t > 40f) {
                health.get(e).hp--;
            }
        }
    }

    /** Particles past their life or out of health despawn (by command). */
    @All({Age.class, Health.class})
    public static final class Expire extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<Age> age;
        @ReadOnly ComponentMapper<Health> health;

        @Override
        protected int minBatchSize() {
            return 2048;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            Age a = age.get(e);
            if (a.ticks >= a.life || health.get(e).hp <= 0) {
                commands.delete(e);
            }
        }
    }

    /** Spawners emit particles where they are (by command), from their own state alone. */
    @All({Spawner.class, Position.class})
    public static final class Spawn extends ParallelIteratingSystem {
        ComponentMapper<Spawner> spawner;
        @ReadOnly ComponentMapper<Position> position;

        @Override
        protected void process(int e, EntityCommands commands) {
            Spawner s = spawner.get(e);
            if (--s.cooldown > 0) {
                return;
            }
            s.cooldown = s.period;
            int n = s.spawned++;
            float x = position.get(e).x;
            float y = position.get(e).y;
            commands.create(edit -> particle(edit, x, y, (n % 9) * 0.5f - 2, (n % 5) * 0.5f - 1,
                    50 + (n * 31 + e) % 400));
        }
    }
}
