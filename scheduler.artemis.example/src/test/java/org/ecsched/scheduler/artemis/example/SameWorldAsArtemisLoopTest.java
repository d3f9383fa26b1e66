package org.ecsched.scheduler.artemis.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.InvocationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategy's promise: a real artemis world (thirteen systems, two of them ordinary artemis systems that
 * change the world directly; spawning, despawning and component edits every frame; 60,000 entities) run on
 * either backend at 1, 2 and 4 workers is, frame after frame, the very world artemis's own sequential
 * {@code InvocationStrategy} makes of it: same entity ids, same components, same values (a whole-world hash).
 * Nothing here depends on timing: each run is compared after each frame, however its tasks were scheduled.
 */
class SameWorldAsArtemisLoopTest {

    static final int ENTITIES = 60_000;
    static final int FRAMES = 24;
    static final long SEED = 15;

    /** Per frame, from artemis's own loop: the world hash and the population. */
    private static final List<Long> oracleHashes = new ArrayList<>();
    private static final List<Integer> oraclePopulation = new ArrayList<>();

    @BeforeAll
    static void runArtemisOwnLoop() {
        ExampleWorld oracle = new ExampleWorld(new InvocationStrategy(), ENTITIES, SEED);
        oracle.takeInserted();
        for (int f = 0; f < FRAMES; f++) {
            oracle.frame();
            oracleHashes.add(oracle.hash());
            oraclePopulation.add(oracle.population());
        }
    }

    /** The workload does what it claims: every frame creates and deletes entities, and stays above 50,000. */
    @Test
    void oracleWorldSpawnsAndDespawnsEveryFrame() {
        ExampleWorld world = new ExampleWorld(new InvocationStrategy(), ENTITIES, SEED);
        world.frame();
        world.takeInserted();
        world.takeRemoved();
        for (int f = 1; f < FRAMES; f++) {
            world.frame();
            assertThat(world.takeInserted()).as("entities created in frame %d", f).isPositive();
            assertThat(world.takeRemoved()).as("entities deleted in frame %d", f).isPositive();
            assertThat(world.population()).as("population after frame %d", f).isGreaterThan(50_000);
        }
    }

    static Stream<Arguments> backendsAndWorkers() {
        return Stream.of("workstealing", "blocking")
                .flatMap(b -> Stream.of(1, 2, 4).map(w -> Arguments.of(b, w)));
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backendsAndWorkers")
    void everyFrameEqualsArtemisOwnLoop(String backendName, int workers) {
        // Small phases are not inlined, so that every phase is offered to every worker whatever the machine.
        assertEveryFrameEqualsArtemisOwnLoop(backendName, SchedulerConfig.builder().workers(workers)
                .inlineSmallPhases(false).minBatchSize(256).build());
    }

    /** The defaults a game would start with (small phases inlined, the default batch size) change nothing. */
    @Test
    void everyFrameEqualsArtemisOwnLoopUnderTheDefaultConfiguration() {
        assertEveryFrameEqualsArtemisOwnLoop("workstealing", SchedulerConfig.defaults());
    }

    private static void assertEveryFrameEqualsArtemisOwnLoop(String backendName, SchedulerConfig config) {
        int workers = config.workers();
        try (SchedulerBackend backend = Schedulers.create(backendName, config)) {
            ExampleWorld world = new ExampleWorld(new EcschedInvocationStrategy(backend), ENTITIES, SEED);
            for (int f = 0; f < FRAMES; f++) {
                world.frame();
                assertThat(world.population()).as("%s x%d: population after frame %d", backendName, workers, f)
                        .isEqualTo(oraclePopulation.get(f));
                assertThat(Long.toHexString(world.hash()))
                        .as("%s x%d: world hash after frame %d (check: a system's derived access, the command"
                                + " order, where commands are applied)", backendName, workers, f)
                        .isEqualTo(Long.toHexString(oracleHashes.get(f)));
            }
        }
    }
}
