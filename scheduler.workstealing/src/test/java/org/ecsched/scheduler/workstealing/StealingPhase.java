package org.ecsched.scheduler.workstealing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * A phase that is stolen from whatever the schedule. A root releases {@code width} leaves on the worker that ran
 * it: one into its LIFO slot, which no thief reaches, the rest into its deque (256 tasks by default, so none
 * overflows to the injector). That worker's leaves wait until a leaf has run on another worker, and the only way
 * another worker gets a leaf is a steal from that deque: every execution steals at least once, by construction,
 * not by chance. A caller may make the wait longer (until a condition of its own holds as well). The wait is
 * bounded: a backend that never steals fails the phase instead of hanging it. Each leaf also busy-works at least
 * {@value #LEAF_MICROS} µs, so that the phase never looks too small to hand out: a backend may run a phase that
 * costs less than a wake-up (at most 0.5 ms) on the calling thread alone, and then nobody could steal.
 */
final class StealingPhase {

    /** How long the root worker's leaves wait for a thief. */
    private static final long WAIT_SECONDS = 10;
    /** The least busy work of a leaf: 64 leaves (as the tests use) cost more than 0.5 ms. */
    private static final long LEAF_MICROS = 10;

    private final AtomicInteger rootWorker = new AtomicInteger(-1);
    private final AtomicInteger leavesElsewhere = new AtomicInteger();
    private final BooleanSupplier alsoUntil;
    private final Plan<Object> plan;

    private static volatile double sink;

    /** Leaves wait until one has run on another worker. */
    StealingPhase(int width) {
        this(width, () -> true);
    }

    /** Leaves wait until one has run on another worker and {@code alsoUntil} holds. */
    StealingPhase(int width, BooleanSupplier alsoUntil) {
        this.alsoUntil = alsoUntil;
        Phase.Builder<Object> phase = Phase.named("stolen-fan");
        phase.add(SystemSpec.named("root").runs(ctx -> rootWorker.set(ctx.workerIndex())));
        for (int i = 0; i < width; i++) {
            int id = i;
            phase.add(SystemSpec.named("leaf" + i).runsAfter("root").runs(ctx -> {
                if (ctx.workerIndex() == rootWorker.get()) {
                    awaitThief();
                } else {
                    leavesElsewhere.incrementAndGet();
                }
                sink = work(id, System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(LEAF_MICROS));
            }));
        }
        plan = phase.compile();
    }

    /** Executes the phase once and fails if it failed. */
    void executeOn(SchedulerBackend backend) {
        rootWorker.set(-1);
        leavesElsewhere.set(0);
        backend.execute(plan).throwIfFailed();
    }

    private void awaitThief() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (leavesElsewhere.get() == 0 || !alsoUntil.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("within " + WAIT_SECONDS + " s, " + leavesElsewhere.get()
                        + " leaves ran on a worker other than the root's (" + rootWorker.get()
                        + "), and the caller's condition " + (alsoUntil.getAsBoolean() ? "held" : "did not hold"));
            }
            LockSupport.parkNanos(100_000L);
        }
    }

    /** Busy work until {@code untilNanos}, no sleeping. */
    private static double work(int id, long untilNanos) {
        double x = id;
        for (int k = 0; System.nanoTime() - untilNanos < 0; k++) {
            x = Math.sqrt(x * x + k + 1);
        }
        return x;
    }
}
