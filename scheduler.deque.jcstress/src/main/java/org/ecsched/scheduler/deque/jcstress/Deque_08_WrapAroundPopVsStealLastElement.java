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
 * Rule: after the indices have wrapped around the ring several times, a full deque whose two tasks straddle the
 * wrap (the last slot and the first slot) still gives each task to exactly one taker, and the last-element race
 * between pop and steal still has exactly one winner.
 *
 * <p>Set-up (before the race, in the state's constructor; jcstress hands the deque to the actors with a
 * happens-before edge). Capacity 2. Five laps of push, push, steal, pop move top and bottom to 10, exercising the
 * last-element CAS in pop on every lap; one more push and steal moves both to 11. Then task 1 goes to index 11
 * (slot 1) and task 2 to index 12 (slot 0): the deque is full across the wrap, and a third push must say so.
 * Each slot has been written, taken and cleared five or six times by then.
 *
 * <p>The race. The owner pops twice (task 2 from slot 0, then the last task, task 1, from slot 1); the thief
 * steals once (task 1, at top = 11, slot 1). Whether the thief comes before the first pop (then the first pop
 * is the last-element race, against no one), between the pops, or during the second pop (both CAS top from 11 to
 * 12), task 1 must be taken once. A slot computation that forgot the mask, a sign or overflow slip in
 * {@code index & mask}, or a stale slot left behind by the pre-cycle would show as a wrong or doubled task.
 *
 * <p>Outcome {@code r1, r2, r3, r4}: r1 = the owner's first pop, r2 = its second pop, r3 = the thief's steal
 * (task id, 0 = null/EMPTY, -1 = RETRY, see {@link Codes}), r4 = tasks left afterwards.
 *
 * <p>If this fails, check: slot = (int) index &amp; mask everywhere; the pre-cycle's takers cleared their slots;
 * push's "full" check looks at the slot it is about to write.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_08_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "The owner popped both (2 then 1); the thief saw EMPTY.")
@Outcome(id = "2, 1, -1, 0", expect = ACCEPTABLE, desc = "The owner won the last-element CAS for task 1; the thief got RETRY.")
@Outcome(id = "2, 0, 1, 0", expect = ACCEPTABLE, desc = "The thief stole task 1; the owner popped task 2, then null.")
@Outcome(id = "2, 1, 1, .*", expect = FORBIDDEN, desc = "Task 1 taken twice.")
@Outcome(id = "2, 0, (0|-1), .*", expect = FORBIDDEN, desc = "Task 1 lost.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a wrong task from a wrapped slot, nonsense, or tasks left behind.")
@State
public class Deque_08_WrapAroundPopVsStealLastElement {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(2);
    private final Stolen<Task> into = new Stolen<>();

    public Deque_08_WrapAroundPopVsStealLastElement() {
        Task filler = new Task(99);
        for (int lap = 0; lap < 5; lap++) {
            require(deque.push(filler) && deque.push(filler), "pre-cycle push");
            require(deque.steal(into) == StealResult.SUCCESS && into.take() == filler, "pre-cycle steal");
            require(deque.pop() == filler, "pre-cycle pop (last-element CAS)");
        }
        require(deque.push(filler), "pre-cycle push");
        require(deque.steal(into) == StealResult.SUCCESS && into.take() == filler, "pre-cycle steal");
        require(deque.approximateSize() == 0, "pre-cycle leaves the deque empty");
        require(deque.push(new Task(1)) && deque.push(new Task(2)), "two pushes into an empty deque of capacity 2");
        require(!deque.push(filler), "a third push into a full deque of capacity 2 must return false");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("set-up failed: " + what);
        }
    }

    @Actor
    public void owner(IIII_Result r) {
        r.r1 = Codes.taken(deque.pop());
        r.r2 = Codes.taken(deque.pop());
    }

    @Actor
    public void thief(IIII_Result r) {
        r.r3 = Codes.stolen(deque.steal(into), into.take());
    }

    @Arbiter
    public void after(IIII_Result r) {
        r.r4 = deque.approximateSize();
    }
}
