package org.ecsched.scheduler.workstealing.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.GuardedListener;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.WorkerCounters;
import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.StealResult;
import org.ecsched.scheduler.deque.Stolen;

/**
 * One worker: its LIFO slot, its Chase-Lev deque, its random victim source, its task pool and its counters.
 *
 * <p>Worker 0 is the thread that called {@code execute}; it takes part while its phase runs and never parks.
 * Workers 1..n-1 are persistent daemon threads ({@link #runLoop}). Every field without a note is touched only
 * by the worker's own thread; {@link #state} is shared for parking.
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
 */
final class Worker {

    /** Consecutive LIFO-slot runs before queued work gets a turn (Tokio uses 3). */
    static final int LIFO_RUN_CAP = 3;
    /** Longest back-off after lost steal races, in spins. */
    private static final int MAX_BACKOFF_SPINS = 64;

    static final int RUNNING = 0, PARKED = 1, NOTIFIED = 2;

    /** The wake-up latency assumed before one is measured. */
    static final long INITIAL_WAKE_LATENCY_NANOS = 50_000;
    /** Bounds of the competitive spinning window (see {@link #keepWaitingBeforePark}). */
    static final long MIN_PARK_DELAY_NANOS = 10_000, MAX_PARK_DELAY_NANOS = 500_000;

    final int index;
    final WorkStealingBackend backend;
    final ChaseLevDeque<Task> deque;
    final WorkerCounters counters;
    final TaskPool pool = new TaskPool();
    /** RUNNING, PARKED or NOTIFIED; PARKED -> NOTIFIED by a waker's CAS, anything else by the owner. */
    final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Stolen<Task> stolen = new Stolen<>();
    private final boolean lifoEnabled;
    private final int stealBatch;
    private final SchedulerListener listener;
    private Task lifo;
    private int lifoRuns;
    private long random;
    private int backoff = 1;
    /** Moving average of steal rounds that found work, in [0, 1]; drives the spin budget. */
    private double stealSuccessRate = 0.5;
    /** Whether this worker holds one of the backend's "searching" slots. */
    boolean searching;
    /**
     * {@code System.nanoTime()} of the latest wake-up request: written by a waker just before its PARKED -> NOTIFIED
     * CAS (so the CAS publishes it to the worker that reads the state), read by the woken worker.
     */
    volatile long wakeRequestedAt;
    /** Moving average of the time from a wake-up request to this worker running again (owner only). */
    private double wakeLatencyNanos = INITIAL_WAKE_LATENCY_NANOS;
    /** When this worker's current idle stretch began (owner only). */
    private long idleSince;
    Thread thread;

    Worker(WorkStealingBackend backend, int index) {
        this.backend = backend;
        this.index = index;
        this.deque = new ChaseLevDeque<>(backend.config().localQueueCapacity());
        this.counters = backend.counters()[index];
        this.lifoEnabled = backend.config().lifoSlot();
        this.stealBatch = backend.config().stealBatch();
        this.listener = GuardedListener.of(backend.config());
        this.random = 0x9E3779B97F4A7C15L * (index + 1); // any non-zero seed; xorshift never leaves non-zero
    }

    /** Makes a ready system's task this worker's next task (LIFO slot), or queues it. Owner only. */
    void schedule(Task task) {
        if (lifoEnabled) {
            Task previous = lifo;
            lifo = task;
            if (previous != null) {
                pushLocal(previous);
            }
        } else {
            pushLocal(task);
        }
    }

    /** Queues a task where thieves can see it, overflowing to the injector, and wakes a worker if none searches. */
    void pushLocal(Task task) {
        if (!deque.push(task)) {
            backend.inject(task); // a full deque overflows; the injector is sized so that this cannot fail
        }
        backend.notifyWork();
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
            backend.notifyWork(); // took more than we run now: let an idle worker take part
        }
        return t;
    }

    /** One round over all other workers, starting at a random one. */
    private Task steal() {
        Worker[] all = backend.workers();
        int n = all.length;
        if (n == 1 || (index != 0 && !searching && !(searching = backend.tryStartSearching()))) {
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
                stealSuccessRate += 0.1 * (1.0 - stealSuccessRate);
                backoff = 1;
                if (moved > 1) {
                    backend.notifyWork();
                }
                return stolen.take();
            }
            contended |= r == StealResult.RETRY;
        }
        stealSuccessRate -= 0.1 * stealSuccessRate;
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
     */
    void execute(Task task) {
        PlanState<?> plan = task.plan;
        int system = task.system;
        int start = task.start;
        int end = task.end;
        if (task.pooled) {
            pool.release(task); // before running: no pool access may follow the phase's last countdown
        }
        PhaseRun<?> run = plan.run;
        if (!run.isSplittable(system)) {
            run.runTask(index, system, 0, 0, plan);
            return;
        }
        int min = run.minBatchSize(system);
        int maxPiece = plan.entitiesPerPiece(system); // once per task: the cost estimate does not change mid-phase
        int home = homeEntity(run.entityCount(system));
        int done = 0; // entities run here, reported once at the end: the system's counters are shared lines
        while (start < end) {
            int length = end - start;
            int mid = start + (length >>> 1);
            boolean homeInUpperHalf = home >= mid; // see homeEntity: we keep, and eat from, the side nearer home
            // Lazy Binary Splitting: split only when our deque is empty (otherwise a thief already has something
            // to take) and somebody is hungry. Splitting eagerly all the way down would stack nested halves, and
            // one batch steal would then carry off the largest of them: most of the work.
            if (length >= 2L * min && length >= 2 && deque.isEmptyApproximately() && backend.workersHungry()) {
                Task given = homeInUpperHalf ? pool.acquire().set(plan, system, start, mid)
                        : pool.acquire().set(plan, system, mid, end);
                if (deque.push(given)) {
                    if (homeInUpperHalf) {
                        start = mid;
                    } else {
                        end = mid;
                    }
                    backend.notifyWork();
                    continue;
                }
                pool.release(given); // deque full: run it ourselves rather than overflow
            }
            // Not split: run a piece and look again. A quarter of what is left, at most about PIECE_TARGET_NANOS
            // of measured work, never below the minimum batch (nor leaving a tail shorter than it). Taken from the
            // end nearer home, so what this worker sweeps before a split is on its own side of the range too.
            int piece = length >= 2L * min
                    ? Math.max(min, Math.min(length >>> 2, maxPiece))
                    : length;
            if (homeInUpperHalf) {
                run.runPiece(index, system, end - piece, end);
                end -= piece;
            } else {
                run.runPiece(index, system, start, start + piece);
                start += piece;
            }
            done += piece;
        }
        run.completeRange(index, system, done, plan); // may release successors into this worker's queues
    }

    /**
     * The entity this worker calls home in a range of {@code count}: the middle of its share when the range is cut
     * into one equal share per worker. When it splits, a worker keeps the half nearer its home. Consecutive systems
     * of a frame usually sweep the same component arrays, so with two workers each one keeps sweeping the same half
     * of them, phase after phase, and that half stays in its core's cache; with more workers the first splits
     * follow the same rule. A thief takes whatever it finds, so this is a tendency, not an assignment.
     */
    int homeEntity(int count) {
        return (int) (((2L * index + 1) * count) / (2L * backend.workerCount()));
    }

    /** The spin budget before yielding: more when steals have been finding work lately, less when not. */
    int spinBudget() {
        int base = backend.config().spinIterations();
        if (!backend.config().adaptiveSpin()) {
            return base;
        }
        return (int) (base * (0.25 + 1.75 * stealSuccessRate));
    }

    /** The loop of workers 1..n-1: find work, else spin, yield, park; until the backend closes. */
    void runLoop() {
        int idle = 0;
        while (!backend.isShutdown()) {
            Task t = findWork();
            if (t != null) {
                if (searching) {
                    searching = false;
                    backend.stopSearching(); // the last searcher to find work wakes one more
                }
                execute(t);
                idle = 0;
                continue;
            }
            if (idle++ == 0) {
                idleSince = System.nanoTime();
            }
            int spins = spinBudget();
            if (idle <= spins) {
                Thread.onSpinWait();
                counters.increment(WorkerCounters.SPINS);
            } else if (idle <= spins + backend.config().yieldIterations() || keepWaitingBeforePark()) {
                Thread.yield();
                counters.increment(WorkerCounters.YIELDS);
            } else {
                park();
                idle = 0;
            }
        }
    }

    /**
     * Competitive spinning (Karlin, Li, Manasse and Owicki, "Empirical Studies of Competitive Spinning for a
     * Shared-Memory Multiprocessor", SOSP 1991): with the adaptive policy, an idle worker that has used its spin and
     * yield iterations still does not park before it has been idle about as long as its own wake-ups take (measured,
     * bounded). Waiting that long at most doubles the cost of the idle stretch, and work that arrives within a
     * wake-up's time (the next phase of a frame, a split of a range) finds the worker awake. The iteration
     * budgets alone can be far shorter than a wake-up: on a virtual machine a park/unpark round trip takes tens of
     * microseconds, 64 spins well under two.
     */
    private boolean keepWaitingBeforePark() {
        if (!backend.config().adaptiveSpin()) {
            return false;
        }
        return System.nanoTime() - idleSince < parkDelayNanos();
    }

    /** The current competitive-spinning window in nanoseconds (for tests and tuning). */
    long parkDelayNanos() {
        return Math.max(MIN_PARK_DELAY_NANOS, Math.min(MAX_PARK_DELAY_NANOS, (long) wakeLatencyNanos));
    }

    /** Folds the latency of the wake-up that just ended into the average; ignores samples that cannot be ours. */
    private void recordWakeLatency(long parkedAt) {
        long requested = wakeRequestedAt;
        long latency = System.nanoTime() - requested;
        if (requested - parkedAt >= 0 && latency >= 0) {
            wakeLatencyNanos += 0.125 * (Math.min(latency, MAX_PARK_DELAY_NANOS) - wakeLatencyNanos);
        }
    }

    /**
     * Parks until notified or shut down. Dekker-style hand-shake with {@link WorkStealingBackend#notifyWork}: we
     * publish PARKED, full fence, then look for work; a producer publishes work, full fence, then looks for parked
     * workers. With a fence on both sides, at least one of the two sees the other, so no wake-up is lost.
     */
    private void park() {
        if (searching) {
            searching = false;
            backend.stopSearching();
        }
        state.set(PARKED);
        backend.parkedCount().incrementAndGet();
        java.lang.invoke.VarHandle.fullFence(); // StoreLoad: PARKED before reading the queues
        if (backend.workVisible() || backend.isShutdown()) {
            if (state.compareAndSet(PARKED, RUNNING)) {
                backend.parkedCount().decrementAndGet();
            } else {
                state.set(RUNNING); // a waker got here first and took us off the parked count
                searching = true;   // ... and counted us as searching
            }
            return;
        }
        counters.increment(WorkerCounters.PARKS);
        long parkedAt = System.nanoTime();
        if (listener != null) {
            listener.parked(index, parkedAt);
        }
        while (state.get() == PARKED && !backend.isShutdown()) {
            LockSupport.park(this);
        }
        if (listener != null) {
            listener.unparked(index, System.nanoTime());
        }
        if (state.compareAndSet(PARKED, RUNNING)) { // shut down while parked
            backend.parkedCount().decrementAndGet();
        } else {
            recordWakeLatency(parkedAt);
            state.set(RUNNING);
            searching = true; // the waker counted us as searching (wake-up throttling)
        }
    }

    /** Worker 0's idle step while its phase runs: spin, then yield; never park. */
    void idleStepForCaller(int idle) {
        if (idle <= spinBudget()) {
            Thread.onSpinWait();
            counters.increment(WorkerCounters.SPINS);
        } else {
            Thread.yield();
            counters.increment(WorkerCounters.YIELDS);
        }
    }

    /** Whether the LIFO slot and deque are empty (between phases, for assertions). */
    boolean isIdle() {
        return lifo == null && deque.isEmptyApproximately();
    }
}
