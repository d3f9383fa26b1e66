package org.ecsched.scheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace recorder on the real blocking backend (tasks, phases) and with direct calls (steals, parks, the
 * concurrency and allocation rules). Every output is parsed with Jackson.
 */
class ChromeTraceRecorderTest {

    /** One X slice per executed task, on the lane of the worker that ran it; lanes named; ranges exact. */
    @Test
    void eachTaskIsOneSliceOnItsWorkersLane() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        Frames.TaskCounter counter = new Frames.TaskCounter();
        Plan<String> plan = Frames.frame("frame");
        List<Frames.Ran> ran;
        try (SchedulerBackend backend = Frames.blocking(SchedulerListener.compose(trace, counter),
                FailurePolicy.FAIL_FAST)) {
            trace.start();
            ran = Frames.run(backend, plan, 5);
        }
        ParsedTrace parsed = ParsedTrace.of(trace);

        List<JsonNode> tasks = parsed.slices("task");
        assertThat(tasks).hasSize((int) Frames.totalTasks(ran)).hasSize((int) counter.finished.get());
        for (JsonNode t : tasks) {
            assertThat(t.get("pid").asInt()).isEqualTo(1);
            assertThat(t.get("tid").asInt()).isBetween(0, Frames.WORKERS - 1);
            assertThat(t.get("args").get("plan").asText()).isEqualTo("frame");
            assertThat(t.get("args").get("failed").asBoolean()).isFalse();
            assertThat(ParsedTrace.nanos(t.get("ts"))).isNotNegative();
            assertThat(ParsedTrace.nanos(t.get("dur"))).isNotNegative();
        }
        // Run-once systems: one slice per phase each, range [0, 0).
        for (String once : List.of("input", "render", "audio")) {
            List<JsonNode> slices = tasks.stream().filter(t -> t.get("name").asText().equals(once)).toList();
            assertThat(slices).as(once).hasSize(5)
                    .allSatisfy(t -> assertThat(t.get("args").get("rangeEnd").asInt()).isZero());
        }
        // The entity-parallel system: its ranges cover [0, ENTITIES) exactly once per phase.
        int[] covered = new int[Frames.ENTITIES];
        tasks.stream().filter(t -> t.get("name").asText().equals("physics")).forEach(t -> {
            for (int e = t.get("args").get("rangeStart").asInt(); e < t.get("args").get("rangeEnd").asInt(); e++) {
                covered[e]++;
            }
        });
        assertThat(covered).containsOnly(5);
        // Lanes: one named lane per worker plus the phases lane.
        for (int w = 0; w < Frames.WORKERS; w++) {
            assertThat(parsed.laneName(w)).isEqualTo("worker " + w);
        }
        assertThat(parsed.laneName(Frames.WORKERS)).isEqualTo("phases");
        // A lane is one thread: its slices never overlap.
        Map<Integer, List<JsonNode>> byLane = new TreeMap<>();
        tasks.forEach(t -> byLane.computeIfAbsent(t.get("tid").asInt(), k -> new ArrayList<>()).add(t));
        byLane.values().forEach(lane -> {
            lane.sort(Comparator.comparingLong(t -> ParsedTrace.nanos(t.get("ts"))));
            for (int i = 1; i < lane.size(); i++) {
                long previousEnd = ParsedTrace.nanos(lane.get(i - 1).get("ts"))
                        + ParsedTrace.nanos(lane.get(i - 1).get("dur"));
                assertThat(ParsedTrace.nanos(lane.get(i).get("ts"))).isGreaterThanOrEqualTo(previousEnd);
            }
        });
        assertThat(parsed.root.get("displayTimeUnit").asText()).isEqualTo("ns");
        assertThat(parsed.otherData().get("recordedEvents").asLong()).isEqualTo(tasks.size() + 5);
        assertThat(parsed.otherData().get("droppedEvents").asLong()).isZero();
        assertThat(parsed.otherData().has("warning")).isFalse();
    }

    /** Phase slices on the phases lane, with number, task count, policy and outcome counts. */
    @Test
    void phasesAreSlicesOnTheirOwnLaneWithOutcomes() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        List<Frames.Ran> ran;
        try (SchedulerBackend backend = Frames.blocking(trace, FailurePolicy.CONTINUE)) {
            trace.start();
            ran = Frames.run(backend, Frames.failingFrame("broken frame"), 2);
        }
        ParsedTrace parsed = ParsedTrace.of(trace);

        List<JsonNode> phases = parsed.slices("phase");
        assertThat(phases).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode p = phases.get(i);
            assertThat(p.get("name").asText()).isEqualTo("broken frame");
            assertThat(p.get("tid").asInt()).isEqualTo(Frames.WORKERS);
            JsonNode args = p.get("args");
            assertThat(args.get("phase").asLong()).isEqualTo(i + 1);
            assertThat(args.get("tasks").asLong()).isEqualTo(ran.get(i).tasksExecuted());
            assertThat(args.get("policy").asText()).isEqualTo("CONTINUE");
            assertThat(args.get("succeeded").asBoolean()).isFalse();
            assertThat(args.get("failedSystems").asInt()).isEqualTo(1);
            assertThat(args.get("skippedSystems").asInt()).isEqualTo(1); // render, after physics
        }
        List<JsonNode> failed = parsed.slices("task").stream()
                .filter(t -> t.get("args").get("failed").asBoolean()).toList();
        assertThat(failed).hasSize(2).allSatisfy(t -> {
            assertThat(t.get("name").asText()).isEqualTo("physics");
            assertThat(t.get("args").get("rangeStart").asInt()).isZero();
            assertThat(t.get("cname").asText()).isEqualTo("terrible");
        });
        assertThat(parsed.slices("task")).noneMatch(t -> t.get("name").asText().equals("render"));
    }

    /** start() and stop() between phases capture exactly the phases in between (frames 3 and 4 of 6). */
    @Test
    void startAndStopCaptureAWindowOfFrames() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        Plan<String> plan = Frames.frame("frame");
        long windowTasks = 0;
        try (SchedulerBackend backend = Frames.blocking(trace, FailurePolicy.FAIL_FAST)) {
            for (int frame = 1; frame <= 6; frame++) {
                if (frame == 3) {
                    trace.start();
                }
                long tasks = backend.execute(plan).tasksExecuted();
                if (frame == 3 || frame == 4) {
                    windowTasks += tasks;
                }
                if (frame == 4) {
                    trace.stop();
                }
            }
        }
        ParsedTrace parsed = ParsedTrace.of(trace);
        assertThat(parsed.slices("phase")).extracting(p -> p.get("args").get("phase").asLong())
                .containsExactly(3L, 4L);
        assertThat(parsed.slices("task")).hasSize((int) windowTasks);
        assertThat(trace.isRecording()).isFalse();
    }

    /** A full lane drops, counts, never blocks, and the output says so. */
    @Test
    void fullLanesDropAndTheOutputSaysHowMany() {
        int capacity = 3;
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS, capacity);
        List<Frames.Ran> ran;
        try (SchedulerBackend backend = Frames.blocking(trace, FailurePolicy.FAIL_FAST)) {
            trace.start();
            ran = Frames.run(backend, Frames.frame("frame"), 5);
        }
        ParsedTrace parsed = ParsedTrace.of(trace);
        long offered = Frames.totalTasks(ran) + ran.size(); // tasks + phases
        long recorded = parsed.slices("task").size() + parsed.slices("phase").size();

        assertThat(parsed.slices("phase")).hasSize(capacity);
        assertThat(recorded).isLessThanOrEqualTo(capacity * (Frames.WORKERS + 1L));
        JsonNode meta = parsed.otherData();
        assertThat(meta.get("recordedEvents").asLong()).isEqualTo(recorded).isEqualTo(trace.recordedEvents());
        assertThat(meta.get("droppedEvents").asLong()).isEqualTo(offered - recorded)
                .isEqualTo(trace.droppedEvents()).isPositive();
        assertThat(meta.get("capacityPerLane").asInt()).isEqualTo(capacity);
        assertThat(meta.get("warning").asText()).startsWith((offered - recorded) + " events were dropped");
    }

    /** Names with quotes, backslashes, control characters and non-ASCII text survive the trip through JSON. */
    @Test
    void trickySystemAndPlanNamesRoundTrip() throws IOException {
        List<String> names = List.of("quote\"d", "back\\slash", "new\nline", "tab\tbell\u0007", "ünïcödé ✓ 😀",
                "line\u2028sep", "</script>");
        Phase.Builder<String> phase = Phase.named("plan \"α\"\\\n");
        for (String n : names) {
            phase.add(SystemSpec.<String>named(n).runs(ctx -> { }));
        }
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        try (SchedulerBackend backend = Frames.blocking(trace, FailurePolicy.FAIL_FAST)) {
            trace.start();
            backend.execute(phase.compile());
        }
        ParsedTrace parsed = ParsedTrace.of(trace);
        assertThat(parsed.slices("task")).extracting(t -> t.get("name").asText())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(parsed.slices("phase")).extracting(t -> t.get("name").asText())
                .containsExactly("plan \"α\"\\\n");
        // And through a file, which is UTF-8.
        Path file = Files.createTempFile("ecsched-trace", ".json");
        try {
            trace.writeTo(file);
            ParsedTrace fromFile = ParsedTrace.parse(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(fromFile.slices("task")).extracting(t -> t.get("name").asText())
                    .containsExactlyInAnyOrderElementsOf(names);
        } finally {
            Files.delete(file);
        }
    }

    /** Steals are instants on the thief's lane; parks are slices from park to unpark; exact timing. */
    @Test
    void stealsAreInstantsAndParksAreSlices() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(3);
        trace.start();
        trace.stolen(1, 0, 4, 1_000);
        trace.stolen(2, -1, 9, 1_500);
        trace.parked(2, 2_000);
        trace.unparked(2, 2_750_123);
        trace.unparked(1, 3_000_000); // never parked: nothing to record

        ParsedTrace parsed = ParsedTrace.of(trace);
        List<JsonNode> steals = parsed.events(e -> "steal".equals(e.path("cat").asText()));
        assertThat(steals).hasSize(2);
        Map<Integer, JsonNode> byThief = new HashMap<>();
        steals.forEach(s -> byThief.put(s.get("tid").asInt(), s));
        assertThat(byThief.get(1).get("ph").asText()).isEqualTo("i");
        assertThat(byThief.get(1).get("s").asText()).isEqualTo("t");
        assertThat(byThief.get(1).get("args").get("thief").asInt()).isEqualTo(1);
        assertThat(byThief.get(1).get("args").get("victim").asInt()).isZero();
        assertThat(byThief.get(1).get("args").get("count").asInt()).isEqualTo(4);
        assertThat(byThief.get(2).get("args").get("victim").asInt()).isEqualTo(-1);
        assertThat(byThief.get(2).get("args").get("count").asInt()).isEqualTo(9);
        // ts counts from the earliest event (the first steal, at 1,000 ns).
        assertThat(ParsedTrace.nanos(byThief.get(1).get("ts"))).isZero();
        assertThat(ParsedTrace.nanos(byThief.get(2).get("ts"))).isEqualTo(500);

        List<JsonNode> parks = parsed.slices("park");
        assertThat(parks).singleElement().satisfies(p -> {
            assertThat(p.get("tid").asInt()).isEqualTo(2);
            assertThat(p.get("name").asText()).isEqualTo("parked");
            assertThat(ParsedTrace.nanos(p.get("ts"))).isEqualTo(1_000);
            assertThat(ParsedTrace.nanos(p.get("dur"))).isEqualTo(2_748_123);
        });
        // Microseconds with exactly three decimals, as written.
        assertThat(parsed.text).contains("\"ts\":0.000,").contains("\"ts\":1.000,\"dur\":2748.123");
    }

    /** Events for a worker index without a lane are counted, not thrown. */
    @Test
    void eventsOfUnknownWorkersAreCountedAsMisrouted() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(2);
        trace.start();
        trace.stolen(7, 0, 1, 10);
        trace.parked(-1, 10);
        trace.unparked(-1, 20);
        assertThat(trace.misroutedEvents()).isEqualTo(2);
        assertThat(ParsedTrace.of(trace).otherData().get("misroutedEvents").asLong()).isEqualTo(2);
    }

    @Test
    void aRecorderWithNoEventsWritesAValidTrace() {
        ParsedTrace parsed = ParsedTrace.of(new ChromeTraceRecorder(2));
        assertThat(parsed.events(e -> !"M".equals(e.path("ph").asText()))).isEmpty();
        assertThat(parsed.laneName(0)).isEqualTo("worker 0");
        assertThat(parsed.otherData().get("recordedEvents").asLong()).isZero();
    }

    @Test
    void nothingIsRecordedBeforeStart() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        try (SchedulerBackend backend = Frames.blocking(trace, FailurePolicy.FAIL_FAST)) {
            Frames.run(backend, Frames.frame("frame"), 2);
        }
        assertThat(trace.recordedEvents()).isZero();
    }

    @Test
    void constructorRejectsCountsBelowOne() {
        assertThatThrownBy(() -> new ChromeTraceRecorder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be >= 1 but was 0");
        assertThatThrownBy(() -> new ChromeTraceRecorder(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacityPerLane must be >= 1 but was 0");
    }

    /**
     * Workers append while another thread writes traces: every output is valid JSON, its task slices never
     * decrease, and the final trace has every event.
     */
    @Test
    void writingWhileWorkersRecordGivesValidPrefixes() throws Exception {
        int workers = 3;
        int perWorker = 20_000;
        Plan<Object> plan = Phase.named("p").add(SystemSpec.named("s").runs(ctx -> { })).compile();
        ChromeTraceRecorder trace = new ChromeTraceRecorder(workers, perWorker);
        trace.start();
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perWorker; i++) {
                        trace.taskStarted(worker, plan, 0, i, i + 1, i * 10L);
                        trace.taskFinished(worker, plan, 0, i, i + 1, false, i * 10L + 5);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        int previous = 0;
        int snapshots = 0;
        while (threads.stream().anyMatch(Thread::isAlive) || snapshots == 0) {
            int tasks = ParsedTrace.of(trace).slices("task").size();
            assertThat(tasks).isGreaterThanOrEqualTo(previous);
            previous = tasks;
            snapshots++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        ParsedTrace last = ParsedTrace.of(trace);
        assertThat(last.slices("task")).hasSize(workers * perWorker);
        Set<Integer> lanes = new HashSet<>();
        last.slices("task").forEach(t -> lanes.add(t.get("tid").asInt()));
        assertThat(lanes).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(last.otherData().get("droppedEvents").asLong()).isZero();
    }
}
