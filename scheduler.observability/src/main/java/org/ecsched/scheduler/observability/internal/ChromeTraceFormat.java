package org.ecsched.scheduler.observability.internal;

import java.io.IOException;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Plan;

/**
 * Renders trace lanes as Chrome Trace Event Format JSON, the format {@code chrome://tracing} and Perfetto
 * (ui.perfetto.dev) open.
 *
 * <p>Output shape: one process ({@code pid} 1); one thread per worker ({@code tid} = worker index, named
 * "worker N") and one more, {@code tid} = worker count, named "phases" and sorted first. Tasks and parks are
 * complete events ({@code "ph":"X"}), steals are thread-scoped instants ({@code "ph":"i"}), phases are complete
 * events on the phases lane. {@code ts} and {@code dur} are microseconds with three decimals (exact nanoseconds),
 * {@code ts} counted from the earliest event written. {@code otherData} says how many events were recorded and
 * dropped. Events appear lane by lane; viewers sort them by time.
 */
public final class ChromeTraceFormat {

    private static final int PID = 1;
    private static final FailurePolicy[] POLICIES = FailurePolicy.values();

    private ChromeTraceFormat() {
    }

    /**
     * Writes every row published so far. Safe while owners are still appending: each lane's size is read once
     * (acquire), and rows added later are left out.
     *
     * @param workers          one lane per worker, indexed by worker
     * @param phases           the phases lane
     * @param misroutedEvents  events refused because their worker index had no lane
     */
    public static void write(Appendable out, TraceLane[] workers, TraceLane phases, long misroutedEvents)
            throws IOException {
        int[] sizes = new int[workers.length];
        long recorded = 0;
        long dropped = 0;
        for (int w = 0; w < workers.length; w++) {
            sizes[w] = workers[w].laSize(); // LoadLoad: rows below it are complete
            recorded += sizes[w];
            dropped += workers[w].loDropped();
        }
        int phaseRows = phases.laSize(); // LoadLoad: rows below it are complete
        recorded += phaseRows;
        dropped += phases.loDropped();
        long origin = earliestBegin(workers, sizes, phases, phaseRows);

        JsonWriter json = new JsonWriter(out);
        json.beginObject().name("traceEvents").beginArray();
        writeLaneNames(json, workers.length);
        for (int w = 0; w < workers.length; w++) {
            for (int i = 0; i < sizes[w]; i++) {
                json.newline();
                writeWorkerRow(json, workers[w], i, w, origin);
            }
        }
        for (int i = 0; i < phaseRows; i++) {
            json.newline();
            writePhaseRow(json, phases, i, workers.length, origin);
        }
        json.newline().endArray();
        json.name("displayTimeUnit").value("ns");
        json.name("otherData").beginObject()
                .name("generator").value("org.ecsched.scheduler.observability.ChromeTraceRecorder")
                .name("clock").value("System.nanoTime")
                .name("originNanoTime").value(origin)
                .name("workers").value(workers.length)
                .name("capacityPerLane").value(phases.capacity())
                .name("recordedEvents").value(recorded)
                .name("droppedEvents").value(dropped)
                .name("misroutedEvents").value(misroutedEvents);
        if (dropped > 0) {
            json.name("warning").value(dropped + " events were dropped because a lane was full;"
                    + " record a shorter window or give the recorder a larger capacity");
        }
        json.endObject();
        json.endObject();
        out.append('\n');
    }

    private static long earliestBegin(TraceLane[] workers, int[] sizes, TraceLane phases, int phaseRows) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (int w = 0; w < workers.length; w++) {
            for (int i = 0; i < sizes[w]; i++) {
                min = any ? earlier(min, workers[w].begin(i)) : workers[w].begin(i);
                any = true;
            }
        }
        for (int i = 0; i < phaseRows; i++) {
            min = any ? earlier(min, phases.begin(i)) : phases.begin(i);
            any = true;
        }
        return any ? min : 0;
    }

    /** The earlier of two nanoTime readings (compared by difference, as nanoTime requires). */
    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }

    private static void writeLaneNames(JsonWriter json, int workerCount) throws IOException {
        json.newline();
        metadata(json, "process_name", 0).name("name").value("ecsched scheduler").endObject().endObject();
        for (int w = 0; w < workerCount; w++) {
            json.newline();
            metadata(json, "thread_name", w).name("name").value("worker " + w).endObject().endObject();
            json.newline();
            metadata(json, "thread_sort_index", w).name("sort_index").value(w).endObject().endObject();
        }
        json.newline();
        metadata(json, "thread_name", workerCount).name("name").value("phases").endObject().endObject();
        json.newline();
        metadata(json, "thread_sort_index", workerCount).name("sort_index").value(-1).endObject().endObject();
    }

    /** Opens a metadata event and its args object; the caller writes the args and closes both. */
    private static JsonWriter metadata(JsonWriter json, String name, int tid) throws IOException {
        return json.beginObject().name("name").value(name).name("ph").value("M").name("pid").value(PID)
                .name("tid").value(tid).name("args").beginObject();
    }

    private static void writeWorkerRow(JsonWriter json, TraceLane lane, int i, int worker, long origin)
            throws IOException {
        switch (lane.kind(i)) {
            case TraceLane.TASK, TraceLane.TASK_FAILED -> {
                boolean failed = lane.kind(i) == TraceLane.TASK_FAILED;
                Plan<?> plan = lane.plan(i);
                complete(json, plan.system(lane.system(i)).name(), "task", worker, lane, i, origin);
                if (failed) {
                    json.name("cname").value("terrible"); // chrome://tracing's reserved red
                }
                json.name("args").beginObject()
                        .name("plan").value(plan.name())
                        .name("rangeStart").value(lane.rangeStart(i))
                        .name("rangeEnd").value(lane.rangeEnd(i))
                        .name("failed").value(failed)
                        .endObject().endObject();
            }
            case TraceLane.STEAL -> json.beginObject().name("name").value("steal").name("cat").value("steal")
                    .name("ph").value("i").name("s").value("t").name("pid").value(PID).name("tid").value(worker)
                    .name("ts").valueThousandths(lane.begin(i) - origin)
                    .name("args").beginObject()
                    .name("thief").value(worker)
                    .name("victim").value(lane.victim(i))
                    .name("count").value(lane.stealCount(i))
                    .endObject().endObject();
            case TraceLane.PARK -> complete(json, "parked", "park", worker, lane, i, origin).endObject();
            default -> throw new IllegalStateException("unexpected row kind " + lane.kind(i) + " on a worker lane");
        }
    }

    private static void writePhaseRow(JsonWriter json, TraceLane lane, int i, int tid, long origin)
            throws IOException {
        int failed = lane.phaseFailedSystems(i);
        int skipped = lane.phaseSkippedSystems(i);
        complete(json, lane.plan(i).name(), "phase", tid, lane, i, origin)
                .name("args").beginObject()
                .name("phase").value(lane.phaseNumber(i))
                .name("tasks").value(lane.phaseTasks(i))
                .name("policy").value(POLICIES[lane.phasePolicy(i)].name())
                .name("succeeded").value(failed == 0 && skipped == 0)
                .name("failedSystems").value(failed)
                .name("skippedSystems").value(skipped)
                .endObject().endObject();
    }

    /** Opens a complete event with its timing; the caller may add members and closes it. */
    private static JsonWriter complete(JsonWriter json, String name, String category, int tid, TraceLane lane,
                                       int i, long origin) throws IOException {
        return json.beginObject().name("name").value(name).name("cat").value(category).name("ph").value("X")
                .name("pid").value(PID).name("tid").value(tid)
                .name("ts").valueThousandths(lane.begin(i) - origin)
                .name("dur").valueThousandths(Math.max(0, lane.end(i) - lane.begin(i)));
    }
}
