package org.ecsched.scheduler.artemis.example;

import com.artemis.Aspect;
import com.artemis.Component;
import com.artemis.EntityEdit;
import com.artemis.EntitySubscription;
import com.artemis.SystemInvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.utils.Bag;
import com.artemis.utils.IntBag;
import java.util.SplittableRandom;
import org.ecsched.scheduler.artemis.example.Components.Age;
import org.ecsched.scheduler.artemis.example.Components.Hashed;
import org.ecsched.scheduler.artemis.example.Components.Health;
import org.ecsched.scheduler.artemis.example.Components.Heat;
import org.ecsched.scheduler.artemis.example.Components.Lifetime;
import org.ecsched.scheduler.artemis.example.Components.Mass;
import org.ecsched.scheduler.artemis.example.Components.Position;
import org.ecsched.scheduler.artemis.example.Components.Spawner;
import org.ecsched.scheduler.artemis.example.Components.Team;
import org.ecsched.scheduler.artemis.example.Components.Velocity;

/**
 * The example artemis world, written as an artemis game is, with {@code ParallelIteratingSystem}s: the one source of
 * the demo's artemis workload and of the integration's equality tests (which run it under artemis's own loop and
 * under {@code EcschedInvocationStrategy}). Thirteen systems ({@link Systems}), a seeded population, a census of the
 * entities each frame inserted and removed, and a hash over every entity's id and components.
 */
public final class ExampleWorld {

    private final World world;
    private final EntitySubscription everything;
    private int inserted;
    private int removed;

    /**
     * A world of about {@code entities} entities from {@code seed}, its systems run by {@code strategy} (artemis's
     * {@code InvocationStrategy} for the sequential oracle).
     */
    public ExampleWorld(SystemInvocationStrategy strategy, int entities, long seed) {
        world = new World(new WorldConfigurationBuilder()
                .with(new Systems.Gravity(), new Systems.Move(), new Systems.Bounce(), new Systems.Ageing(),
                        new Systems.Heating(), new Systems.Damage(), new Systems.ShieldUp(),
                        new Systems.ShieldDrain(), new Systems.Flock(), new Systems.Death(), new Systems.Expire(),
                        new Systems.Spawning(), new Systems.Wave())
                .register(strategy)
                .build());
        everything = world.getAspectSubscriptionManager().get(Aspect.all());
        everything.addSubscriptionListener(new EntitySubscription.SubscriptionListener() {
            @Override
            public void inserted(IntBag entities) {
                inserted += entities.size();
            }

            @Override
            public void removed(IntBag entities) {
                removed += entities.size();
            }
        });
        populate(entities, seed);
    }

    private void populate(int entities, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int spawners = entities / 100;
        for (int i = 0; i < spawners; i++) {
            EntityEdit edit = world.edit(world.create());
            Spawner s = edit.create(Spawner.class);
            s.period = 1 + random.nextInt(4);
            s.cooldown = 1 + random.nextInt(s.period);
            Position p = edit.create(Position.class);
            p.x = random.nextInt(2000) - 1000;
            p.y = random.nextInt(600);
        }
        for (int i = spawners; i < entities; i++) {
            particle(world.edit(world.create()), random.nextInt(1800) - 900, random.nextInt(500),
                    random.nextInt(13) - 6, random.nextInt(9) - 2, 1 + random.nextInt(200), random.nextInt(7));
        }
    }

    /** Adds a particle's components to an entity: position, velocity, mass, age, lifetime, health, heat, team. */
    static void particle(EntityEdit edit, float x, float y, float vx, float vy, int lifetime, int team) {
        Position p = edit.create(Position.class);
        p.x = x;
        p.y = y;
        Velocity v = edit.create(Velocity.class);
        v.x = vx;
        v.y = vy;
        edit.create(Mass.class).m = 0.5f + (lifetime % 5) * 0.25f;
        edit.create(Age.class);
        edit.create(Lifetime.class).max = lifetime;
        edit.create(Health.class).hp = 50 + lifetime % 50;
        edit.create(Heat.class);
        edit.create(Team.class).id = team;
    }

    /** The artemis world. */
    public World world() {
        return world;
    }

    /** Runs one frame. */
    public void frame() {
        world.process();
    }

    /** Entities alive after the last frame. */
    public int population() {
        return everything.getEntities().size();
    }

    /** Entities that joined the world since the last call (creations, as subscriptions saw them). */
    public int takeInserted() {
        int n = inserted;
        inserted = 0;
        return n;
    }

    /** Entities that left the world since the last call (deletions, as subscriptions saw them). */
    public int takeRemoved() {
        int n = removed;
        removed = 0;
        return n;
    }

    /**
     * A hash of the whole world: every live entity in ascending id order, its id, and each of its components
     * (in artemis's component-type order) by class name and values. Equal worlds, entity ids included, give equal
     * hashes; it depends on nothing else (no identity hash, no iteration of a hash map).
     */
    public long hash() {
        IntBag ids = everything.getEntities();
        Bag<Component> components = new Bag<>();
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < ids.size(); i++) {
            int e = ids.get(i);
            h = mix(h, e);
            components.clear();
            world.getComponentManager().getComponentsFor(e, components);
            for (int c = 0; c < components.size(); c++) {
                Component component = components.get(c);
                h = mix(h, component.getClass().getName().hashCode());
                h = mix(h, ((Hashed) component).hash());
            }
        }
        return h;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }
}
