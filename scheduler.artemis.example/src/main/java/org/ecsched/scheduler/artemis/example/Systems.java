package org.ecsched.scheduler.artemis.example;

import com.artemis.BaseSystem;
import com.artemis.ComponentMapper;
import com.artemis.annotations.All;
import com.artemis.annotations.Exclude;
import com.artemis.systems.IteratingSystem;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.ecsched.scheduler.artemis.ReadOnly;
import org.ecsched.scheduler.artemis.example.Components.Age;
import org.ecsched.scheduler.artemis.example.Components.Health;
import org.ecsched.scheduler.artemis.example.Components.Heat;
import org.ecsched.scheduler.artemis.example.Components.Lifetime;
import org.ecsched.scheduler.artemis.example.Components.Mass;
import org.ecsched.scheduler.artemis.example.Components.Position;
import org.ecsched.scheduler.artemis.example.Components.Shield;
import org.ecsched.scheduler.artemis.example.Components.Spawner;
import org.ecsched.scheduler.artemis.example.Components.Team;
import org.ecsched.scheduler.artemis.example.Components.Velocity;

/**
 * The example world's systems: eleven parallel systems that spawn, despawn and edit only through commands, and two
 * ordinary artemis systems that change the world directly (which the strategy must run exclusively).
 */
public final class Systems {

    private Systems() {
    }

    /** Velocity pulled down in proportion to mass. */
    @All({Velocity.class, Mass.class})
    public static final class Gravity extends ParallelIteratingSystem {
        ComponentMapper<Velocity> velocity;
        @ReadOnly ComponentMapper<Mass> mass;

        @Override
        protected void process(int e, EntityCommands commands) {
            velocity.get(e).y -= 0.01f * mass.get(e).m;
        }
    }

    /** Position moved by velocity. */
    @All({Position.class, Velocity.class})
    public static final class Move extends ParallelIteratingSystem {
        ComponentMapper<Position> position;
        @ReadOnly ComponentMapper<Velocity> velocity;

        @Override
        protected int minBatchSize() {
            return 512;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            Position p = position.get(e);
            Velocity v = velocity.get(e);
            p.x += v.x;
            p.y += v.y;
        }
    }

    /**
     * An ordinary artemis system (exclusive): bounces off the walls, and deletes what fell through the floor
     * directly, with {@code world.delete}.
     */
    @All({Position.class, Velocity.class})
    public static final class Bounce extends IteratingSystem {
        ComponentMapper<Position> position;
        ComponentMapper<Velocity> velocity;

        @Override
        protected void process(int e) {
            Position p = position.get(e);
            Velocity v = velocity.get(e);
            if (Math.abs(p.x) > 1000) {
                v.x = -v.x;
            }
            if (p.y < -400) {
                world.delete(e);
            }
        }
    }

    /** Age counted up. */
    @All(Age.class)
    public static final class Ageing extends ParallelIteratingSystem {
        ComponentMapper<Age> age;

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
        protected void process(int e, EntityCommands commands) {
            Velocity v = velocity.get(e);
            Heat h = heat.get(e);
            h.t = h.t * 0.9f + (float) Math.sqrt(v.x * v.x + v.y * v.y);
        }
    }

    /** Hot entities lose health. */
    @All({Health.class, Heat.class})
    public static final class Damage extends ParallelIteratingSystem {
        ComponentMapper<Health> health;
        @ReadOnly ComponentMapper<Heat> heat;

        @Override
        protected void process(int e, EntityCommands commands) {
            if (heat.get(e).t > 12f) {
                health.get(e).hp -= 3;
            }
        }
    }

    /** Weak entities of some teams get a shield (a component added by command). */
    @All({Health.class, Team.class})
    @Exclude(Shield.class)
    public static final class ShieldUp extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<Health> health;
        @ReadOnly ComponentMapper<Team> team;

        @Override
        protected void process(int e, EntityCommands commands) {
            if (health.get(e).hp < 40 && team.get(e).id % 3 == 0) {
                int charge = 5 + team.get(e).id;
                commands.edit(e, edit -> edit.create(Shield.class).charge = charge);
            }
        }
    }

    /** Shields heal and wear out (the component removed by command). */
    @All({Shield.class, Health.class})
    public static final class ShieldDrain extends ParallelIteratingSystem {
        ComponentMapper<Shield> shield;
        ComponentMapper<Health> health;

        @Override
        protected void process(int e, EntityCommands commands) {
            Shield s = shield.get(e);
            health.get(e).hp += 2;
            if (--s.charge <= 0) {
                commands.edit(e, edit -> edit.remove(Shield.class));
            }
        }
    }

    /** Team follows the left neighbour's position: reads another entity's component (never written here). */
    @All({Position.class, Team.class})
    public static final class Flock extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<Position> position;
        ComponentMapper<Team> team;

        @Override
        protected void process(int e, EntityCommands commands) {
            if (e > 0 && position.has(e - 1) && position.get(e - 1).x > position.get(e).x + 50f) {
                team.get(e).id = (team.get(e).id + 1) % 7;
            }
        }
    }

    /** Entities without health left are deleted (by command). */
    @All(Health.class)
    public static final class Death extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<Health> health;

        @Override
        protected void process(int e, EntityCommands commands) {
            if (health.get(e).hp <= 0) {
                commands.delete(e);
            }
        }
    }

    /** Entities past their lifetime are deleted (by command). */
    @All({Age.class, Lifetime.class})
    public static final class Expire extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<Age> age;
        @ReadOnly ComponentMapper<Lifetime> lifetime;

        @Override
        protected void process(int e, EntityCommands commands) {
            if (age.get(e).ticks > lifetime.get(e).max) {
                commands.delete(e);
            }
        }
    }

    /** Spawners create particles at their position (by command), values derived from the spawner alone. */
    @All({Spawner.class, Position.class})
    public static final class Spawning extends ParallelIteratingSystem {
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
            commands.create(edit -> ExampleWorld.particle(edit, x, y, (n * 7 + e) % 13 - 6, (n * 5 + e) % 11 - 2,
                    20 + (n + e) % 60, n % 7));
        }
    }

    /** An ordinary artemis system (exclusive): every fourth frame a wave of particles, created directly. */
    public static final class Wave extends BaseSystem {
        private int frame;

        @Override
        protected void processSystem() {
            if (frame++ % 4 != 0) {
                return;
            }
            for (int i = 0; i < 40; i++) {
                ExampleWorld.particle(world.edit(world.create()), i * 10f - 200f, 300f, i % 5 - 2, -1, 30 + i, i % 7);
            }
        }
    }
}
