package org.ecsched.scheduler.observability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.observability.internal.ChromeTraceFormat;
import org.ecsched.scheduler.observability.internal.TraceLane;

/**
 * Records what the workers did, for a timeline in Perfetto (ui.perfetto.dev) or {@code chrome://tracing}: one
 * lane per worker with a slice per task (named after its system, with its range and failed flag), a slice per
 * park and an instant per steal, plus a "phases" lane with a slice per phase.
 *
 * <pre>{@code
 * SchedulerConfig base = SchedulerConfig.builder().workers(4).build();
 * ChromeTraceRecorder trace = new ChromeTraceRecorder(base.workers());
 * try (SchedulerBackend backend = Schedulers.createDefault(base.toBuilder().listener(trace).build())) {
 *     for (int frame = 0; frame < 60; frame++) {
 *         if (frame == 10) trace.start();
 *         backend.execute(plan);
 *         if (frame == 12) trace.stop();
 *     }
 * }
 * trace.writeTo(Path.of("frames-10-12.json"));
 * }</pre>
 *
 * <h2>Recording window</h2>
 * A new recorder is stopped. {@link #start()} and {@link #stop()} open and close the window (call them between
 * phases for whole phases). A slice is recorded when its begin (task start, park, phase start) falls inside the
 * window, even if its end comes after {@link #stop()}; steals are recorded inside the window.
 *
 * <h2>Hot path</h2>
 * Callbacks run on worker threads. Each worker writes only its own preallocated lane, so workers share no lock
 * and no written field (a lane's hot fields are padded against false sharing), and recording an event allocates
 * nothing. A lane holds a fixed number of events;
 * when it is full further events of that lane are dropped and counted, never waited for, and the written trace
 * says how many were dropped ({@code otherData.droppedEvents}). An event for a worker index outside
 * {@code [0, workers)} is counted as misrouted. The recorder assumes each worker-indexed callback is made on the
 * thread currently acting as that worker, and the phase callbacks on the thread running {@code execute}, as the
 * backends in this repository do; use one recorder per backend.
 *
 * <h2>Writing</h2>
 * {@link #writeTo(Path)} may be called at any time, from any thread, as often as wanted: it writes the events
 * published so far. For an exact trace, call it after the phases of interest have returned.
 */
public final class ChromeTraceRecorder implements SchedulerListener {

    /** Events each lane holds by default: 32,768, about 1.4 MiB per lane (45 bytes an event). */
    public static final int DEFAULT_CAPACITY_PER_LANE = 1 << 15;

    private final TraceLane[] workerLanes;
    /** Written by the thread running {@code execute}. */
    private final TraceLane phaseLane;
    private final AtomicLong misrouted = new AtomicLong();
    /** Whether the window is open; read on every callback (a volatile load: a plain load on x86). */
    private volatile boolean recording;

    /**
     * A recorder for a backend with {@code workers} workers, holding {@link #DEFAULT_CAPACITY_PER_LANE} events per
     * lane.
     *
     * @param workers the backend's worker count, at least 1
     */
    public ChromeTraceRecorder(int workers) {
        this(workers, DEFAULT_CAPACITY_PER_LANE);
    }

    /**
     * A recorder for a backend with {@code workers} workers, holding {@code capacityPerLane} events per worker lane
     * and as many phases. All memory is allocated here.
     *
     * @param workers         the backend's worker count
     * @param capacityPerLane events each lane holds; later events are dropped and counted
     * @throws IllegalArgumentException if {@code workers} or {@code capacityPerLane} is below 1
     */
    public ChromeTraceRecorder(int workers, int capacityPerLane) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
        if (capacityPerLane < 1) {
            throw new IllegalArgumentException("capacityPerLane must be >= 1 but was " + capacityPerLane);
        }
        workerLanes = new TraceLane[workers];
        for (int w = 0; w < workers; w++) {
            workerLanes[w] = new TraceLane(capacityPerLane);
        }
        phaseLane = new TraceLane(capacityPerLane);
    }

    /** Opens the recording window. */
    public void start() {
        recording = true;
    }

    /** Closes the recording window; slices already begun are still completed. */
    public void stop() {
        recording = false;
    }

    /** {@return whether the window is open} */
    public boolean isRecording() {
        return recording;
    }

    /** {@return the number of worker lanes} */
    public int workers() {
        return workerLanes.length;
    }

    /** {@return the number of events each lane holds} */
    public int capacityPerLane() {
        return phaseLane.capacity();
    }

    /** {@return the number of events recorded so far, over all lanes} */
    public long recordedEvents() {
        long n = phaseLane.laSize();
        for (TraceLane lane : workerLanes) {
            n += lane.laSize();
        }
        return n;
    }

    /**
     * {@return the number of events dropped so far because their lane was full} Racy while workers run; exact
     * between phases.
     */
    public long droppedEvents() {
        long n = phaseLane.loDropped();
        for (TraceLane lane : workerLanes) {
            n += lane.loDropped();
        }
        return n;
    }

    /** {@return the number of events refused because their worker index was outside {@code [0, workers)}} */
    public long misroutedEvents() {
        return misrouted.get();
    }

    /**
     * Writes the trace as Chrome Trace Event Format JSON, in UTF-8, replacing {@code file}.
     *
     * @param file the file, created or replaced
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeTo(out);
        }
    }

    /**
     * Writes the trace as Chrome Trace Event Format JSON and flushes {@code out} without closing it. The text may
     * contain any Unicode character: encode it as UTF-8.
     *
     * @param out where the JSON goes
     * @throws IOException if {@code out} throws it
     */
    public void writeTo(Writer out) throws IOException {
        ChromeTraceFormat.write(out, workerLanes, phaseLane, misrouted.get());
        out.flush();
    }

    // ---- listener callbacks -------------------------------------------------------------------------------------

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        if (recording) {
            phaseLane.openSlice(nanoTime);
        }
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        if (phaseLane.closeSlice()) {
            phaseLane.appendPhase(plan, phaseNumber, result.tasksExecuted(), count(result, SystemOutcome.FAILED),
                    count(result, SystemOutcome.SKIPPED), result.policy().ordinal(), phaseLane.openSliceBegin(),
                    nanoTime);
        }
    }

    private static int count(PhaseResult<?> result, SystemOutcome outcome) {
        int n = 0;
        for (int s = 0, systems = result.plan().systemCount(); s < systems; s++) {
            if (result.outcome(s) == outcome) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        if (recording) {
            TraceLane lane = laneCountingMisrouted(worker);
            if (lane != null) {
                lane.openSlice(nanoTime);
            }
        }
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        TraceLane lane = laneOrNull(worker);
        if (lane != null && lane.closeSlice()) {
            lane.appendTask(plan, system, rangeStart, rangeEnd, failed, lane.openSliceBegin(), nanoTime);
        }
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        if (recording) {
            TraceLane lane = laneCountingMisrouted(thief);
            if (lane != null) {
                lane.appendSteal(victim, count, nanoTime);
            }
        }
    }

    @Override
    public void parked(int worker, long nanoTime) {
        if (recording) {
            TraceLane lane = laneCountingMisrouted(worker);
            if (lane != null) {
                lane.openPark(nanoTime);
            }
        }
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        TraceLane lane = laneOrNull(worker);
        if (lane != null && lane.closePark()) {
            lane.appendPark(lane.openParkBegin(), nanoTime);
        }
    }

    private TraceLane laneOrNull(int worker) {
        return worker >= 0 && worker < workerLanes.length ? workerLanes[worker] : null;
    }

    /** The worker's lane; or null, counting a misrouted event, for an index without a lane (a misconfiguration). */
    private TraceLane laneCountingMisrouted(int worker) {
        TraceLane lane = laneOrNull(worker);
        if (lane == null) {
            misrouted.incrementAndGet();
        }
        return lane;
    }

    @Override
    public String toString() {
        return "ChromeTraceRecorder[workers=" + workerLanes.length + ", capacityPerLane=" + capacityPerLane()
                + ", recording=" + recording + ", recorded=" + recordedEvents() + ", dropped=" + droppedEvents()
                + "]";
    }
}
