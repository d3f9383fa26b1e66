package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsched.scheduler.deque.StressSupport.GRACE_MILLIS;
import static org.ecsched.scheduler.deque.StressSupport.STRESS_MILLIS;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.ecsched.scheduler.deque.StressSupport.Body;
import org.ecsched.scheduler.deque.StressSupport.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One owner against four thieves, for {@code -Dstress.millis} per test: every task must be taken exactly once.
 * Capacities are small so that the full, overflow and last-task paths are hit all the time.
 */
@Tag("stress")
class ChaseLevDequeStressTest {

    private static final int THIEVES = 4;
    private static final int CAPACITY = 64;
    /** Task ids per round; a round ends when they are used up or time is up. */
    private static final int ROUND_IDS = 1 << 21;

    /** Counters of what the run exercised, partly required so that a quiet run cannot pass. */
    static final class Exercised {
        final LongAdder full = new LongAdder();
        final LongAdder ranInline = new LongAdder();
        final LongAdder steals = new LongAdder();
        final LongAdder batches = new LongAdder();
        final LongAdder batchedTasks = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder injectorBatches = new LongAdder();
        final LongAdder popped = new LongAdder();
    }

    /**
     * The owner pushes (overflowing to an Injector when full) and pops in a random mix whose push share changes
     * every few hundred operations; four thieves steal single tasks and batches from the owner and from each
     * other, take batches from the Injector, and drain their own deques.
     */
    @Test
    void everyTaskIsTakenExactlyOnceWhileTheOwnerPushesAndPopsAndFourThievesSteal() throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STRESS_MILLIS);
        long deadline = end + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        Ledger ledger = new Ledger(ROUND_IDS);
        Exercised exercised = new Exercised();
        long tasks = 0;
        int rounds = 0;
        do {
            tasks += ownerAndThievesRound(ledger, exercised, rounds, end, deadline);
            rounds++;
        } while (System.nanoTime() - end < 0);
        String ran = String.format("owner and %d thieves: %,d tasks in %d rounds; full %,d, ran inline %,d,"
                        + " steals %,d, batches %,d (%,d tasks), retries %,d, injector batches %,d, pops %,d",
                THIEVES, tasks, rounds, exercised.full.sum(), exercised.ranInline.sum(), exercised.steals.sum(),
                exercised.batches.sum(), exercised.batchedTasks.sum(), exercised.retries.sum(),
                exercised.injectorBatches.sum(), exercised.popped.sum());
        // Every round took each task exactly once, whatever the schedule. Whether the run also reached a full
        // deque, steals, batch steals and the injector depends on how the threads were scheduled: not a verdict,
        // but a run that did not is reported as inconclusive rather than passed.
        assumeTrue(exercised.full.sum() > 0, () -> "no push found the deque full; " + ran);
        assumeTrue(exercised.steals.sum() > 0, () -> "no steal succeeded; " + ran);
        assumeTrue(exercised.batchedTasks.sum() > 0, () -> "no batch steal moved more than one task; " + ran);
        assumeTrue(exercised.injectorBatches.sum() > 0, () -> "no batch was taken from the injector; " + ran);
    }

    private static long ownerAndThievesRound(Ledger ledger, Exercised exercised, int round, long end, long deadline)
            throws InterruptedException {
        ChaseLevDeque<Integer> owner = new ChaseLevDeque<>(CAPACITY);
        Injector<Integer> overflow = new Injector<>(256);
        List<ChaseLevDeque<Integer>> thiefDeques = new ArrayList<>();
        for (int i = 0; i < THIEVES; i++) {
            thiefDeques.add(new ChaseLevDeque<>(CAPACITY));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean ownerDone = new AtomicBoolean();
        AtomicInteger issued = new AtomicInteger();
        List<Body> bodies = new ArrayList<>();
        bodies.add(() -> {
            SplittableRandom random = new SplittableRandom(round * 31L);
            int id = 0;
            int pushPercent = 60;
            long ops = 0;
            while (id < ROUND_IDS && !stop.get()) {
                if ((ops++ & 255) == 0) {
                    pushPercent = random.nextInt(20, 96);   // phases that fill up and phases that drain
                    if (System.nanoTime() - end > 0) {
                        break;
                    }
                }
                if (random.nextInt(100) < pushPercent) {
                    Integer task = id++;
                    if (!owner.push(task)) {
                        exercised.full.increment();
                        if (!overflow.offer(task)) {      // both full: the caller runs it itself
                            ledger.took(task);
                            exercised.ranInline.increment();
                        }
                    }
                } else {
                    Integer task = owner.pop();
                    if (task != null) {
                        ledger.took(task);
                        exercised.popped.increment();
                    }
                }
            }
            issued.set(id);
            for (Integer task; (task = owner.pop()) != null; ) {
                ledger.took(task);
            }
            ownerDone.set(true);                          // volatile: every push and offer before it is visible
        });
        for (int i = 0; i < THIEVES; i++) {
            int me = i;
            bodies.add(() -> thief(me, round, owner, overflow, thiefDeques, ledger, exercised, ownerDone, stop));
        }
        StressSupport.runTogether("owner-and-thieves", stop, deadline, bodies);
        ledger.assertExactlyOnce(issued.get(), "round " + round);
        return issued.get();
    }

    private static void thief(int me, int round, ChaseLevDeque<Integer> owner, Injector<Integer> overflow,
                              List<ChaseLevDeque<Integer>> thiefDeques, Ledger ledger, Exercised exercised,
                              AtomicBoolean ownerDone, AtomicBoolean stop) {
        SplittableRandom random = new SplittableRandom(round * 31L + me + 1);
        ChaseLevDeque<Integer> mine = thiefDeques.get(me);
        Stolen<Integer> cell = new Stolen<>();
        while (!stop.get()) {
            Integer task = mine.pop();
            if (task != null) {
                ledger.took(task);
                continue;
            }
            boolean done = ownerDone.get();                 // read before looking: if it was already true and
            int choice = random.nextInt(10);                 // everything looks empty, nothing can appear
            ChaseLevDeque<Integer> victim = owner;
            if (choice >= 8) {
                victim = thiefDeques.get((me + 1 + random.nextInt(THIEVES - 1)) % THIEVES);
            }
            StealResult result;
            if (choice % 2 == 0) {
                result = victim.steal(cell);
            } else {
                long before = mine.approximateSize();
                result = victim.stealBatchAndPop(mine, 1 + random.nextInt(32), cell);
                if (result == StealResult.SUCCESS) {
                    exercised.batches.increment();
                    exercised.batchedTasks.add(mine.approximateSize() - before);
                }
            }
            if (result == StealResult.SUCCESS) {
                exercised.steals.increment();
                ledger.took(cell.take());
                continue;
            }
            if (result == StealResult.RETRY) {
                exercised.retries.increment();
            }
            task = overflow.pollBatch(mine, 1 + random.nextInt(16));
            if (task != null) {
                exercised.injectorBatches.increment();
                ledger.took(task);
                continue;
            }
            if (done && owner.isEmptyApproximately() && overflow.isEmptyApproximately()) {
                return;                                      // our own deque is empty too: we just popped null
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Steal storm: the owner fills a deque (often with only a few tasks, so the race for the last one is frequent),
     * then it and four thieves empty it all at once, round after round; each round every task exactly once.
     */
    @Test
    void aStealStormOnOnePrefilledDequeTakesEveryTaskExactlyOnce() throws Exception {
        int capacity = 1024;
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(capacity);
        Ledger ledger = new Ledger(capacity);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean lastRound = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        AtomicLong tasks = new AtomicLong();
        LongAdder retries = new LongAdder();
        CyclicBarrier go = new CyclicBarrier(THIEVES + 1);
        CyclicBarrier finished = new CyclicBarrier(THIEVES + 1);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STRESS_MILLIS);
        long deadline = end + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        List<Body> bodies = new ArrayList<>();
        bodies.add(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (true) {
                int fill = random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(capacity);
                for (int id = 0; id < fill; id++) {
                    assertThat(victim.push(id)).isTrue();
                }
                lastRound.set(System.nanoTime() - end > 0 || stop.get());
                await(go, deadline);
                for (Integer task; (task = victim.pop()) != null; ) {
                    ledger.took(task);
                }
                await(finished, deadline);                   // every thief's takes happen-before this returns
                ledger.assertExactlyOnce(fill, "storm round " + rounds.get());
                rounds.incrementAndGet();
                tasks.addAndGet(fill);
                if (lastRound.get()) {
                    return;
                }
            }
        });
        for (int i = 0; i < THIEVES; i++) {
            int me = i;
            bodies.add(() -> {
                SplittableRandom random = new SplittableRandom(100 + me);
                ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(256);
                Stolen<Integer> cell = new Stolen<>();
                while (true) {
                    await(go, deadline);
                    // Read now: the owner sets it before "go" and not again before everyone passed "finished".
                    boolean last = lastRound.get();
                    while (!stop.get()) {
                        StealResult result = random.nextBoolean()
                                ? victim.steal(cell)
                                : victim.stealBatchAndPop(mine, 1 + random.nextInt(32), cell);
                        if (result == StealResult.EMPTY) {
                            break;                           // nobody pushes during a storm: empty for good
                        }
                        if (result == StealResult.RETRY) {
                            retries.increment();
                            continue;
                        }
                        ledger.took(cell.take());
                        for (Integer task; (task = mine.pop()) != null; ) {
                            ledger.took(task);
                        }
                    }
                    await(finished, deadline);
                    if (last) {
                        return;
                    }
                }
            });
        }
        // A failing thread breaks both barriers, so that the others fail at once instead of waiting for the deadline.
        List<Body> breaking = bodies.stream().<Body>map(body -> () -> {
            try {
                body.run();
            } catch (Throwable t) {
                go.reset();
                finished.reset();
                throw t;
            }
        }).toList();
        StressSupport.runTogether("steal-storm", stop, deadline, breaking);
        assertThat(rounds.get()).as("storm rounds (%,d tasks, %,d retries)", tasks.get(), retries.sum()).isPositive();
    }

    private static void await(CyclicBarrier barrier, long deadlineNanos) throws Exception {
        barrier.await(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * The same task object pushed again and again (a task resubmitted while an earlier submission is still queued
     * or being stolen), into a deque of capacity 4 so that a slot is reused every four pushes. A clear that
     * compared references, or cleared without checking, would erase a live resubmission; for every object the
     * number of runs must equal the number of successful pushes.
     */
    @Test
    void theSameTaskObjectPushedManyTimesRunsOncePerPush() throws Exception {
        int objects = 3;
        ChaseLevDeque<Integer> owner = new ChaseLevDeque<>(4);
        List<ChaseLevDeque<Integer>> thiefDeques = new ArrayList<>();
        for (int i = 0; i < THIEVES; i++) {
            thiefDeques.add(new ChaseLevDeque<>(4));
        }
        Integer[] pool = {1000, 2000, 3000};                 // three distinct objects (outside the Integer cache)
        long[] pushed = new long[objects];
        AtomicLong[] ran = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean ownerDone = new AtomicBoolean();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STRESS_MILLIS);
        long deadline = end + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        List<Body> bodies = new ArrayList<>();
        bodies.add(() -> {
            SplittableRandom random = new SplittableRandom(11);
            long ops = 0;
            int next = 0;
            // The clock is read every 256 operations from the 256th on: the first ones always run, and the first
            // push always succeeds (the deque is empty, thieves only take), so the count below is never zero.
            while (!stop.get() && ((++ops & 255) != 0 || System.nanoTime() - end < 0)) {
                if (random.nextInt(100) < 70) {
                    if (owner.push(pool[next])) {
                        pushed[next]++;
                        next = (next + 1) % objects;
                    }
                } else {
                    Integer task = owner.pop();
                    if (task != null) {
                        ran[task / 1000 - 1].incrementAndGet();
                    }
                }
            }
            for (Integer task; (task = owner.pop()) != null; ) {
                ran[task / 1000 - 1].incrementAndGet();
            }
            ownerDone.set(true);
        });
        for (int i = 0; i < THIEVES; i++) {
            int me = i;
            bodies.add(() -> {
                SplittableRandom random = new SplittableRandom(50 + me);
                ChaseLevDeque<Integer> mine = thiefDeques.get(me);
                Stolen<Integer> cell = new Stolen<>();
                while (!stop.get()) {
                    Integer task = mine.pop();
                    if (task == null) {
                        boolean done = ownerDone.get();
                        StealResult result = random.nextBoolean()
                                ? owner.steal(cell)
                                : owner.stealBatchAndPop(mine, 1 + random.nextInt(4), cell);
                        if (result == StealResult.SUCCESS) {
                            task = cell.take();
                        } else if (done && owner.isEmptyApproximately()) {
                            return;
                        } else {
                            Thread.onSpinWait();
                            continue;
                        }
                    }
                    ran[task / 1000 - 1].incrementAndGet();
                }
            });
        }
        StressSupport.runTogether("same-object", stop, deadline, bodies);
        long total = 0;
        for (int k = 0; k < objects; k++) {
            assertThat(ran[k].get()).as("runs of object %d (pushed %d times)", k, pushed[k]).isEqualTo(pushed[k]);
            total += pushed[k];
        }
        assertThat(total).as("pushes of %d objects", objects).isPositive();
    }
}
