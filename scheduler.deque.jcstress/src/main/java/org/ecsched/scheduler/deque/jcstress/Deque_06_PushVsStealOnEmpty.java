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
 * Rule: a thief racing a push into an empty deque sees either nothing (EMPTY) or the complete task, including the
 * writes of the task's constructor.
 *
 * <p>The race. The deque is empty. The owner allocates a new task with plain fields (id 1, payload 10, 20, 30,
 * 40, all written in the constructor) and pushes it; the thief steals at the same time. Unlike
 * {@link Deque_05_PublicationOfPlainFields} the object itself is new: the thief must see its header and zeroed
 * memory as well as the constructor's stores, all through push's release store of bottom and its own acquire
 * load. A thief that saw bottom = 1 but a stale slot would read null (RETRY with no competitor) or, worse, an
 * object whose fields are still 0.
 *
 * <p>Outcome {@code r1, r2, r3, r4, r5, r6}: r1 = the steal's result (1 = SUCCESS, 0 = EMPTY, -1 = RETRY),
 * r2 = the stolen task's id, r3..r6 = its payload (all -1 when the thief got nothing).
 *
 * <p>If this fails, check: push stores the slot before bottom and stores bottom with release; steal loads bottom
 * with acquire and only then reads the slot.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_06_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "0, -1, -1, -1, -1, -1", expect = ACCEPTABLE, desc = "The thief looked before the push: EMPTY.")
@Outcome(id = "1, 1, 10, 20, 30, 40", expect = ACCEPTABLE, desc = "The thief stole the complete task.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "The thief stole a task whose constructor's writes it cannot see.")
@Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "RETRY with no competitor: the thief saw bottom move but not the slot.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class Deque_06_PushVsStealOnEmpty {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into = new Stolen<>();

    @Actor
    public void owner() {
        deque.push(new Task(1, 10, 20, 30, 40));
    }

    @Actor
    public void thief(IIIIII_Result r) {
        StealResult result = deque.steal(into);
        Task t = into.take();
        r.r1 = Codes.result(result);
        if (t == null) {
            r.r2 = r.r3 = r.r4 = r.r5 = r.r6 = -1;
        } else {
            r.r2 = t.id;
            r.r3 = t.a;
            r.r4 = t.b;
            r.r5 = t.c;
            r.r6 = t.d;
        }
    }
}
