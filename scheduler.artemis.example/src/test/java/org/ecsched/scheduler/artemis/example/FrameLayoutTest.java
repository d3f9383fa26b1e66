package org.ecsched.scheduler.artemis.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.junit.jupiter.api.Test;

/** How the strategy lays a world's frame out: exclusive systems and groups. */
class FrameLayoutTest {

    /**
     * The frame is one plan, in registration order: every parallel system is a system of it, every other system
     * (artemis's managers, an ordinary {@code IteratingSystem}, a plain {@code BaseSystem}) an exclusive one at its
     * position; the conflicts between parallel systems imply their orderings.
     */
    @Test
    void theFrameIsOnePlanWithOrdinaryArtemisSystemsExclusiveAtTheirPositions() {
        try (SchedulerBackend backend = Schedulers.create("blocking", SchedulerConfig.builder().workers(2).build())) {
            EcschedInvocationStrategy strategy = new EcschedInvocationStrategy(backend);
            new ExampleWorld(strategy, 100, 1);

            String layout = strategy.describe();

            assertThat(layout.lines().filter(l -> l.startsWith("plan "))).containsExactly(
                    "plan 'artemis frame', 16 systems");
            assertThat(layout.lines().filter(l -> l.endsWith("(exclusive)") || l.contains("(exclusive) ->"))
                    .map(l -> l.trim().split(" ")[1]))
                    .containsExactly("ComponentManager#0", "EntityManager#1", "AspectSubscriptionManager#2",
                            "Bounce#5", "Wave#15");
            assertThat(layout).contains("  3 Gravity#3", "  14 Spawning#14")
                    .contains("implied: Gravity#3 -> Move#4 (conflict on [Velocity])");
        }
    }
}
