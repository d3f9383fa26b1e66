package org.ecsched.scheduler.artemis.testworld;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.BaseSystem;
import com.artemis.Component;
import com.artemis.InvocationStrategy;
import com.artemis.SystemInvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import com.artemis.systems.IteratingSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.junit.jupiter.api.Test;

/**
 * The frame's one plan keeps artemis's command flush: an exclusive system in the middle of the frame sees the
 * entities the parallel systems before it created (they are applied at its sync point), even when it is disabled
 * (the parallel systems after it see them then); and a parallel system switched off mid-game costs no task.
 */
class SyncPointTest {

    /** A spawned entity. */
    public static final class Marked extends Component {
        public int frame;
    }

    /** Creates ten marked entities per frame, by command. */
    public static final class SpawnMarked extends ParallelIteratingSystem {
        int frame;

        /** Over every entity that has a Marked component, so that it runs on an empty world too. */
        public SpawnMarked() {
            super(com.artemis.Aspect.all());
        }

        @Override
        protected void begin() {
            frame++;
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            if (e == 0) { // the seed entity, created before the first frame
                int f = frame;
                for (int i = 0; i < 10; i++) {
                    commands.create(edit -> edit.create(Marked.class).frame = f);
                }
            }
        }
    }

    /** An ordinary artemis system (exclusive): logs how many marked entities it sees. */
    public abstract static class Census extends IteratingSystem {
        final String name;
        final List<String> log;
        int seen;

        Census(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        protected void begin() {
            seen = 0;
        }

        @Override
        protected void process(int e) {
            seen++;
        }

        @Override
        protected void end() {
            log.add(name + " " + seen);
        }
    }

    /** The census before CountMarked (artemis allows one system per class). */
    @All(Marked.class)
    public static final class FirstCensus extends Census {
        FirstCensus(List<String> log) {
            super("first", log);
        }
    }

    /** The census after it. */
    @All(Marked.class)
    public static final class SecondCensus extends Census {
        SecondCensus(List<String> log) {
            super("second", log);
        }
    }

    /** A parallel system that logs, in end(), how many marked entities it processed. */
    @All(Marked.class)
    public static final class CountMarked extends ParallelIteratingSystem {
        final List<String> log;
        final AtomicInteger count = new AtomicInteger();

        CountMarked(List<String> log) {
            this.log = log;
        }

        @Override
        protected void begin() {
            count.set(0);
        }

        @Override
        protected void process(int e, EntityCommands commands) {
            count.incrementAndGet();
        }

        @Override
        protected void end() {
            log.add("count " + count.get());
        }
    }

    /**
     * Three frames of [SpawnMarked, Census "first", CountMarked, Census "second"]: in the second the first census
     * is disabled, so only the flush before it can show CountMarked the ten new entities.
     */
    private static List<String> run(SystemInvocationStrategy strategy) {
        List<String> log = new ArrayList<>();
        Census first = new FirstCensus(log);
        World world = new World(new WorldConfigurationBuilder()
                .with(new SpawnMarked(), first, new CountMarked(log), new SecondCensus(log))
                .register(strategy).build());
        world.create(); // entity 0, which SpawnMarked spawns from
        for (int f = 0; f < 3; f++) {
            first.setEnabled(f != 1);
            log.add("frame " + f);
            world.process();
        }
        return log;
    }

    @Test
    void anExclusiveSystemSeesWhatTheParallelSystemsBeforeItCreatedEvenWhenDisabled() {
        List<String> artemis = run(new InvocationStrategy());
        try (SchedulerBackend backend = Schedulers.create("workstealing", SchedulerConfig.builder().workers(2)
                .inlineSmallPhases(false).minBatchSize(1).build())) {
            assertThat(run(new EcschedInvocationStrategy(backend)))
                    .containsExactly("frame 0", "first 10", "count 10", "second 10",
                            "frame 1", "count 20", "second 20",
                            "frame 2", "first 30", "count 30", "second 30")
                    .isEqualTo(artemis);
        }
    }

    /** Notes, per system name, the tasks started and the last outcome. */
    private static final class Tasks implements SchedulerListener {
        final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        final Map<String, SystemOutcome> outcomes = new ConcurrentHashMap<>();

        @Override
        public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
            started.computeIfAbsent(plan.system(system).name(), n -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
            for (int s = 0; s < plan.systemCount(); s++) {
                outcomes.put(plan.system(s).name(), result.outcome(s));
            }
        }
    }

    /** setEnabled(false) between frames: the system's outcome is DISABLED and it starts no task, begin/end none. */
    @Test
    void aParallelSystemSwitchedOffMidGameCostsNoTask() {
        Tasks tasks = new Tasks();
        List<String> log = new ArrayList<>();
        CountMarked counter = new CountMarked(log);
        try (SchedulerBackend backend = Schedulers.create("blocking", SchedulerConfig.builder().workers(2)
                .minBatchSize(1).listener(tasks).build())) {
            World world = new World(new WorldConfigurationBuilder().with(new SpawnMarked(), counter)
                    .register(new EcschedInvocationStrategy(backend)).build());
            world.create();
            world.process();
            world.process();
            String name = "CountMarked#" + position(world, counter);
            assertThat(tasks.outcomes.get(name)).isEqualTo(SystemOutcome.COMPLETED);
            assertThat(tasks.started.get(name).get()).isPositive();

            counter.setEnabled(false);
            tasks.started.clear();
            world.process();

            assertThat(tasks.outcomes.get(name)).isEqualTo(SystemOutcome.DISABLED);
            assertThat(tasks.started).doesNotContainKey(name);
            assertThat(log).containsExactly("count 0", "count 10"); // begin and end did not run either
        }
    }

    private static int position(World world, BaseSystem system) {
        for (int i = 0; i < world.getSystems().size(); i++) {
            if (world.getSystems().get(i) == system) {
                return i;
            }
        }
        throw new AssertionError(system + " is not in the world");
    }
}
