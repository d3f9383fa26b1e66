package org.ecsched.scheduler.api.backend;

import java.util.Objects;
import java.util.function.Consumer;
import org.ecsched.scheduler.api.EntitySet;
import org.ecsched.scheduler.api.SystemContext;

/**
 * The {@link SystemContext} of one worker index of a {@link PhaseRun}: handed to every body that worker runs,
 * reused for each of its tasks, and holding the worker's {@link CommandLog}. Named for its role so that it is never
 * confused with a backend's own worker (the work-stealing {@code Worker} owns a deque; this owns a log).
 *
 * <p>Written only by the thread currently running a task on this worker index (a backend uses each index on one
 * thread at a time, see {@link PhaseRun}), so every field is plain; {@link PhaseRun#start} resets it before any
 * task is handed out, and {@link CommandMerge} reads the log after the phase, ordered after the tasks by the
 * phase's completion.
 *
 * @param <C> the ECS's command type
 */
final class WorkerContext<C> implements SystemContext<C> {
    final PhaseRun<C> run;
    final int index;
    final CommandLog log = new CommandLog();
    int system = -1;
    int start;
    int end;
    int tasksExecuted;
    /** Commands the tasks on this index recorded this phase, added to the worker's counters by finish. */
    long commandsRecorded;
    int lastCommandCount;
    /** Body time of the pieces run since their task was last completed (one system's, see runPiece). */
    long pendingNanos;

    WorkerContext(PhaseRun<C> run, int index) {
        this.run = run;
        this.index = index;
    }

    /**
     * Opens a task: the context describes {@code [start, end)}, and its commands are merged under
     * {@code mergeKey} (the range start, or a begin or end body's key: see {@code PhaseRun.mergeKey}).
     */
    void begin(int system, int start, int end, int mergeKey) {
        this.system = system;
        this.start = start;
        this.end = end;
        log.begin(system, mergeKey);
    }

    @Override
    public void add(C command) {
        Objects.requireNonNull(command, "command");
        log.add(command);
    }

    /** Only in an exclusive body: see {@link PhaseRun#drainCommands}. */
    @Override
    public void drainCommands(Consumer<? super C> sink) {
        Objects.requireNonNull(sink, "sink");
        run.drainCommands(this, sink);
    }

    @Override
    public int workerIndex() {
        return index;
    }

    @Override
    public int workerCount() {
        return run.workerCount();
    }

    @Override
    public String systemName() {
        return system < 0 ? "" : run.plan().system(system).name();
    }

    @Override
    public int systemIndex() {
        return system;
    }

    @Override
    public int rangeStart() {
        return start;
    }

    @Override
    public int rangeEnd() {
        return end;
    }

    @Override
    public EntitySet entitySet() {
        return system < 0 ? null : run.entitySet(system);
    }

    @Override
    public String toString() {
        if (system < 0) {
            return "SystemContext[no task, worker " + index + "]";
        }
        String what = run.isSplittable(system) ? " [" + start + ", " + end + ")" : " (whole system)";
        return "SystemContext[" + systemName() + what + " on worker " + index + "]";
    }
}
