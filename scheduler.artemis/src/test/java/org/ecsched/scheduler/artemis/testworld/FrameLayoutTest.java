package org.ecsched.scheduler.artemis.testworld;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.junit.jupiter.api.Test;

/** How the strategy lays a world's frame out: exclusive systems and groups. */
class FrameLayoutTest {

    /**
     * Consecutive parallel systems form one plan each; every other system (artemis's managers, an ordinary
     * {@code IteratingSystem}, a plain {@code BaseSystem}) is exclusive, in registration order.
     */
    @Test
    void ordinaryArtemisSystemsAreExclusiveAndCutTheFrameIntoGroups() {
        try (SchedulerBackend backend = Schedulers.create("blocking", SchedulerConfig.builder().workers(2).build())) {
            EcschedInvocationStrategy strategy = new EcschedInvocationStrategy(backend);
            new TestWorld(strategy, 100, 1);

            String layout = strategy.describe();

            assertThat(layout.lines().filter(l -> l.startsWith("exclusive ") || l.startsWith("plan ")))
                    .containsExactly(
                            "exclusive 0 com.artemis.ComponentManager",
                            "exclusive 1 com.artemis.EntityManager",
                            "exclusive 2 com.artemis.AspectSubscriptionManager",
                            "plan 'artemis systems 3..4', 2 systems",
                            "exclusive 5 " + Systems.Bounce.class.getName(),
                            "plan 'artemis systems 6..14', 9 systems",
                            "exclusive 15 " + Systems.Wave.class.getName());
            assertThat(layout).contains("implied: Gravity#3 -> Move#4 (conflict on [Velocity])");
        }
    }
}
