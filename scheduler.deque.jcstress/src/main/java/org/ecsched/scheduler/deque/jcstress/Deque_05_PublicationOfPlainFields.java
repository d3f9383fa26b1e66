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
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * Rule: everything the owner wrote to a task before pushing it is visible to the thief that steals it (push
 * publishes the task: plain slot store, then a release store of bottom; the thief loads bottom with acquire).
 *
 * <p>The race. The task object already exists (allocated with zero fields before the race, so the zeroes are
 * visible to both threads). The owner writes its four plain int fields a..d = 1, 2, 3, 4 and pushes it into the
 * empty deque; the thief steals at the same time and, if it gets the task, reads the four fields. If the release
 * of bottom (or the acquire in the thief) were missing or weaker, the compiler or the CPU could let the thief see
 * the new bottom, and so the task, while some of the field writes are still invisible: it would run a half-built
 * task. (On x86 the hardware keeps stores in order, so only a compiler reordering can show this there; on ARM and
 * POWER the hardware can too.)
 *
 * <p>Outcome {@code r1, r2, r3, r4, r5}: r1 = the steal's result (1 = SUCCESS, 0 = EMPTY, -1 = RETRY), r2..r5 =
 * the fields a..d the thief read from the stolen task (-1 when it got none).
 *
 * <p>If this fails, check: push's store of bottom is a release (or stronger) store and comes after the slot
 * store; steal loads bottom with acquire (or stronger) before it reads the slot; the slot is read after bottom.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_05_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "0, -1, -1, -1, -1", expect = ACCEPTABLE, desc = "The thief looked before the push: EMPTY.")
@Outcome(id = "1, 1, 2, 3, 4", expect = ACCEPTABLE, desc = "The thief stole the task and saw all four fields written.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "The thief stole a partially written task (some field still 0).")
@Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "RETRY with no competitor: the thief saw bottom move but not the slot.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class Deque_05_PublicationOfPlainFields {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into = new Stolen<>();
    private final Task task = new Task();

    @Actor
    public void owner() {
        Task t = task;
        t.a = 1;                      // plain stores, published only by push
        t.b = 2;
        t.c = 3;
        t.d = 4;
        deque.push(t);
    }

    @Actor
    public void thief(IIIII_Result r) {
        StealResult result = deque.steal(into);
        Task t = into.take();
        r.r1 = Codes.result(result);
        if (t == null) {
            r.r2 = r.r3 = r.r4 = r.r5 = -1;
        } else {
            r.r2 = t.a;
            r.r3 = t.b;
            r.r4 = t.c;
            r.r5 = t.d;
        }
    }
}
