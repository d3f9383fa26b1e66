package org.ecsched.scheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.observability.internal.ParkEvent;
import org.ecsched.scheduler.observability.internal.PhaseEvent;
import org.ecsched.scheduler.observability.internal.StealEvent;
import org.ecsched.scheduler.observability.internal.SystemEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR listener, recorded with {@link Recording}, dumped to a file and read back with {@link RecordingFile}:
 * each test checks the events' fields.
 */
class JfrListenerTest {

    @TempDir
    Path dir;

    /** Runs {@code body} inside a recording configured by {@code setup} and returns every ecsched event. */
    private List<RecordedEvent> record(Recording recording, ThrowingRunnable body) throws Exception {
        try (recording) {
            recording.start();
            body.run();
            recording.stop();
            Path file = dir.resolve("events-" + System.nanoTime() + ".jfr");
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("ecsched."))
                    .collect(Collectors.toList());
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** ecsched.Phase: one per phase, with plan, number, tasks, policy and outcome counts, and a duration. */
    @Test
    void phaseEventsCarryPlanCountsPolicyAndOutcome() throws Exception {
        Recording recording = new Recording();
        recording.enable(PhaseEvent.NAME).withoutThreshold();
        List<Frames.Ran> ran = new ArrayList<>();
        List<RecordedEvent> events = record(recording, () -> {
            try (SchedulerBackend backend = Frames.blocking(new JfrListener(), FailurePolicy.CONTINUE)) {
                ran.addAll(Frames.run(backend, Frames.failingFrame("broken frame"), 3));
            }
        });

        List<RecordedEvent> phases = named(events, PhaseEvent.NAME);
        assertThat(phases).hasSize(3);
        for (int i = 0; i < 3; i++) {
            RecordedEvent p = phases.get(i);
            assertThat(p.getString("plan")).isEqualTo("broken frame");
            assertThat(p.getLong("phaseNumber")).isEqualTo(i + 1);
            assertThat(p.getInt("tasksExecuted")).isEqualTo((int) ran.get(i).tasksExecuted()).isPositive();
            assertThat(p.getLong("tasksStolen")).isZero(); // the blocking backend does not steal
            assertThat(p.getString("policy")).isEqualTo("CONTINUE");
            assertThat(p.getBoolean("succeeded")).isFalse();
            assertThat(p.getInt("failedSystems")).isEqualTo(1);
            assertThat(p.getInt("skippedSystems")).isEqualTo(1);
            assertThat(p.getDuration()).isPositive();
        }
        assertThat(named(events, SystemEvent.NAME)).isEmpty(); // not enabled by this recording
    }

    /** ecsched.System, when enabled: one per task, with names, workers, exact ranges and the failed flag. */
    @Test
    void systemEventsComeOnePerTaskWithNamesRangesAndWorkers() throws Exception {
        Recording recording = new Recording();
        recording.enable(SystemEvent.NAME).withoutThreshold();
        List<Frames.Ran> ran = new ArrayList<>();
        List<RecordedEvent> events = record(recording, () -> {
            try (SchedulerBackend backend = Frames.blocking(new JfrListener(), FailurePolicy.CONTINUE)) {
                ran.addAll(Frames.run(backend, Frames.failingFrame("frame"), 2));
            }
        });

        List<RecordedEvent> tasks = named(events, SystemEvent.NAME);
        assertThat(tasks).hasSize((int) Frames.totalTasks(ran));
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.getString("plan")).isEqualTo("frame");
            assertThat(t.getInt("worker")).isBetween(0, Frames.WORKERS - 1);
            assertThat(t.getDuration().isNegative()).isFalse();
        });
        assertThat(tasks).extracting(t -> t.getString("system")).containsOnly("input", "physics", "audio");
        int[] covered = new int[Frames.ENTITIES];
        for (RecordedEvent t : tasks) {
            if (t.getString("system").equals("physics")) {
                for (int e = t.getInt("rangeStart"); e < t.getInt("rangeEnd"); e++) {
                    covered[e]++;
                }
                assertThat(t.getBoolean("failed")).isEqualTo(t.getInt("rangeStart") == 0);
            } else {
                assertThat(t.getInt("rangeEnd")).isZero();
                assertThat(t.getBoolean("failed")).isFalse();
            }
        }
        assertThat(covered).containsOnly(2);
    }

    /** Only ecsched.Phase is on unless a recording says otherwise; the per-task, steal and park events are off. */
    @Test
    void onlyThePhaseEventIsEnabledByDefault() throws Exception {
        assertThat(defaultSetting(PhaseEvent.class, "enabled")).isEqualTo("true");
        assertThat(defaultSetting(SystemEvent.class, "enabled")).isEqualTo("false");
        assertThat(defaultSetting(StealEvent.class, "enabled")).isEqualTo("false");
        assertThat(defaultSetting(ParkEvent.class, "enabled")).isEqualTo("false");
        EventType system = EventType.getEventType(SystemEvent.class);
        assertThat(system.getCategoryNames()).containsExactly("ECS Scheduler");
        assertThat(system.getLabel()).isEqualTo("System Task");

        // A recording that enables nothing of ours by name still gets phases, and no task events.
        JfrListener listener = new JfrListener();
        List<RecordedEvent> events = record(new Recording(), () -> {
            try (SchedulerBackend backend = Frames.blocking(listener, FailurePolicy.FAIL_FAST)) {
                Frames.run(backend, Frames.frame("frame"), 2);
            }
            listener.stolen(0, 1, 2, System.nanoTime());
            listener.parked(0, System.nanoTime());
            listener.unparked(0, System.nanoTime());
        });
        assertThat(named(events, PhaseEvent.NAME)).hasSize(2);
        assertThat(events).extracting(e -> e.getEventType().getName()).containsOnly(PhaseEvent.NAME);
    }

    private static String defaultSetting(Class<? extends jdk.jfr.Event> eventClass, String setting) {
        new JfrListener(); // registers the event classes
        for (SettingDescriptor d : EventType.getEventType(eventClass).getSettingDescriptors()) {
            if (d.getName().equals(setting)) {
                return d.getDefaultValue();
            }
        }
        throw new AssertionError("no setting " + setting);
    }

    /**
     * The listener's own threshold is a floor: shorter tasks never become events, whatever the recording says. The
     * listener is called as a backend calls it, with the timestamps that decide: the fast task lasts the 1 ms its
     * timestamps say (a real empty body, descheduled for 25 ms, would cross the floor), the slow one really sleeps
     * 60 ms between its two calls, so that its event lasts at least that long too.
     */
    @Test
    void listenerThresholdKeepsOnlySlowTasks() throws Exception {
        Plan<String> plan = Phase.<String>named("mixed")
                .add(SystemSpec.<String>named("slow").runs(ctx -> { }))
                .add(SystemSpec.<String>named("fast").runs(ctx -> { }))
                .compile();
        int slow = plan.indexOf("slow");
        int fast = plan.indexOf("fast");
        Recording recording = new Recording();
        recording.enable(SystemEvent.NAME).withoutThreshold();
        JfrListener listener = new JfrListener(Duration.ofMillis(25).toNanos());
        List<RecordedEvent> events = record(recording, () -> {
            for (int phase = 0; phase < 2; phase++) {
                listener.taskStarted(0, plan, slow, 0, 0, System.nanoTime());
                Thread.sleep(60);
                listener.taskFinished(0, plan, slow, 0, 0, false, System.nanoTime());
                long start = System.nanoTime();
                listener.taskStarted(0, plan, fast, 0, 0, start);
                listener.taskFinished(0, plan, fast, 0, 0, false, start + Duration.ofMillis(1).toNanos());
            }
        });
        List<RecordedEvent> tasks = named(events, SystemEvent.NAME);
        assertThat(tasks).extracting(t -> t.getString("system")).containsExactly("slow", "slow");
        assertThat(tasks).allSatisfy(t -> assertThat(t.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(25)));
        assertThat(listener.systemEventThresholdNanos()).isEqualTo(25_000_000L);
    }

    /** SYSTEM_EVENTS_OFF: no task events even when the recording enables them. */
    @Test
    void systemEventsOffRecordsNoTaskEventEvenWhenTheRecordingEnablesIt() throws Exception {
        Recording recording = new Recording();
        recording.enable(SystemEvent.NAME).withoutThreshold();
        recording.enable(PhaseEvent.NAME).withoutThreshold();
        List<RecordedEvent> events = record(recording, () -> {
            try (SchedulerBackend backend = Frames.blocking(new JfrListener(JfrListener.SYSTEM_EVENTS_OFF),
                    FailurePolicy.FAIL_FAST)) {
                Frames.run(backend, Frames.frame("frame"), 2);
            }
        });
        assertThat(named(events, PhaseEvent.NAME)).hasSize(2);
        assertThat(named(events, SystemEvent.NAME)).isEmpty();
        assertThatThrownBy(() -> new JfrListener(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * ecsched.Steal carries thief, victim and count; the phase event counts the tasks stolen during it. The steals
     * are reported from inside a running system (the blocking backend never steals by itself).
     */
    @Test
    void stealEventsAreRecordedAndCountedByTheirPhase() throws Exception {
        JfrListener listener = new JfrListener();
        Plan<String> plan = Phase.<String>named("stealing")
                .add(SystemSpec.<String>named("thief").runs(ctx -> {
                    listener.stolen(ctx.workerIndex(), -1, 3, System.nanoTime());
                    listener.stolen(ctx.workerIndex(), 5, 4, System.nanoTime());
                }))
                .compile();
        Recording recording = new Recording();
        recording.enable(StealEvent.NAME);
        recording.enable(PhaseEvent.NAME).withoutThreshold();
        List<RecordedEvent> events = record(recording, () -> {
            try (SchedulerBackend backend = Frames.blocking(listener, FailurePolicy.FAIL_FAST)) {
                backend.execute(plan);
                backend.execute(plan);
            }
        });
        List<RecordedEvent> steals = named(events, StealEvent.NAME);
        assertThat(steals).hasSize(4);
        assertThat(steals).allSatisfy(s -> assertThat(s.getInt("thief")).isBetween(0, Frames.WORKERS - 1));
        assertThat(steals).extracting(s -> s.getInt("victim") + ":" + s.getInt("count"))
                .containsExactlyInAnyOrder("-1:3", "5:4", "-1:3", "5:4");
        assertThat(named(events, PhaseEvent.NAME)).extracting(p -> p.getLong("tasksStolen")).containsExactly(7L, 7L);
    }

    /** ecsched.Park spans parked to unparked on the worker's thread and names the worker. */
    @Test
    void parkEventsSpanParkToUnpark() throws Exception {
        JfrListener listener = new JfrListener();
        Recording recording = new Recording();
        recording.enable(ParkEvent.NAME).withoutThreshold();
        List<RecordedEvent> events = record(recording, () -> {
            listener.parked(2, System.nanoTime());
            Thread.sleep(20);
            listener.unparked(2, System.nanoTime());
            listener.unparked(1, System.nanoTime()); // never parked: no event
        });
        assertThat(named(events, ParkEvent.NAME)).singleElement().satisfies(p -> {
            assertThat(p.getInt("worker")).isEqualTo(2);
            assertThat(p.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(15));
            assertThat(p.getThread().getJavaName()).isEqualTo(Thread.currentThread().getName());
        });
    }

    /**
     * The event classes sit in a package this named module does not export, and JFR records them all the same:
     * registration opens the package to jdk.jfr.
     */
    @Test
    void eventsInANonExportedPackageOfTheNamedModuleAreRecorded() throws Exception {
        Module module = JfrListener.class.getModule();
        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("org.ecsched.scheduler.observability");
        assertThat(module.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("org.ecsched.scheduler.observability");
        assertThat(PhaseEvent.class.getModule()).isSameAs(module);

        Recording recording = new Recording();
        recording.enable(PhaseEvent.NAME).withoutThreshold();
        List<RecordedEvent> events = record(recording, () -> {
            try (SchedulerBackend backend = Frames.blocking(new JfrListener(), FailurePolicy.FAIL_FAST)) {
                backend.execute(Frames.frame("frame"));
            }
        });
        assertThat(named(events, PhaseEvent.NAME)).singleElement()
                .satisfies(p -> assertThat(p.getString("plan")).isEqualTo("frame"));
    }

    /** The shipped ecsched.jfc parses, turns on all four events with zero thresholds, and records them. */
    @Test
    void shippedSettingsFileEnablesEveryEvent() throws Exception {
        Configuration configuration = shippedConfiguration();
        Map<String, String> settings = configuration.getSettings();
        for (String event : List.of(PhaseEvent.NAME, SystemEvent.NAME, StealEvent.NAME, ParkEvent.NAME)) {
            assertThat(settings).containsEntry(event + "#enabled", "true");
        }
        assertThat(settings).containsEntry(SystemEvent.NAME + "#threshold", "0 ms");
        assertThat(settings).containsEntry(ParkEvent.NAME + "#threshold", "0 ms");

        JfrListener listener = new JfrListener();
        List<RecordedEvent> events = record(new Recording(configuration), () -> {
            try (SchedulerBackend backend = Frames.blocking(listener, FailurePolicy.FAIL_FAST)) {
                backend.execute(Frames.frame("frame"));
            }
            listener.stolen(1, 0, 2, System.nanoTime());
            listener.parked(1, System.nanoTime());
            listener.unparked(1, System.nanoTime());
        });
        assertThat(events).extracting(e -> e.getEventType().getName())
                .contains(PhaseEvent.NAME, SystemEvent.NAME, StealEvent.NAME, ParkEvent.NAME);
    }

    static Configuration shippedConfiguration() throws IOException, ParseException {
        try (InputStream in = JfrListenerTest.class.getResourceAsStream("/ecsched.jfc")) {
            assertThat(in).as("ecsched.jfc on the module's resources").isNotNull();
            return Configuration.create(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }
}
