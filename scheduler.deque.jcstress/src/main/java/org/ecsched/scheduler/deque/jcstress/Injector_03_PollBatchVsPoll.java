package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.Injector;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Rule: a worker's {@code pollBatch} into its own deque and another consumer's {@code poll} take every task of the
 * injector at most once, the batch takes a contiguous run from the head and at most its limit, and nothing is lost.
 *
 * <p>The race. The injector (capacity 4) holds tasks 1, 2, 3 (positions 0..2). The worker calls
 * {@code pollBatch(ownDeque, 2)}: it counts up to 2 full cells from the head and claims them with one CAS of the
 * dequeue position, returns the first and pushes the second into its own deque (which it then drains). The other
 * consumer polls once. The batch's single CAS claims a range; that is only safe because every consumer claims
 * through that same position (unlike the Chase-Lev owner, who pops without a CAS: see
 * {@link Deque_04_BatchStealVsPop}). Afterwards the arbiter drains what is left.
 *
 * <p>Outcome {@code r1, r2, r3}: r1 = mask of the tasks the batch got (task 1 = 1, task 2 = 2, task 3 = 4),
 * r2 = the task the single poll got (id, 0 = null), r3 = mask of the tasks the arbiter drained. The three must be
 * disjoint and cover 7.
 *
 * <p>If this fails, check: the batch CASes the position from exactly the position where it started counting; it
 * counts only cells full for their own position; it consumes (and frees) every cell it claimed; it respects the
 * limit.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Injector_03_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "3, 3, 0", expect = ACCEPTABLE, desc = "The batch took tasks 1 and 2; the poll took task 3.")
@Outcome(id = "6, 1, 0", expect = ACCEPTABLE, desc = "The poll took task 1 first; the batch took tasks 2 and 3.")
@Outcome(expect = FORBIDDEN, desc = "A task taken twice or lost, the batch over its limit or not from the head, or a null poll while tasks remained.")
@State
public class Injector_03_PollBatchVsPoll {

    private final Injector<Task> injector = new Injector<>(4);
    private final ChaseLevDeque<Task> workerOwn = new ChaseLevDeque<>(4);

    public Injector_03_PollBatchVsPoll() {
        for (int id = 1; id <= 3; id++) {
            injector.offer(new Task(id));
        }
    }

    @Actor
    public void worker(III_Result r) {
        int mask = Codes.bit(injector.pollBatch(workerOwn, 2));
        Task t;
        while ((t = workerOwn.pop()) != null) {        // the worker owns workerOwn
            mask |= t.bit();
        }
        r.r1 = mask;
    }

    @Actor
    public void consumer(III_Result r) {
        r.r2 = Codes.taken(injector.poll());
    }

    @Arbiter
    public void after(III_Result r) {
        int mask = 0;
        Task t;
        while ((t = injector.poll()) != null) {
            mask |= t.bit();
        }
        r.r3 = mask;
    }
}
