package org.ecsched.scheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * Not rules: these write the example files the README shows, {@code target/ecsched-example.jfr} and
 * {@code target/ecsched-example-trace.json}, from six frames of a small game-like plan on the blocking backend
 * with both listeners attached (the trace keeps frames 3 to 5).
 */
class ReadmeExamplesTest {

    /** input, then physics (entity-parallel) and ai (entity-parallel), then render; audio on the side. */
    private static Plan<String> gameFrame() {
        return Phase.<String>named("game frame")
                .add(SystemSpec.<String>named("input").writes("Input").runs(ctx -> spin(40_000)))
                .add(SystemSpec.<String>named("physics").reads("Input").writes("Position").minBatchSize(64)
                        .forEachEntity(2_000, (start, end, ctx) -> spin((end - start) * 200L)))
                .add(SystemSpec.<String>named("ai").reads("Input", "Position").writes("Intent").minBatchSize(128)
                        .forEachEntity(1_500, (start, end, ctx) -> spin((end - start) * 150L)))
                .add(SystemSpec.<String>named("render").reads("Position", "Intent").runs(ctx -> spin(120_000)))
                .add(SystemSpec.<String>named("audio").writes("Sound").runs(ctx -> spin(90_000)))
                .compile();
    }

    /** Busy-waits, like a system doing real work for that long. */
    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void sixFramesWriteTheExampleRecordingAndATraceOfFramesThreeToFive() throws Exception {
        Path dir = Path.of("target");
        Files.createDirectories(dir);
        Path jfrFile = dir.resolve("ecsched-example.jfr");
        Path traceFile = dir.resolve("ecsched-example-trace.json");

        ChromeTraceRecorder trace = new ChromeTraceRecorder(Frames.WORKERS);
        SchedulerListener both = SchedulerListener.compose(new JfrListener(), trace);
        Plan<String> plan = gameFrame();
        try (Recording recording = new Recording(JfrListenerTest.shippedConfiguration())) {
            recording.start();
            try (SchedulerBackend backend = Frames.blocking(both, FailurePolicy.FAIL_FAST)) {
                for (int frame = 1; frame <= 6; frame++) {
                    if (frame == 3) {
                        trace.start();
                    }
                    backend.execute(plan);
                    if (frame == 5) {
                        trace.stop();
                    }
                }
            }
            recording.stop();
            recording.dump(jfrFile);
        }
        trace.writeTo(traceFile);

        assertThat(RecordingFile.readAllEvents(jfrFile))
                .anyMatch(e -> e.getEventType().getName().equals("ecsched.Phase"));
        assertThat(ParsedTrace.parse(Files.readString(traceFile)).slices("phase")).hasSize(3);
    }
}
