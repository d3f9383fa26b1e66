package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.StealResult;
import org.ecsched.scheduler.deque.Stolen;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIIII_Result;

/**
 * Rule: on a near-empty deque, a thief that steals the last old task and then comes back while the owner pushes a
 * new one sees either nothing or the complete new task; the old task is stolen exactly as pushed.
 *
 * <p>The race. The deque holds task 1 (top = 0, bottom = 1). The owner pushes task 2 (allocated in the owner, with
 * payload 10, 20, 30, 40 written by its constructor) into index 1 while the thief steals twice: the first steal
 * takes task 1 and moves top to 1, so the second steal asks exactly whether index 1 has been published yet. This is
 * the steady state of a busy pool (a thief drains the last task and the owner refills behind it), and it puts the
 * thief's reads of bottom and of slot 1 right against the owner's writes to them.
 *
 * <p>Outcome {@code r1, r2, r3, r4, r5, r6}: r1 = the first steal (1 = task 1), r2 = the second steal's result
 * (1 = SUCCESS, 0 = EMPTY, -1 = RETRY), r3 = the id of the task it got, r4..r6 = that task's payload a..c
 * (-1 for all when it got nothing).
 *
 * <p>If this fails, check: push's release store of bottom comes after its slot store; steal's acquire load of
 * bottom comes before its slot read; push never writes a slot a thief may still be reading (it checks the slot
 * is null first).
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_07_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, -1, -1, -1, -1", expect = ACCEPTABLE, desc = "Task 1 stolen; the second steal came before the push: EMPTY.")
@Outcome(id = "1, 1, 2, 10, 20, 30", expect = ACCEPTABLE, desc = "Task 1 stolen, then the complete task 2.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "The second steal got task 2 without all of its constructor's writes.")
@Outcome(id = "1, -1, .*", expect = FORBIDDEN, desc = "RETRY with no competitor: the thief saw bottom move but not the slot.")
@Outcome(expect = FORBIDDEN, desc = "Anything else (task 1 not stolen first, a wrong task, nonsense).")
@State
public class Deque_07_PushVsTwoStealsNearEmpty {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into = new Stolen<>();

    public Deque_07_PushVsTwoStealsNearEmpty() {
        deque.push(new Task(1));
    }

    @Actor
    public void owner() {
        deque.push(new Task(2, 10, 20, 30, 40));
    }

    @Actor
    public void thief(IIIIII_Result r) {
        r.r1 = Codes.stolen(deque.steal(into), into.take());
        StealResult second = deque.steal(into);
        Task t = into.take();
        r.r2 = Codes.result(second);
        if (t == null) {
            r.r3 = r.r4 = r.r5 = r.r6 = -1;
        } else {
            r.r3 = t.id;
            r.r4 = t.a;
            r.r5 = t.b;
            r.r6 = t.c;
        }
    }
}
