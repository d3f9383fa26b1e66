package org.ecsched.scheduler.workstealing.internal;

import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.WorkerCounters;
import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.StealResult;
import org.ecsched.scheduler.deque.Stolen;

/**
 * One worker: its LIFO slot, its Chase-Lev deque, its random victim source, its task pool, its counters and its
 * {@link Sleeper} (its part of the idle protocol, {@link Idle}).
 *
 * <p>Worker 0 is the thread that called {@code execute}; it takes part while its phase runs and never parks.
 * Workers 1..n-1 are persistent daemon threads ({@link #runLoop}). Fields are touched only by the worker's own
 * thread, except the final ones, which thieves read ({@link #deque}, {@link #index}).
 *
 * <h2>Finding work, in order</h2>
 * <ol>
 *   <li>The LIFO slot: the task this worker just made ready, run next while its data is in cache (Tokio's LIFO
 *       slot). At most {@value #LIFO_RUN_CAP} LIFO runs in a row; then queued work goes first, so nothing queued
 *       waits forever. The slot is never stolen (Tokio measured a regression when it was); that is safe because
 *       a worker never parks or leaves while its slot holds a task: the slot is the first place it looks.</li>
 *   <li>The local deque (LIFO pop).</li>
 *   <li>The injector, taking a batch into the local deque.</li>
 *   <li>Random victims, each with a batch steal of up to {@code stealBatch} tasks (half the victim's tasks at
 *       most). A steal that lost a race backs off for a bounded, doubling number of spins.</li>
 * </ol>
 *
 * <h2>Surviving anything</h2>
 * A body's {@code Throwable} is caught by {@link PhaseRun}. Anything the worker's own code throws while it runs
 * a task (an {@link OutOfMemoryError} allocating a range task, a {@link StackOverflowError}) becomes a failure of
 * that task's system over the part of the range not yet run, and that part is still counted down, so the phase
 * completes by its policy's rules ({@link #execute}). Anything thrown between tasks is reported and the loop goes
 * on ({@link #runLoop}). A worker's interrupt flag is cleared before each task (and before each park, in
 * {@link Idle}), so a body that leaves it set never reaches another body.
 *
 * <h2>Layout</h2>
 * Final fields first (thieves read {@code deque}; nobody writes these lines), then 128 bytes of padding, then the
 * owner's mutable fields (LIFO slot, random state, back-off, busy stretch), then 128 bytes: the owner's writes
 * never invalidate the line thieves read. {@code WorkerLayoutTest} checks the offsets; its assertion messages
 * hold the layout of the JVM at hand.
 */
final class Worker extends WorkerOwnerFields {

    /** Consecutive LIFO-slot runs before queued work gets a turn (Tokio uses 3). */
    static final int LIFO_RUN_CAP = 3;
    /** Longest back-off after lost steal races, in spins. */
    private static final int MAX_BACKOFF_SPINS = 64;

    byte c000, c001, c002, c003, c004, c005, c006, c007;
    byte c008, c009, c010, c011, c012, c013, c014, c015;
    byte c016, c017, c018, c019, c020, c021, c022, c023;
    byte c024, c025, c026, c027, c028, c029, c030, c031;
    byte c032, c033, c034, c035, c036, c037, c038, c039;
    byte c040, c041, c042, c043, c044, c045, c046, c047;
    byte c048, c049, c050, c051, c052, c053, c054, c055;
    byte c056, c057, c058, c059, c060, c061, c062, c063;
    byte c064, c065, c066, c067, c068, c069, c070, c071;
    byte c072, c073, c074, c075, c076, c077, c078, c079;
    byte c080, c081, c082, c083, c084, c085, c086, c087;
    byte c088, c089, c090, c091, c092, c093, c094, c095;
    byte c096, c097, c098, c099, c100, c101, c102, c103;
    byte c104, c105, c106, c107, c108, c109, c110, c111;
    byte c112, c113, c114, c115, c116, c117, c118, c119;
    byte c120, c121, c122, c123, c124, c125, c126, c127;

    Worker(WorkStealingBackend backend, int index, Sleeper sleeper, SchedulerListener listener) {
        super(backend, index, sleeper, listener);
    }

    /**
     * Makes a ready system's task this worker's next task (LIFO slot), or queues it. Owner only. If queueing throws,
     * {@code task} was not taken: the task it would have displaced is still in the slot.
     */
    void schedule(Task task) {
        if (lifoEnabled) {
            Task previous = lifo;
            if (previous != null) {
                pushLocal(previous); // first: should it throw, the slot still holds previous and task is not taken
            }
            lifo = task;
        } else {
            pushLocal(task);
        }
    }

    /** Queues a task where thieves can see it, overflowing to the injector, and wakes a worker if none searches. */
    void pushLocal(Task task) {
        if (!deque.push(task)) {
            backend.inject(task); // a full deque overflows; the injector is sized so that this cannot fail
        }
        idle.notifyWork();        // P1
    }

    /** Next task to run, or null. Owner only. */
    Task findWork() {
        Task t;
        if (lifo != null) {
            if (lifoRuns < LIFO_RUN_CAP) {
                return takeLifo();
            }
            lifoRuns = 0; // starvation cap reached: queued work first, the LIFO task stays for later
            t = deque.pop();
            if (t == null) {
                t = pollInjector();
            }
            return t != null ? t : takeLifo();
        }
        lifoRuns = 0;
        t = deque.pop();
        if (t == null) {
            t = pollInjector();
        }
        return t != null ? t : steal();
    }

    private Task takeLifo() {
        Task t = lifo;
        lifo = null;
        lifoRuns++;
        counters.increment(WorkerCounters.LIFO_HITS);
        return t;
    }

    private Task pollInjector() {
        if (backend.injector().isEmptyApproximately()) {
            return null;
        }
        Task t = backend.injector().pollBatch(deque, stealBatch);
        if (t != null && !deque.isEmptyApproximately()) {
            idle.notifyWork(); // P1: we took more than we run now, so an idle worker can take part
        }
        return t;
    }

    /** One round over all other workers, starting at a random one. */
    private Task steal() {
        Worker[] all = backend.workers();
        int n = all.length;
        if (n == 1 || (index != 0 && !idle.tryStartSearching(sleeper))) {
            return null; // too many workers already searching: throttled (worker 0 always may)
        }
        boolean contended = false;
        int first = nextRandom(n);
        for (int k = 0; k < n; k++) {
            Worker victim = all[(first + k) % n];
            if (victim == this || victim.deque.isEmptyApproximately()) {
                continue;
            }
            counters.increment(WorkerCounters.STEAL_ATTEMPTS);
            int before = deque.approximateSize();
            StealResult r = victim.deque.stealBatchAndPop(deque, stealBatch, stolen);
            if (r == StealResult.SUCCESS) {
                // Approximate when a thief steals from us at the same moment; statistics only.
                int moved = 1 + Math.max(0, deque.approximateSize() - before);
                counters.increment(WorkerCounters.STEAL_SUCCESSES);
                counters.add(WorkerCounters.TASKS_STOLEN, moved);
                if (listener != null) {
                    listener.stolen(index, victim.index, moved, System.nanoTime());
                }
                Idle.stealRound(sleeper, true);
                backoff = 1;
                if (moved > 1) {
                    idle.notifyWork(); // P1: the rest of the batch is stealable from our deque now
                }
                return stolen.take();
            }
            contended |= r == StealResult.RETRY;
        }
        Idle.stealRound(sleeper, false);
        if (contended) { // lost a race: give the victim's owner and other thieves room before retrying
            for (int i = 0; i < backoff; i++) {
                Thread.onSpinWait();
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_SPINS);
        }
        return null;
    }

    /** xorshift64 (Marsaglia 2003): a fast per-worker random victim. */
    private int nextRandom(int bound) {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return (int) ((x >>> 1) % bound);
    }

    /**
     * Runs a task. A range is split in half when this worker's deque is empty and another worker is hungry (Lazy
     * Binary Splitting, Tzannes et al., PPoPP 2010), never below the system's minimum batch; the half farther from
     * this worker's {@link #homeEntity home} goes to the deque for thieves. Otherwise the range runs in pieces (a
     * quarter of what is left, at most about {@link PlanState#PIECE_TARGET_NANOS} of measured work, from the end
     * nearer home), re-checking between pieces, so that hunger arising later is served by splitting the rest
     * within a piece's time. The pieces are counted as done together when the task ends
     * ({@link PhaseRun#completeRange}): one update of the system's shared counters per task, not per piece.
     *
     * <p>Whatever this worker's own code throws meanwhile (not the body: {@link PhaseRun} catches that) fails the
     * system over the part of the range not yet run or given away, {@code [start, end)}, and that part is counted
     * down with the rest: the loop keeps {@code start}, {@code end} and {@code done} exact at every point where
     * something can throw, so no entity is counted twice or never.
     *
     * <p>A span of roots ({@link Task#ROOT_SPAN}) runs as {@link #executeRootSpan} says.
     *
     * @param mayShare false in an inline phase ({@link PlanState#runsInline}): the range is never split, so no
     *                 part of the phase ever reaches another worker
     */
    void execute(Task task, boolean mayShare) {
        PlanState<?> plan = task.plan;
        int system = task.system;
        int start = task.start;
        int end = task.end;
        if (task.pooled) {
            pool.release(task); // before running: no pool access may follow the phase's last countdown
        }
        if (system == Task.ROOT_SPAN) {
            executeRootSpan(plan, start, end);
        } else {
            executeSystem(plan, system, start, end, mayShare);
        }
    }

    /**
     * Runs the roots {@code [start, end)} of the phase's root list, run-once systems all, one after another: a
     * phase of a thousand independent systems needs a few queue operations instead of a thousand. The span is
     * split like a range (Lazy Binary Splitting): in half, the back half pushed for thieves, when this worker's
     * deque is empty and another worker is hungry. Between roots is the only place a span can be split, so before
     * a root that is not known to be cheap ({@link PlanState#isCheap}: measured at under a piece's time) the rest
     * of the span goes to the deque, stealable: no root waits behind a long one while a worker idles. Systems this
     * span's roots release wait in the LIFO slot; when one does, the rest of the span goes to the deque too, and
     * this worker returns to run the released system next, while its data is in cache.
     *
     * <p>Should this worker's own code throw (taking a task from the pool for a split), the roots not yet started,
     * {@code [start, end)}, fail with it and are counted done: {@code start} moves past a root before it is run,
     * and running one never throws.
     */
    private void executeRootSpan(PlanState<?> plan, int start, int end) {
        PhaseRun<?> run = plan.run;
        try {
            while (start < end) {
                if (end - start >= 2 && deque.isEmptyApproximately() && idle.workersHungry()) {
                    int mid = start + ((end - start) >>> 1);
                    Task given = pool.acquire().set(plan, Task.ROOT_SPAN, mid, end);
                    if (deque.push(given)) { // from here the back half is the thief's
                        end = mid;
                        idle.notifyWork(); // P1
                        continue;
                    }
                    pool.release(given); // deque full: run them ourselves rather than overflow
                }
                int system = plan.root(start);
                if (end - start >= 2 && !plan.isCheap(system)) {
                    // A root that may run long (or whose cost is not known yet) must not keep the rest of the span
                    // from idle workers for that long: the rest goes to the deque first, stealable.
                    Task rest = pool.acquire().set(plan, Task.ROOT_SPAN, start + 1, end);
                    if (deque.push(rest)) {
                        end = start + 1;
                        idle.notifyWork(); // P1
                    } else {
                        pool.release(rest);
                    }
                }
                start++; // from here the root counts itself (runOnce never throws)
                runOnce(plan, system);
                if (lifo != null && start < end) { // a released system waits: hand the rest of the span on
                    Task rest = pool.acquire().set(plan, Task.ROOT_SPAN, start, end);
                    if (deque.push(rest)) {
                        idle.notifyWork(); // P1
                        return;
                    }
                    pool.release(rest);
                }
            }
        } catch (Throwable fault) {
            for (int k = start; k < end; k++) { // not started: fail them (each runs once: [0, 0)) and count them
                run.failTask(index, plan.root(k), 0, 0, fault, plan);
            }
        }
    }

    /**
     * Runs a whole system of an inline phase ({@link PlanState#runsInline}) without a task object: a phase of
     * thousands of small systems then touches one object fewer per system. The range of a system with entities
     * is not split. Never throws (as {@link #execute}).
     */
    void executeInline(PlanState<?> plan, int system) {
        executeSystem(plan, system, 0, plan.run.wholeEnd(system), false);
    }

    /**
     * Runs a system's task: the whole system, or the range {@code [start, end)} of it (see {@link #execute}). Kept
     * to a dispatch, and the two cases to methods of their own, so that every caller's compiled code takes in the
     * small run-once path whatever the range loop's size.
     */
    private void executeSystem(PlanState<?> plan, int system, int start, int end, boolean mayShare) {
        if (plan.run.isSplittable(system)) {
            executeRange(plan, system, start, end, mayShare);
        } else {
            runOnce(plan, system);
        }
    }

    /** Runs a system that runs once. Never throws: {@link PhaseRun} records what goes wrong inside. */
    private void runOnce(PlanState<?> plan, int system) {
        clearInterrupt(); // before every body: the last one may have left the flag set
        plan.run.runTask(index, system, 0, 0, plan);
    }

    /** Runs the range {@code [start, end)} of a system, splitting it as {@link #execute} says. Never throws. */
    private void executeRange(PlanState<?> plan, int system, int start, int end, boolean mayShare) {
        PhaseRun<?> run = plan.run;
        int done = 0; // entities run here, reported once at the end: the system's counters are shared lines
        try {
            int min = run.minBatchSize(system);
            int maxPiece = plan.entitiesPerPiece(system); // once per task: the estimate does not change mid-phase
            int home = homeEntity(run.entityCount(system));
            while (start < end) {
                int length = end - start;
                int mid = start + (length >>> 1);
                boolean homeInUpperHalf = keepsUpperHalf(home, mid); // we keep, and eat from, the side nearer home
                // Lazy Binary Splitting: split only when our deque is empty (otherwise a thief already has
                // something to take) and somebody is hungry. Splitting eagerly all the way down would stack nested
                // halves, and one batch steal would then carry off the largest of them: most of the work.
                if (mayShare && length >= 2L * min && length >= 2 && deque.isEmptyApproximately()
                        && idle.workersHungry()) {
                    Task given = homeInUpperHalf ? pool.acquire().set(plan, system, start, mid)
                            : pool.acquire().set(plan, system, mid, end);
                    if (deque.push(given)) { // from here the half is the thief's: our bounds shrink at once
                        if (homeInUpperHalf) {
                            start = mid;
                        } else {
                            end = mid;
                        }
                        idle.notifyWork(); // P1
                        continue;
                    }
                    pool.release(given); // deque full: run it ourselves rather than overflow
                }
                // Not split: run a piece and look again. A quarter of what is left, at most about
                // PIECE_TARGET_NANOS of measured work, never below the minimum batch (nor leaving a tail shorter
                // than it). Taken from the end nearer home, so what this worker sweeps before a split is on its own
                // side of the range too.
                int piece = length >= 2L * min
                        ? Math.max(min, Math.min(length >>> 2, maxPiece))
                        : length;
                FaultInjection.at(FaultInjection.Site.PIECE, index);
                clearInterrupt(); // before every body: a piece's body may leave the flag set for the next
                if (homeInUpperHalf) {
                    run.runPiece(index, system, end - piece, end); // never throws (PhaseRun)
                    end -= piece;
                } else {
                    run.runPiece(index, system, start, start + piece);
                    start += piece;
                }
                done += piece;
            }
        } catch (Throwable fault) {
            // Our own code failed with [start, end) neither run nor given away: fail the system there, count it.
            run.recordTaskFailure(index, system, start, end, fault);
            done += end - start;
        }
        run.completeRange(index, system, done, plan); // may release successors into this worker's queues
    }

    /**
     * Clears this thread's interrupt flag before a body runs, so that a flag a body left set never reaches the next
     * body. On worker 0, the caller's thread, the flag is the caller's: it is remembered and set again when
     * {@code execute} returns ({@link #takeCallerInterrupt}).
     */
    private void clearInterrupt() {
        if (Thread.interrupted() && index == 0) {
            callerInterrupted = true;
        }
    }

    /** Whether the caller's thread was interrupted during the phase (worker 0, at the phase's end); resets it. */
    boolean takeCallerInterrupt() {
        boolean was = callerInterrupted || Thread.interrupted();
        callerInterrupted = false;
        return was;
    }

    /**
     * The entity this worker calls home in a range of {@code count}: the middle of its share when the range is cut
     * into one equal share per worker. When it splits, a worker keeps the half nearer its home. Consecutive systems
     * of a frame usually sweep the same component arrays, so with two workers each one keeps sweeping the same half
     * of them, phase after phase, and that half stays in its core's cache; with more workers the first splits
     * follow the same rule. A thief takes whatever it finds, so this is a tendency, not an assignment.
     */
    int homeEntity(int count) {
        return (int) (((2L * index + 1) * count) / (2L * backend.poolSize()));
    }

    /**
     * Whether a worker whose home is {@code home} keeps the upper half, {@code [mid, end)}, of a range it splits at
     * {@code mid} (and eats from its upper end when it does not split): the half its home lies in, or nearer to.
     */
    static boolean keepsUpperHalf(int home, int mid) {
        return home >= mid;
    }

    /** The spin budget before yielding (see {@link Idle#spinBudget}). */
    int spinBudget() {
        return idle.spinBudget(sleeper);
    }

    /** The current competitive-spinning window (see {@link Idle}). */
    long parkDelayNanos() {
        return Idle.parkDelayNanos(sleeper);
    }

    /**
     * The loop of workers 1..n-1: find work, else take an idle step (spin, yield, park); until the backend closes.
     * A {@code Throwable} between tasks is reported and the loop goes on: a worker thread never dies while its
     * backend is open.
     */
    void runLoop() {
        while (!backend.isShutdown()) {
            try {
                FaultInjection.at(FaultInjection.Site.WORKER_LOOP, index);
                Task t = findWork();
                if (t != null) {
                    idle.foundWork(sleeper); // P2: the last searcher to find work wakes one more
                    startBusy();
                    execute(t, true);
                } else {
                    endBusy();
                    idle.idleStep(sleeper, counters);
                }
            } catch (Throwable fault) {
                backend.reportInternalFault(index, fault);
            }
        }
    }

    /**
     * Starts a busy stretch if none is open: busy time is counted per stretch of tasks run back to back, two clock
     * reads per stretch instead of two per task. Owner only.
     */
    void startBusy() {
        if (!busy) {
            busy = true;
            busySince = System.nanoTime();
        }
    }

    /** Ends the open busy stretch, if any, adding it to this worker's busy time. Owner only. */
    void endBusy() {
        if (busy) {
            busy = false;
            counters.add(WorkerCounters.BUSY_NANOS, System.nanoTime() - busySince);
        }
    }

    /** Whether the LIFO slot and deque are empty (between phases, for assertions). */
    boolean isIdle() {
        return lifo == null && deque.isEmptyApproximately();
    }
}

/** A worker's final fields: read by its thieves ({@code deque}, {@code index}) and by itself; never written. */
abstract class WorkerFields {
    final int index;
    final WorkStealingBackend backend;
    final ChaseLevDeque<Task> deque;
    final Sleeper sleeper;
    final Idle idle;
    final WorkerCounters counters;
    final TaskPool pool;
    final Stolen<Task> stolen = new Stolen<>();
    final boolean lifoEnabled;
    final int stealBatch;
    final SchedulerListener listener;

    WorkerFields(WorkStealingBackend backend, int index, Sleeper sleeper, SchedulerListener listener) {
        this.backend = backend;
        this.index = index;
        this.deque = new ChaseLevDeque<>(backend.config().localQueueCapacity());
        this.sleeper = sleeper;
        this.idle = backend.idle();
        this.counters = backend.workerCounters()[index];
        this.pool = new TaskPool(index);
        this.lifoEnabled = backend.config().lifoSlot();
        this.stealBatch = backend.config().stealBatch();
        this.listener = listener;
    }
}

/** Padding between the final fields and the owner's mutable ones. */
abstract class WorkerPad extends WorkerFields {
    byte b000, b001, b002, b003, b004, b005, b006, b007;
    byte b008, b009, b010, b011, b012, b013, b014, b015;
    byte b016, b017, b018, b019, b020, b021, b022, b023;
    byte b024, b025, b026, b027, b028, b029, b030, b031;
    byte b032, b033, b034, b035, b036, b037, b038, b039;
    byte b040, b041, b042, b043, b044, b045, b046, b047;
    byte b048, b049, b050, b051, b052, b053, b054, b055;
    byte b056, b057, b058, b059, b060, b061, b062, b063;
    byte b064, b065, b066, b067, b068, b069, b070, b071;
    byte b072, b073, b074, b075, b076, b077, b078, b079;
    byte b080, b081, b082, b083, b084, b085, b086, b087;
    byte b088, b089, b090, b091, b092, b093, b094, b095;
    byte b096, b097, b098, b099, b100, b101, b102, b103;
    byte b104, b105, b106, b107, b108, b109, b110, b111;
    byte b112, b113, b114, b115, b116, b117, b118, b119;
    byte b120, b121, b122, b123, b124, b125, b126, b127;

    WorkerPad(WorkStealingBackend backend, int index, Sleeper sleeper, SchedulerListener listener) {
        super(backend, index, sleeper, listener);
    }
}

/** The owner's mutable fields: plain, read and written by the worker's own thread only. */
abstract class WorkerOwnerFields extends WorkerPad {
    Task lifo;
    int lifoRuns;
    long random;
    int backoff = 1;
    /** Worker 0 only: the caller's thread was interrupted during the current phase (see clearInterrupt). */
    boolean callerInterrupted;
    /** Whether a busy stretch is open, and since when ({@link Worker#startBusy}). */
    boolean busy;
    long busySince;

    WorkerOwnerFields(WorkStealingBackend backend, int index, Sleeper sleeper, SchedulerListener listener) {
        super(backend, index, sleeper, listener);
        this.random = 0x9E3779B97F4A7C15L * (index + 1); // any non-zero seed; xorshift never leaves non-zero
    }
}
