package org.ecsched.scheduler.workstealing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.WorkerCounters;

/**
 * How workers of the work-stealing backend go idle and are woken: the whole park/notify protocol, in one place
 * (after Tokio's {@code runtime/scheduler/multi_thread/idle.rs}).
 *
 * <pre>
 * Implementation overview
 * =======================
 *
 * Roles
 * -----
 * Worker 0 is the thread that called execute: while its phase runs it never parks and never takes a searching
 * slot; when it finds nothing it raises the caller-hungry flag ({@link CallerState}) instead, so that busy
 * workers split ranges for it. Workers 1..n-1 are persistent threads that run, search (steal) or park. Each has a
 * {@link Sleeper}: its park state and the idle statistics only it uses.
 *
 * State
 * -----
 * counts    one long: parked workers in the high 32 bits, searching workers plus a bias of 2^31 in the low 32
 *           bits. One word, so that waking a worker moves it from "parked" to "searching" in one atomic step,
 *           parking moves it the other way, and a notifier reads both with one load. Written only by atomic
 *           read-modify-writes. The parked half never goes below zero: a sleeper adds itself before it
 *           publishes PARKED, and only the CAS that takes it off PARKED removes it. The searching half can dip
 *           below zero for a moment: a woken worker may wake early (spuriously), see NOTIFIED and give up its
 *           searching slot before its waker's increment lands; the bias keeps that dip from borrowing from the
 *           parked half, and a negative count reads as "nobody searches", which only ever leads to a wake-up.
 * state     per sleeper: RUNNING, PARKED or NOTIFIED.
 *
 * The protocol
 * ------------
 * (P1) Whoever publishes work (a push to a deque, an offer to the injector, a split) then calls notifyWork:
 *      a full fence, then, if nobody searches and somebody is parked, it wakes one parked worker and counts it
 *      as searching on its behalf. A burst of pushes therefore wakes one worker, not all (the throttle).
 * (P2) A searching worker that finds work leaves the search ({@link #foundWork}); the last searcher to find
 *      work notifies a new worker: work was found, so more may be queued, and nobody else is looking. The
 *      caller of foundWork does not have to do it: foundWork does. Activation spreads in O(log n) steps.
 * (P3) A worker that leaves the search empty-handed wakes nobody. It parks: it publishes PARKED and moves
 *      itself from searching to parked in one step, fences, and looks at every queue once more; if any work is
 *      visible it takes itself off the parked count and searches again instead of sleeping.
 * (P4) Only a waker moves a sleeper PARKED -> NOTIFIED, with a CAS, and only the waker whose CAS won adjusts the
 *      counts for it; only the owner moves its sleeper back to RUNNING. So each parked worker leaves the parked
 *      count exactly once.
 * At most half the workers 1..n-1 (at least one) search at a time: stealing is a shared cost, and a second
 * searcher rarely finds what the first missed. The cap is a hint (tryStartSearching reads, then CASes).
 *
 * Why no wake-up is lost (P1 against P3): a Dekker hand-shake. The producer does [publish work; full fence;
 * read counts]; the parker does [counts += parked (a volatile RMW); full fence; read the queues]. In any
 * execution one of them sees the other's write: the producer sees the parked worker and wakes it, or the
 * parker sees the work and stays awake. If the producer saw a searcher and so woke nobody, that searcher's
 * later leaving (P3: its RMW of counts, fence, queue reads) is ordered after the producer's read of counts,
 * so it sees the work and does not sleep either.
 *
 * Why an idle backend goes quiet (the invariant the old protocol broke): a parked worker is woken only by
 * (P1), after work was published, or by (P2), after work was found. With nothing published, nobody is woken,
 * and every worker ends parked and stays parked. (The old rule, "the last searcher to leave wakes another",
 * also fired for searchers that found nothing: two parked workers then woke each other for as long as the
 * backend lived, 65-99% of a core with 3 or more workers.)
 *
 * Before parking (competitive spinning)
 * -------------------------------------
 * An idle worker spins (Thread.onSpinWait) for a budget that follows its recent steal success, then yields,
 * and with the adaptive policy does not park before it has been idle about as long as its own measured
 * wake-ups take (Karlin, Li, Manasse and Owicki, "Empirical Studies of Competitive Spinning for a Shared-Memory
 * Multiprocessor", SOSP 1991): waiting that long at most doubles the cost of an idle stretch, and work that
 * arrives within a wake-up's time (the next phase of a frame, a split) finds the worker awake.
 *
 * Interrupts
 * ----------
 * A worker's interrupt flag means nothing to the backend (close() stops workers with a flag and unpark). A body
 * may leave it set; the worker clears it before each task and before each park, so it never reaches another
 * body and LockSupport.park does not return at once forever.
 * </pre>
 */
final class Idle {

    /** The wake-up latency assumed before one is measured. */
    static final long INITIAL_WAKE_LATENCY_NANOS = 50_000;
    /** Bounds of the competitive spinning window. */
    static final long MIN_PARK_DELAY_NANOS = 10_000, MAX_PARK_DELAY_NANOS = 500_000;

    private static final long ONE_SEARCHING = 1L, ONE_PARKED = 1L << 32;
    private static final long SEARCHING_MASK = ONE_PARKED - 1, SEARCHING_BIAS = 1L << 31;

    private final WorkStealingBackend backend;
    private final Sleeper[] sleepers;
    private final CallerState caller;
    private final Counts counts = new Counts(SEARCHING_BIAS);
    private final int maxSearching;
    private final int spinIterations;
    private final int yieldIterations;
    private final boolean adaptive;
    private final SchedulerListener listener;

    Idle(WorkStealingBackend backend, int workers, CallerState caller, SchedulerListener listener) {
        SchedulerConfig config = backend.config();
        this.backend = backend;
        this.caller = caller;
        this.listener = listener;
        this.sleepers = new Sleeper[workers];
        for (int i = 0; i < workers; i++) {
            sleepers[i] = new Sleeper(i);
        }
        this.maxSearching = Math.max(1, (workers - 1) / 2);
        this.spinIterations = config.spinIterations();
        this.yieldIterations = config.yieldIterations();
        this.adaptive = config.adaptiveSpin();
    }

    Sleeper sleeper(int worker) {
        return sleepers[worker];
    }

    static int searching(long counts) {
        return (int) ((counts & SEARCHING_MASK) - SEARCHING_BIAS);
    }

    static int parked(long counts) {
        return (int) (counts >>> 32);
    }

    /** Searching and parked workers now (a racy snapshot, for splitting decisions and tests). */
    long counts() {
        return counts.lv();
    }

    // ------------------------------------------------------------------------------------------------------------
    // (P1) notify
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Work was published: wake one parked worker unless somebody already searches (P1). Any thread; never
     * blocks, never allocates.
     */
    void notifyWork() {
        VarHandle.fullFence();             // StoreLoad: the work we published before reading counts (Dekker, P1/P3)
        long c = counts.lv();              // volatile
        if (searching(c) > 0 || parked(c) == 0) {
            return;                        // a searcher will find it (and pass the signal on, P2), or nobody sleeps
        }
        for (int i = 1; i < sleepers.length; i++) {
            Sleeper s = sleepers[i];
            if (s.lvState() != Sleeper.PARKED) {
                continue;
            }
            s.soWakeRequestedAt(System.nanoTime()); // before the CAS, whose volatile write publishes it (P4)
            if (s.casState(Sleeper.PARKED, Sleeper.NOTIFIED)) { // P4: we alone claimed this sleeper
                counts.getAndAdd(ONE_SEARCHING - ONE_PARKED);    // parked -> searching in one step
                LockSupport.unpark(s.thread);
                return;
            }
        }
        // Every PARKED sleeper we saw was claimed by another waker or took itself off: both wake a worker.
    }

    // ------------------------------------------------------------------------------------------------------------
    // Searching (P2)
    // ------------------------------------------------------------------------------------------------------------

    /** Takes a searching slot for {@code s} unless it holds one or the cap is reached; whether it holds one now. */
    boolean tryStartSearching(Sleeper s) {
        if (s.searching) {
            return true;
        }
        for (long c = counts.lv(); searching(c) < maxSearching; c = counts.lv()) {
            if (counts.cas(c, c + ONE_SEARCHING)) {
                s.searching = true;
                return true;
            }
        }
        return false;                      // throttled: enough workers are already stealing
    }

    /** {@code s} found work (P2): it leaves the search, and if it was the last searcher it wakes one more worker. */
    void foundWork(Sleeper s) {
        s.idleSteps = 0;
        if (!s.searching) {
            return;
        }
        s.searching = false;
        long before = counts.getAndAdd(-ONE_SEARCHING);
        if (searching(before) == 1) {
            notifyWork();
        }
    }

    /** Whether splitting a range would feed somebody: a worker searches or is parked, or the caller is hungry. */
    boolean workersHungry() {
        if (sleepers.length == 1) {
            return false;
        }
        long c = counts.lv();
        return searching(c) > 0 || parked(c) > 0 || caller.isHungry();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Idling (P3)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * One idle step of worker {@code s} (1..n-1), which just found no work: spin, then yield, then wait out the
     * competitive-spinning window, then park. Owner only.
     */
    void idleStep(Sleeper s, WorkerCounters counters) {
        int step = ++s.idleSteps;
        if (step == 1) {
            s.idleSince = System.nanoTime();
        }
        int spins = spinBudget(s);
        if (step <= spins) {
            Thread.onSpinWait();
            counters.increment(WorkerCounters.SPINS);
        } else if (step <= spins + yieldIterations || keepWaitingBeforePark(s)) {
            Thread.yield();
            counters.increment(WorkerCounters.YIELDS);
        } else {
            park(s, counters);
            s.idleSteps = 0;
        }
    }

    /** Worker 0's idle step while its phase runs: spin, then yield; never park. */
    void callerIdleStep(int step, WorkerCounters counters) {
        if (step <= spinBudget(sleepers[0])) {
            Thread.onSpinWait();
            counters.increment(WorkerCounters.SPINS);
        } else {
            Thread.yield();
            counters.increment(WorkerCounters.YIELDS);
        }
    }

    /** The spin budget before yielding: more when steals have been finding work lately, less when not. */
    int spinBudget(Sleeper s) {
        if (!adaptive) {
            return spinIterations;
        }
        return (int) (spinIterations * (0.25 + 1.75 * s.stealSuccessRate));
    }

    /** Folds one steal round's outcome into {@code s}'s success rate, which drives its spin budget. Owner only. */
    static void stealRound(Sleeper s, boolean found) {
        s.stealSuccessRate += found ? 0.1 * (1.0 - s.stealSuccessRate) : -0.1 * s.stealSuccessRate;
    }

    private boolean keepWaitingBeforePark(Sleeper s) {
        return adaptive && System.nanoTime() - s.idleSince < parkDelayNanos(s);
    }

    /**
     * What a wake-up costs now: the smallest of workers 1..n-1's measured wake-up latencies, within
     * [{@link #MIN_PARK_DELAY_NANOS}, {@link #MAX_PARK_DELAY_NANOS}]; the latter with one worker. The latencies are
     * read racily (each is written by its own worker as it wakes): a stale, or on a 32-bit JVM torn, value only
     * changes one phase's choice to run inline, and the bounds catch nonsense.
     */
    long wakeCostNanos() {
        double least = MAX_PARK_DELAY_NANOS;
        for (int i = 1; i < sleepers.length; i++) {
            double latency = sleepers[i].wakeLatencyNanos;
            if (latency < least) { // false for NaN
                least = latency;
            }
        }
        return Math.max(MIN_PARK_DELAY_NANOS, (long) least);
    }

    /** The current competitive-spinning window of {@code s} in nanoseconds. */
    static long parkDelayNanos(Sleeper s) {
        return Math.max(MIN_PARK_DELAY_NANOS, Math.min(MAX_PARK_DELAY_NANOS, (long) s.wakeLatencyNanos));
    }

    /**
     * Parks {@code s} until a waker claims it or the backend shuts down (P3, P4). Leaves its searching slot
     * without waking anybody; stays awake if work is visible after it announced itself parked.
     */
    private void park(Sleeper s, WorkerCounters counters) {
        long leave = s.searching ? ONE_SEARCHING : 0;
        s.searching = false;
        counts.getAndAdd(ONE_PARKED - leave); // volatile RMW: counted parked before anyone can claim us (P3, P4)
        s.svState(Sleeper.PARKED);         // volatile: now claimable; a waker's winning CAS reads this store
        VarHandle.fullFence();             // StoreLoad: PARKED and the count before reading the queues (P1/P3)
        if (backend.workVisible() || backend.isShutdown()) {
            cancelPark(s);
            return;
        }
        counters.increment(WorkerCounters.PARKS);
        long parkedAt = System.nanoTime();
        if (listener != null) {
            listener.parked(s.index, parkedAt);
        }
        while (s.lvState() == Sleeper.PARKED && !backend.isShutdown()) { // volatile: a waker's CAS
            Thread.interrupted();          // a set flag would make park return at once, forever
            LockSupport.park(this);
        }
        if (listener != null) {
            listener.unparked(s.index, System.nanoTime());
        }
        if (s.casState(Sleeper.PARKED, Sleeper.RUNNING)) {
            counts.getAndAdd(-ONE_PARKED); // shut down while parked: nobody claimed us
        } else {
            recordWakeLatency(s, parkedAt);
            s.soState(Sleeper.RUNNING);    // NOTIFIED -> RUNNING: only we write it now
            s.searching = true;            // the waker moved us from parked to searching (P4)
        }
    }

    /** Work became visible while parking: stay awake, unless a waker claimed us first (then it woke us). */
    private void cancelPark(Sleeper s) {
        if (s.casState(Sleeper.PARKED, Sleeper.RUNNING)) {
            counts.getAndAdd(-ONE_PARKED);
        } else {
            s.soState(Sleeper.RUNNING);    // a waker claimed us: it already moved us to searching (P4)
            s.searching = true;
        }
    }

    /** Folds the wake-up that just ended into the average; ignores samples that cannot be ours. */
    private static void recordWakeLatency(Sleeper s, long parkedAt) {
        long requested = s.lvWakeRequestedAt();
        long latency = System.nanoTime() - requested;
        if (requested - parkedAt >= 0 && latency >= 0) {
            s.wakeLatencyNanos += 0.125 * (Math.min(latency, MAX_PARK_DELAY_NANOS) - s.wakeLatencyNanos);
        }
    }

    /** Wakes every parked worker so that it sees the shutdown flag (close, after the flag is set). */
    void wakeAllForShutdown() {
        for (int i = 1; i < sleepers.length; i++) {
            Thread t = sleepers[i].thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** The packed counts word, alone on its cache lines: every worker writes it when it searches or parks. */
    static final class Counts extends CountsValue {
        Counts(long initial) {
            VALUE.setVolatile(this, initial);
        }

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
        byte b128, b129, b130, b131, b132, b133, b134, b135; // a few go into the gap before value

        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(CountsValue.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long lv() {
            return (long) VALUE.getVolatile(this);
        }

        long getAndAdd(long delta) {
            return (long) VALUE.getAndAdd(this, delta);
        }

        boolean cas(long expected, long next) {
            return VALUE.compareAndSet(this, expected, next);
        }
    }
}

/** The value of {@link Idle.Counts}, between two blocks of padding. */
abstract class CountsValue extends Padding {
    /** Searching (low 32 bits) and parked (high 32 bits) workers; only atomic RMWs write it. */
    volatile long value;
}
