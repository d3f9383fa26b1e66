package org.ecsched.scheduler.artemis.testworld;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.Component;
import com.artemis.ComponentMapper;
import com.artemis.InvocationStrategy;
import com.artemis.SystemInvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.junit.jupiter.api.Test;

/**
 * {@code begin()} and {@code end()} of a parallel system run once per frame, around all of the system's entities
 * (its spec's begin and end bodies, on a backend thread), under the strategy as under artemis's own loop; a
 * disabled system gets neither.
 */
class BeginEndTest {

    /** Frames an entity has been processed. */
    public static final class Age extends Component {
        public int ticks;
    }

    /** Logs its hooks and the entities processed between them. */
    @All(Age.class)
    public static final class Logged extends ParallelIteratingSystem {
        final List<String> log = new ArrayList<>();
        /** Written by begin and end, read by process: ordered by the begin and end bodies' happens-before. */
        boolean open;
        final AtomicInteger outside = new AtomicInteger();
        ComponentMapper<Age> age;

        @Override
        protected void begin() {
            log.add("begin");
            open = true;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            if (!open) {
                outside.incrementAndGet();
            }
            age.get(e).ticks++;
        }

        @Override
        protected void end() {
            int sum = 0;
            for (int i = 0; i < getEntityIds().size(); i++) {
                sum += age.get(getEntityIds().get(i)).ticks;
            }
            log.add("end " + sum);
            open = false;
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
    void beginAndEndRunOncePerFrameAroundTheEntities() {
        List<String> artemis = run(new InvocationStrategy(), new Logged());
        Logged logged = new Logged();
        try (SchedulerBackend backend = Schedulers.create("workstealing", SchedulerConfig.builder().workers(4)
                .inlineSmallPhases(false).minBatchSize(64).build())) {
            assertThat(run(new EcschedInvocationStrategy(backend), logged))
                    .containsExactly("begin", "end 5000", "begin", "end 10000", "begin", "end 15000")
                    .isEqualTo(artemis);
        }
        assertThat(logged.outside).as("entities processed outside begin..end").hasValue(0);
    }
}
