package org.ecsched.scheduler.workstealing.internal;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.ReadyHandler;

/**
 * Everything the backend keeps per plan: the reusable {@link PhaseRun}, one task object per system, and the
 * per-system cost estimates that order the roots of the next phase and decide whether it runs inline.
 *
 * <p>Cost-aware start: each system's estimate is the median of its last three measured costs per entity (per run,
 * for a system that runs once); the next phase hands out its roots longest-first
 * (longest-processing-time-first list scheduling). A median of three (Tukey's running median) ignores one outlying
 * measurement, in either direction, and believes a lasting change at its second measurement: a body descheduled
 * once, a GC pause or the first, cold phase must not send a small phase to the workers for hundreds of phases, as
 * it did when the estimate was a moving average that the outlier entered. The first phase has no measurements and
 * hands roots out in declaration order, which the FIFO injector turns into a round-robin among the workers that
 * take them.
 *
 * <p>Measuring costs two clock reads per task, half of what dispatching an empty system costs, so only the first
 * {@value #WARMUP_MEASURED_PHASES} phases and then every {@value #MEASURE_EVERY}th are measured
 * ({@link PhaseRun#measureBodies}): a lasting change of cost is believed within two measured phases, at most 32
 * phases after it began.
 *
 * <p>Inline phases: a phase whose expected cost (the estimates times the entity counts: this phase's for the
 * roots, whose counts {@code PhaseRun.start} has read, and the count last read for the others, which are read only
 * when they become ready) is below what
 * waking a worker costs gains nothing from other threads, which could only slow it down. Such a phase runs on
 * the calling thread alone: its ready systems go to a list of this class's ({@link #roots}) instead of the
 * worker's queues, nothing is published and nobody is woken, and no range is split. With one worker every phase
 * runs so. {@link org.ecsched.scheduler.api.SchedulerConfig#inlineSmallPhases()} turns it off. The decision has
 * hysteresis ({@link #lastRanInline}): after an inline phase the bound is {@value #STAY_INLINE_FACTOR} wake costs.
 */
final class PlanState<C> implements ReadyHandler {

    /** Phases measured from the first on, before measuring only every {@link #MEASURE_EVERY}th. */
    static final int WARMUP_MEASURED_PHASES = 4;
    /** After the warm-up, one phase in this many is measured. */
    static final int MEASURE_EVERY = 16;
    /**
     * How long one unsplit piece of a range should run. Between pieces a worker looks for hungry workers, so this
     * bounds how long a hungry worker waits for a split; it is long enough that a piece's fixed cost (two clock
     * reads and a few counters, about 0.1 µs) stays near 0.2%, and shorter than a park and wake-up round trip.
     */
    static final long PIECE_TARGET_NANOS = 50_000;
    /** How many wake costs a plan that ran inline may be expected to take and still run inline. */
    static final int STAY_INLINE_FACTOR = 2;
    /** Cost classes for ordering roots: four per power of two, from 1 ns (class 0 holds anything shorter). */
    static final int COST_CLASSES = 256;

    final WorkStealingBackend backend;
    final PhaseRun<C> run;
    private final Task[] systemTasks;
    /** Tasks for the spans of roots handed out at a phase's start ({@link #rootSpan}). */
    private Task[] spanTasks = new Task[0];
    /**
     * Per system: the estimate of its body time per entity (per run for a system that runs once), in ns: the median
     * of the last three measurements in {@link #lastCost} and {@link #costBefore} and the newest one.
     */
    private final double[] costPerUnit;
    /** Per system: its latest measured cost per unit, and the one before it (NaN until measured that often). */
    private final double[] lastCost;
    private final double[] costBefore;
    private boolean measured;
    /** The systems that are entity-parallel: their expected cost follows their entity count, phase by phase. */
    private final int[] rangedSystems;
    /**
     * The expected cost of the systems that run once, summed when costs are recorded: deciding whether a phase
     * runs inline then walks only the entity-parallel systems, not every system (a thousand of them cost the
     * decision microseconds).
     */
    private double runOnceNanos;
    /** Phases ended (worker 0 only): decides which phases are measured. */
    private long phasesEnded;
    /**
     * Whether the current phase runs inline (see the class comment). Decided by worker 0 in {@link #takeRoots}
     * before any root is handed out; read only by worker 0 (in {@link #ready}, which no other worker calls
     * during an inline phase: no task of it ever reaches them). Plain.
     */
    private boolean inline;
    /**
     * Whether the last phase ran inline: the decision's hysteresis. A phase expected near the wake cost gains or
     * loses little either way, but each switch to the workers pays a wake-up, and a JVM whose small phases keep
     * switching compiles its inline path around the shared one. Measured on 64 empty systems, JMH forks
     * alternating (2026-12-02): two workers ran 4-11% slower than one (medians 0.89-0.96 over several runs) while
     * warm-up measurements hovering near the wake cost sent a few phases after the fourth to the workers; with those
     * phases forced inline, one worker over two was 1.003 (5 rounds); with this hysteresis, 0.998 (6 rounds,
     * 0.86-1.06), and only the first one or two phases of the plan went to the workers. So an inline plan stays
     * inline up to {@link #STAY_INLINE_FACTOR} wake costs, and a shared plan goes inline below one. Worker 0 only.
     */
    private boolean lastRanInline;
    /** Whether phases may run inline at all (the configuration, and more than one worker to hand tasks to). */
    private final boolean inlineAllowed;
    /** Whether there is nobody to hand tasks to: every phase runs inline. */
    private final boolean singleWorker;
    /**
     * While true, ready systems are collected as roots, not scheduled: true between phases, so while the template
     * runs {@code PhaseRun.start} on the caller; {@link #takeRoots} clears it before any root is queued, and
     * {@link #endPhase} sets it once the run is finished. Plain: written by worker 0 only; other workers read it
     * in {@link #ready} for systems released during the phase, after the queue hand-off that published the roots
     * (which orders the clearing before their read), and every such read precedes the phase's completion, which
     * precedes the next write.
     */
    private boolean collectingRoots = true;
    /**
     * The roots, in the order they are handed out; during an inline phase also every system that becomes ready,
     * appended in turn (a system is reported ready at most three times per phase: once, or once per stage of a
     * system with begin and end bodies; so three slots per system never overflow).
     */
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
        this.costPerUnit = new double[n];
        this.lastCost = new double[n];
        this.costBefore = new double[n];
        Arrays.fill(lastCost, Double.NaN);
        Arrays.fill(costBefore, Double.NaN);
        this.roots = new int[3 * n];
        this.sortedRoots = new int[n];
        int ranged = 0;
        for (int s = 0; s < n; s++) {
            ranged += run.plan().system(s).isEntityParallel() ? 1 : 0;
        }
        this.rangedSystems = new int[ranged];
        for (int s = 0, k = 0; s < n; s++) {
            if (run.plan().system(s).isEntityParallel()) {
                rangedSystems[k++] = s;
            }
        }
        this.singleWorker = run.workerCount() == 1;
        this.inlineAllowed = backend.config().inlineSmallPhases();
    }

    /**
     * Ends root collection for the phase the template just started on worker 0, decides whether the phase runs
     * inline ({@link #runsInline}), and returns how many roots it reported, ordered longest expected first unless
     * it runs inline ({@link #rootTask}). Worker 0 only.
     */
    int takeRoots() {
        collectingRoots = false;
        inline = inlineAllowed && (singleWorker || (measured && expectedNanosBelow(inlineBoundNanos())));
        if (measured && !inline) {
            sortRootsByCostDescending();
        }
        return rootCount;
    }

    /** Below this expected cost a phase runs inline: the wake cost, or more after an inline phase (hysteresis). */
    private long inlineBoundNanos() {
        long wake = backend.wakeCostNanos();
        return lastRanInline ? STAY_INLINE_FACTOR * wake : wake;
    }

    /** Whether the current phase runs on worker 0 alone (decided by {@link #takeRoots}). */
    boolean runsInline() {
        return inline;
    }

    /**
     * Systems known so far to run in this inline phase: the roots, then those that became ready since, in that
     * order ({@link #rootTask} gives the {@code k}-th). Grows while worker 0 runs them. Worker 0 only.
     */
    int inlineCount() {
        return rootCount;
    }

    /** Whether the systems' expected cost this phase, from their averages and entity counts, is below the bound. */
    private boolean expectedNanosBelow(long boundNanos) {
        double total = runOnceNanos;
        if (total >= boundNanos) {
            return false;
        }
        for (int s : rangedSystems) {
            total += costPerUnit[s] * Math.max(1, run.entityCount(s));
            if (total >= boundNanos) {
                return false; // a large phase stops here, after its first expensive systems
            }
        }
        return true;
    }

    /**
     * After the run finished (worker 0): folds the measured durations into the averages (if this phase was
     * measured), chooses whether the next phase is, and gets ready to collect its roots.
     */
    void endPhase() {
        if (run.isMeasuringBodies()) {
            recordCosts();
        }
        long ended = ++phasesEnded;
        run.measureBodies(ended < WARMUP_MEASURED_PHASES || ended % MEASURE_EVERY == 0);
        rootCount = 0;
        lastRanInline = inline;
        inline = false;
        collectingRoots = true;
    }

    /**
     * The phase paused for an exclusive system, which the template runs on worker 0 (the calling thread) before it
     * drives again: collect the systems it releases as the roots of the next drive, as between phases, but record
     * no cost (the phase is not over). Worker 0 only.
     */
    void pauseForExclusive() {
        rootCount = 0;
        inline = false;
        collectingRoots = true;
    }

    Task rootTask(int k) {
        return taskFor(roots[k]);
    }

    /** The {@code k}-th root in the order {@link #takeRoots} hands them out. */
    int root(int k) {
        return roots[k];
    }

    /** The task of a ready system: its whole range, or {@code [0, 0)} for a system that runs once. */
    Task systemTask(int system) {
        return taskFor(system);
    }

    /**
     * A span of the roots {@code [start, end)} ({@link Task#ROOT_SPAN}), all of which run once: a task of this
     * plan's, one per span handed out at the phase's start (spans split off later come from the workers' pools).
     * The array grows only when a phase needs more spans than any before. Worker 0 only, between the run's start
     * and the roots' hand-out.
     */
    Task rootSpan(int index, int start, int end) {
        if (index == spanTasks.length) {
            spanTasks = Arrays.copyOf(spanTasks, Math.max(4, 2 * index));
        }
        Task t = spanTasks[index];
        if (t == null) {
            t = spanTasks[index] = new Task(false);
        }
        return t.set(this, Task.ROOT_SPAN, start, end);
    }

    private Task taskFor(int system) {
        int end = run.wholeEnd(system);
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
        if (collectingRoots || inline) { // inline: worker 0 runs it after the systems already listed
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

    /**
     * Folds this phase's measured durations into the averages; caller only, after a measured phase. (Not written
     * as {@code recordCosts(run::systemNanos)}: a bound method reference is an allocation per call.)
     */
    void recordCosts() {
        for (int s = 0; s < costPerUnit.length; s++) {
            recordCost(s, run.systemNanos(s));
        }
        endRecording();
    }

    /**
     * As {@link #recordCosts()}, with the durations given (each system's total for the phase just run, whose
     * entity counts divide them); tests inject them here instead of measuring them.
     */
    void recordCosts(IntToLongFunction systemNanos) {
        for (int s = 0; s < costPerUnit.length; s++) {
            recordCost(s, systemNanos.applyAsLong(s));
        }
        endRecording();
    }

    private void recordCost(int system, long nanos) {
        double cost = (double) nanos / Math.max(1, run.entityCount(system));
        costPerUnit[system] = medianOfThree(costBefore[system], lastCost[system], cost);
        costBefore[system] = lastCost[system];
        lastCost[system] = cost;
    }

    /**
     * The median of three measurements, the oldest two of which may be missing (NaN): of two, the smaller (the
     * larger of two is as likely an outlier as a change; the next measurement decides), of one, itself.
     */
    static double medianOfThree(double oldest, double older, double newest) {
        if (Double.isNaN(older)) {
            return newest;
        }
        if (Double.isNaN(oldest)) {
            return Math.min(older, newest);
        }
        return Math.max(Math.min(oldest, older), Math.min(Math.max(oldest, older), newest));
    }

    private void endRecording() {
        double once = 0;
        for (int s = 0; s < costPerUnit.length; s++) {
            once += costPerUnit[s];
        }
        for (int s : rangedSystems) {
            once -= costPerUnit[s];
        }
        runOnceNanos = Math.max(0, once);
        measured = true;
    }

    /**
     * Whether the system is known to take less than a piece's time ({@link #PIECE_TARGET_NANOS}): measured, and
     * expected below it. A span of roots runs such systems back to back without offering the rest to thieves.
     */
    boolean isCheap(int system) {
        return measured && expectedNanos(system) < PIECE_TARGET_NANOS;
    }

    /** The expected cost of the system this phase, in ns: its average times its entity count (0 before any). */
    double expectedNanos(int system) {
        return costPerUnit[system] * Math.max(1, run.entityCount(system));
    }

    /**
     * Entities in a piece of about {@link #PIECE_TARGET_NANOS}, from the system's measured cost per entity in
     * earlier phases; {@code Integer.MAX_VALUE} when nothing is measured yet (the caller's other bounds apply).
     */
    int entitiesPerPiece(int system) {
        return measured ? entitiesInPieceOf(costPerUnit[system]) : Integer.MAX_VALUE;
    }

    /** Entities of a system that costs {@code nanosPerEntity} each in about one piece's time. */
    static int entitiesInPieceOf(double nanosPerEntity) {
        if (!(nanosPerEntity > 0)) {
            return Integer.MAX_VALUE;
        }
        double entities = PIECE_TARGET_NANOS / nanosPerEntity;
        return entities >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, entities);
    }

    /**
     * Orders the roots by expected cost, longest first, ties in the order the run reported them (declaration
     * order): a counting sort over {@link #costClass cost classes}. O(roots + classes) and allocation-free; an
     * insertion sort made a phase of a thousand independent systems spend most of its time here, and a comparison
     * sort still took a fifth of it. Classes a fifth apart are as fine as longest-first needs: the estimates are
     * medians of noisy durations anyway.
     */
    private void sortRootsByCostDescending() {
        int[] starts = classStarts;
        Arrays.fill(starts, 0);
        for (int i = 0; i < rootCount; i++) {
            starts[costClass(expectedNanos(roots[i]))]++;
        }
        int position = 0; // bucket starts, the most expensive class first
        for (int c = COST_CLASSES - 1; c >= 0; c--) {
            int count = starts[c];
            starts[c] = position;
            position += count;
        }
        for (int i = 0; i < rootCount; i++) {
            int r = roots[i];
            sortedRoots[starts[costClass(expectedNanos(r))]++] = r;
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
