package org.ecsched.scheduler.artemis.testworld;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.ComponentMapper;
import com.artemis.InvocationStrategy;
import com.artemis.SystemInvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.ecsched.scheduler.artemis.testworld.Components.Age;
import org.junit.jupiter.api.Test;

/**
 * {@code begin()} and {@code end()} of a parallel system run once per frame, on the calling thread, around all of
 * the system's entities, under the strategy as under artemis's own loop; a disabled system gets neither.
 */
class BeginEndTest {

    /** Logs its hooks and the entities processed between them. */
    @All(Age.class)
    public static final class Logged extends ParallelIteratingSystem {
        final List<String> log = new ArrayList<>();
        final List<Thread> hookThreads = new ArrayList<>();
        ComponentMapper<Age> age;

        @Override
        protected void begin() {
            log.add("begin");
            hookThreads.add(Thread.currentThread());
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            age.get(e).ticks++;
        }

        @Override
        protected void end() {
            int sum = 0;
            for (int i = 0; i < getEntityIds().size(); i++) {
                sum += age.get(getEntityIds().get(i)).ticks;
            }
            log.add("end " + sum);
            hookThreads.add(Thread.currentThread());
        }
    }

    private static List<String> run(SystemInvocationStrategy strategy, Logged system) {
        World world = new World(new WorldConfigurationBuilder().with(system).register(strategy).build());
        for (int i = 0; i < 5_000; i++) {
            world.edit(world.create()).create(Age.class);
        }
        world.process();
        world.process();
        system.setEnabled(false);
        world.process();
        system.setEnabled(true);
        world.process();
        return system.log;
    }

    @Test
    void beginAndEndRunOncePerFrameAroundTheEntitiesOnTheCallingThread() {
        List<String> artemis = run(new InvocationStrategy(), new Logged());
        Logged logged = new Logged();
        try (SchedulerBackend backend = Schedulers.create("workstealing", SchedulerConfig.builder().workers(4)
                .inlineSmallPhases(false).minBatchSize(64).build())) {
            assertThat(run(new EcschedInvocationStrategy(backend), logged))
                    .containsExactly("begin", "end 5000", "begin", "end 10000", "begin", "end 15000")
                    .isEqualTo(artemis);
        }
        assertThat(logged.hookThreads).containsOnly(Thread.currentThread());
    }
}
