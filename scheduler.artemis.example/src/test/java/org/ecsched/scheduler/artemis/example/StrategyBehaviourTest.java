package org.ecsched.scheduler.artemis.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.artemis.BaseSystem;
import com.artemis.ComponentMapper;
import com.artemis.InvocationStrategy;
import com.artemis.SystemInvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import org.ecsched.scheduler.api.PhaseFailedException;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.ecsched.scheduler.artemis.example.Components.Age;
import org.junit.jupiter.api.Test;

/** Enabling, failures, and the hash the equality tests rely on. */
class StrategyBehaviourTest {

    private static SchedulerBackend backend(String name, int workers) {
        return Schedulers.create(name, SchedulerConfig.builder().workers(workers).inlineSmallPhases(false)
                .minBatchSize(64).build());
    }

    /** Systems switched on and off between frames (parallel and exclusive ones) are honoured as artemis does. */
    @Test
    void systemsSwitchedOffBetweenFramesAreSkippedAsArtemisSkipsThem() {
        ExampleWorld oracle = new ExampleWorld(new InvocationStrategy(), 8_000, 7);
        try (SchedulerBackend backend = backend("workstealing", 4)) {
            ExampleWorld world = new ExampleWorld(new EcschedInvocationStrategy(backend), 8_000, 7);
            for (int f = 0; f < 16; f++) {
                for (ExampleWorld w : new ExampleWorld[] {oracle, world}) {
                    w.world().getSystem(Systems.Move.class).setEnabled(f % 2 == 0);
                    w.world().getSystem(Systems.Death.class).setEnabled(f % 3 != 0);
                    w.world().getSystem(Systems.Spawning.class).setEnabled(f % 4 != 1);
                    w.world().getSystem(Systems.Bounce.class).setEnabled(f % 5 != 2);
                    w.frame();
                }
                assertThat(Long.toHexString(world.hash())).as("world hash after frame %d", f)
                        .isEqualTo(Long.toHexString(oracle.hash()));
            }
        }
    }

    /** Records a deletion of every entity, then fails on one of them. */
    @All(Age.class)
    public static final class DeleteAllThenFail extends ParallelIteratingSystem {
        ComponentMapper<Age> age;

        @Override
        protected void process(int e, EntityCommands commands) {
            commands.delete(e);
            if (e == 500) {
                throw new IllegalStateException("system failed on entity 500");
            }
        }
    }

    /** A system that throws makes world.process() throw; none of that phase's commands is applied. */
    @Test
    void aFailingSystemFailsTheFrameAndAppliesNoneOfItsPhasesCommands() {
        try (SchedulerBackend backend = backend("blocking", 2)) {
            World world = world(new EcschedInvocationStrategy(backend), new DeleteAllThenFail());
            for (int i = 0; i < 1_000; i++) {
                world.edit(world.create()).create(Age.class);
            }

            assertThatThrownBy(world::process).isInstanceOf(PhaseFailedException.class)
                    .hasRootCauseMessage("system failed on entity 500");
            assertThat(world.getAspectSubscriptionManager().get(com.artemis.Aspect.all(Age.class)).getEntities()
                    .size()).isEqualTo(1_000);
        }
    }

    private static World world(SystemInvocationStrategy strategy, BaseSystem... systems) {
        return new World(new WorldConfigurationBuilder().with(systems).register(strategy).build());
    }

    /** The hash sees a changed value and a changed id, so equal hashes mean equal worlds. */
    @Test
    void theWorldHashSeesValuesAndIds() {
        ExampleWorld a = new ExampleWorld(new InvocationStrategy(), 1_000, 3);
        ExampleWorld b = new ExampleWorld(new InvocationStrategy(), 1_000, 3);
        a.frame();
        b.frame();
        assertThat(a.hash()).isEqualTo(b.hash());

        b.world().getMapper(Components.Heat.class).get(b.world().getSystem(Systems.Heating.class)
                .getEntityIds().get(10)).t += 1e-3f;
        assertThat(b.hash()).isNotEqualTo(a.hash());

        ExampleWorld c = new ExampleWorld(new InvocationStrategy(), 1_000, 3);
        c.world().create(); // every later entity gets another id
        c.frame();
        assertThat(c.hash()).isNotEqualTo(a.hash());
    }
}
