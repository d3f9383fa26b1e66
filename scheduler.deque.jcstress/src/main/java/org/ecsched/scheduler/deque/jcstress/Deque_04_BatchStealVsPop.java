package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.StealResult;
import org.ecsched.scheduler.deque.Stolen;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Rule: a thief's {@code stealBatchAndPop} and the owner's pops together take every task exactly once; the batch
 * never claims a task the owner has popped (nor the reverse), and moves at most half of what it saw.
 *
 * <p>The race. The deque holds tasks 1..4 (indices 0..3, task 1 the oldest). The owner pops until it gets null
 * (LIFO: 4, 3, 2, 1). The thief calls {@code stealBatchAndPop(ownDeque, 4, into)}: it claims the oldest task
 * (index 0) into its cell and, if it saw 3 or 4 tasks, tries for one more (index 1), each with its own fence,
 * fresh bottom load and CAS; the extra task goes into the thief's own deque, which the thief then drains. The
 * dangerous moment is the second claim: the owner may be popping index 1 at the same time. A batch that claimed
 * indices 0..1 with one CAS of top from 0 to 2 could lose that race silently (the owner takes index 1 without a
 * CAS while it sees top = 0 &lt; 1), and task 2 would run twice.
 *
 * <p>Outcome {@code r1, r2, r3, r4}: r1 = mask of the tasks the owner popped, r2 = mask of the tasks the thief got
 * (its cell plus its own deque), r3 = the batch's result (1 = SUCCESS, 0 = EMPTY, -1 = RETRY), r4 = tasks left in
 * the victim afterwards. Task n is bit n - 1: task 1 = 1, task 2 = 2, task 3 = 4, task 4 = 8; all four = 15.
 * r1 and r2 must be disjoint and together 15.
 *
 * <p>If this fails, check: the batch claims one index per CAS and reloads bottom (after a fence) before each;
 * it caps the count at ceil(size / 2) of the size it saw; it pushes the extra tasks into the destination, not
 * back into the victim.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_04_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "15, 0, 0, 0", expect = ACCEPTABLE, desc = "The owner popped all four before the thief looked: EMPTY.")
@Outcome(id = "15, 0, -1, 0", expect = ACCEPTABLE, desc = "The owner popped all four; the thief saw task 1 but lost it to the owner's last pop (RETRY).")
@Outcome(id = "14, 1, 1, 0", expect = ACCEPTABLE, desc = "The thief got task 1 only; the owner popped 4, 3, 2.")
@Outcome(id = "12, 3, 1, 0", expect = ACCEPTABLE, desc = "The batch moved two tasks (1 and 2); the owner popped 4 and 3.")
@Outcome(expect = FORBIDDEN, desc = "A task taken twice (the masks overlap), lost (the masks do not cover 15), "
        + "more than half moved, a wrong result, or tasks left behind.")
@State
public class Deque_04_BatchStealVsPop {

    private final ChaseLevDeque<Task> victim = new ChaseLevDeque<>(8);
    private final ChaseLevDeque<Task> thiefOwn = new ChaseLevDeque<>(8);
    private final Stolen<Task> into = new Stolen<>();

    public Deque_04_BatchStealVsPop() {
        for (int id = 1; id <= 4; id++) {
            victim.push(new Task(id));
        }
    }

    @Actor
    public void owner(IIII_Result r) {
        int mask = 0;
        Task t;
        while ((t = victim.pop()) != null) {
            mask |= t.bit();
        }
        r.r1 = mask;
    }

    @Actor
    public void thief(IIII_Result r) {
        StealResult result = victim.stealBatchAndPop(thiefOwn, 4, into);
        int mask = Codes.bit(into.take());
        Task t;
        while ((t = thiefOwn.pop()) != null) {      // the thief owns thiefOwn
            mask |= t.bit();
        }
        r.r2 = mask;
        r.r3 = Codes.result(result);
    }

    @Arbiter
    public void after(IIII_Result r) {
        r.r4 = victim.approximateSize();
    }
}
