package org.ecsched.scheduler.workstealing.internal;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.ReadyHandler;

/**
 * Everything the backend keeps per plan: the reusable {@link PhaseRun}, one task object per system, and the
 * per-system cost estimates that order the roots of the next phase.
 *
 * <p>Cost-aware start: each system's measured duration is folded into an exponentially weighted moving average
 * after every phase; the next phase hands out its roots longest-first (longest-processing-time-first list
 * scheduling). The first phase has no measurements and hands roots out in declaration order, which the FIFO
 * injector turns into a round-robin among the workers that take them.
 */
final class PlanState<C> implements ReadyHandler {

    /** Weight of the newest measurement in the moving average. */
    private static final double EWMA_ALPHA = 0.25;
    /**
     * How long one unsplit piece of a range should run. Between pieces a worker looks for hungry workers, so this
     * bounds how long a hungry worker waits for a split; it is long enough that a piece's fixed cost (two clock
     * reads and a few counters, about 0.1 µs) stays near 0.2%, and shorter than a park and wake-up round trip.
     */
    static final long PIECE_TARGET_NANOS = 50_000;
    /** Cost classes for ordering roots: four per power of two, from 1 ns (class 0 holds anything shorter). */
    static final int COST_CLASSES = 256;

    final WorkStealingBackend backend;
    final PhaseRun<C> run;
    private final Task[] systemTasks;
    private final double[] costEwma;
    private boolean measured;
    /**
     * While true, ready systems are collected as roots, not scheduled: true between phases, so while the template
     * runs {@code PhaseRun.start} on the caller; {@link #takeRoots} clears it before any root is queued, and
     * {@link #endPhase} sets it once the run is finished. Plain: written by worker 0 only; other workers read it
     * in {@link #ready} for systems released during the phase, after the queue hand-off that published the roots
     * (which orders the clearing before their read), and every such read precedes the phase's completion, which
     * precedes the next write.
     */
    private boolean collectingRoots = true;
    private final int[] roots;
    /** Scratch for {@link #sortRootsByCostDescending}. */
    private final int[] sortedRoots;
    private final int[] classStarts = new int[COST_CLASSES];
    private int rootCount;

    PlanState(WorkStealingBackend backend, PhaseRun<C> run) {
        this.backend = backend;
        this.run = run;
        int n = run.plan().systemCount();
        this.systemTasks = new Task[n];
        for (int s = 0; s < n; s++) {
            systemTasks[s] = new Task(false).set(this, s, 0, 0);
        }
        this.costEwma = new double[n];
        this.roots = new int[n];
        this.sortedRoots = new int[n];
    }

    /**
     * Ends root collection for the phase the template just started on worker 0 and returns how many roots it
     * reported, ordered longest expected first ({@link #rootTask}). Worker 0 only.
     */
    int takeRoots() {
        collectingRoots = false;
        if (measured) {
            sortRootsByCostDescending();
        }
        return rootCount;
    }

    /**
     * After the run finished (worker 0): folds the measured durations into the averages and gets ready to collect
     * the next phase's roots.
     */
    void endPhase() {
        recordCosts();
        rootCount = 0;
        collectingRoots = true;
    }

    Task rootTask(int k) {
        return taskFor(roots[k]);
    }

    private Task taskFor(int system) {
        int end = run.isSplittable(system) ? run.entityCount(system) : 0;
        Task t = systemTasks[system]; // plan, system and start never change; end only when the entity count does
        if (t.end != end) {
            // Written only on a change: a store, even of the same value, takes the cache line away from the
            // worker that ran this task last phase, and a phase of many small systems pays that once per system.
            t.end = end;
        }
        return t;
    }

    /**
     * A system became ready on {@code worker}: queue its task there (roots are collected instead, see
     * {@link #collectingRoots}). {@code PhaseRun} does not catch what this throws, so nothing may escape: should
     * queueing fail (it cannot by construction: the injector holds a task per system), the system fails with
     * what was thrown and is counted done, so the phase still completes.
     */
    @Override
    public void ready(int worker, int system) {
        if (collectingRoots) {
            roots[rootCount++] = system;
            return;
        }
        Task task = taskFor(system);
        try {
            FaultInjection.at(FaultInjection.Site.READY, worker);
            backend.worker(worker).schedule(task);
        } catch (Throwable fault) {
            run.failTask(worker, system, 0, task.end, fault, this); // [0, 0) for a run-once system
        }
    }

    @Override
    public void phaseFinished(int worker) {
        // Worker 0 polls run.isFinished(); nothing to wake.
    }

    /** Folds this phase's measured durations into the averages; caller only, after the phase. */
    void recordCosts() {
        recordCosts(run::systemNanos);
    }

    /** As {@link #recordCosts()}, with the durations given; tests inject them here instead of measuring them. */
    void recordCosts(IntToLongFunction systemNanos) {
        for (int s = 0; s < costEwma.length; s++) {
            double cost = systemNanos.applyAsLong(s);
            costEwma[s] = measured ? costEwma[s] + EWMA_ALPHA * (cost - costEwma[s]) : cost;
        }
        measured = true;
    }

    /**
     * Entities in a piece of about {@link #PIECE_TARGET_NANOS}, from the system's measured cost per entity in
     * earlier phases; {@code Integer.MAX_VALUE} when nothing is measured yet (the caller's other bounds apply).
     */
    int entitiesPerPiece(int system) {
        return measured ? entitiesPerPiece(costEwma[system], run.entityCount(system)) : Integer.MAX_VALUE;
    }

    /** Entities of a system that took {@code costNanos} for {@code count} entities in about one piece's time. */
    static int entitiesPerPiece(double costNanos, int count) {
        if (count <= 0 || !(costNanos > 0)) {
            return Integer.MAX_VALUE;
        }
        double entities = PIECE_TARGET_NANOS * (double) count / costNanos;
        return entities >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, entities);
    }

    /**
     * Orders the roots by expected cost, longest first, ties in the order the run reported them (declaration
     * order): a counting sort over {@link #costClass cost classes}. O(roots + classes) and allocation-free; an
     * insertion sort made a phase of a thousand independent systems spend most of its time here, and a comparison
     * sort still took a fifth of it. Classes a fifth apart are as fine as longest-first needs: the estimates are
     * moving averages of noisy durations anyway.
     */
    private void sortRootsByCostDescending() {
        int[] starts = classStarts;
        Arrays.fill(starts, 0);
        for (int i = 0; i < rootCount; i++) {
            starts[costClass(costEwma[roots[i]])]++;
        }
        int position = 0; // bucket starts, the most expensive class first
        for (int c = COST_CLASSES - 1; c >= 0; c--) {
            int count = starts[c];
            starts[c] = position;
            position += count;
        }
        for (int i = 0; i < rootCount; i++) {
            int r = roots[i];
            sortedRoots[starts[costClass(costEwma[r])]++] = r;
        }
        System.arraycopy(sortedRoots, 0, roots, 0, rootCount);
    }

    /**
     * The class of a cost: the binary exponent and the two leading mantissa bits, so neighbouring classes are a
     * factor of 2^(1/4), about 1.19, apart and a higher class always means a higher cost.
     */
    static int costClass(double costNanos) {
        if (!(costNanos >= 1)) { // also NaN
            return 0;
        }
        int exponent = Math.getExponent(costNanos); // 0 for [1, 2)
        int quarter = (int) (Double.doubleToRawLongBits(costNanos) >>> 50) & 3; // top two of the 52 mantissa bits
        return Math.min(COST_CLASSES - 1, (exponent << 2) | quarter);
    }
}
