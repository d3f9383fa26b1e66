package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.ChaseLevDeque;
import org.ecsched.scheduler.deque.Stolen;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Rule: the owner's {@code pop} and a thief's {@code steal} racing for the deque's only task take it exactly once.
 *
 * <p>The race. The deque holds one task (index 0; top = 0, bottom = 1). The owner pops: it lowers bottom to 0,
 * fences, reads top = 0 and, since t == b, competes for index 0 with a CAS of top from 0 to 1. The thief reads top,
 * fences, reads bottom; if it still sees bottom = 1 it CASes top from 0 to 1 as well. The single CAS on top decides;
 * the loser must report failure (the owner null, the thief RETRY), or the thief must see the lowered bottom (EMPTY).
 * This is the textbook last-element race of Chase and Lev; the CAS in pop's t == b branch is what arbitrates it.
 * (It is not the race that needs pop's full fence: see {@link Deque_02_PopVsTwoStealsStoreLoad} for that one.)
 *
 * <p>Outcome {@code r1, r2, r3}: r1 = what the owner's pop got, r2 = what the thief's steal got (see {@link Codes}:
 * 1 = the task, 0 = null/EMPTY, -1 = RETRY), r3 = tasks left in the deque afterwards (must be 0).
 *
 * <p>If this fails, check: pop's t == b branch really CASes top (and returns null when the CAS fails); the steal
 * returns SUCCESS only after its own CAS succeeded; pop restores bottom = b + 1 on both paths.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_01_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "The owner popped the task; the thief saw the deque empty.")
@Outcome(id = "1, -1, 0", expect = ACCEPTABLE, desc = "The owner popped the task; the thief saw it but lost the CAS (RETRY).")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "The thief stole the task; the owner lost the CAS and popped null.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both took the task: it would run twice.")
@Outcome(id = "0, (0|-1), .*", expect = FORBIDDEN, desc = "Neither took the task: it is lost.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a wrong task, a nonsense result, or tasks left behind.")
@State
public class Deque_01_PopVsStealLastElement {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into = new Stolen<>();

    public Deque_01_PopVsStealLastElement() {
        deque.push(new Task(1));     // the owner's role passes to the owner actor through jcstress's hand-off
    }

    @Actor
    public void owner(III_Result r) {
        r.r1 = Codes.taken(deque.pop());
    }

    @Actor
    public void thief(III_Result r) {
        r.r2 = Codes.stolen(deque.steal(into), into.take());
    }

    @Arbiter
    public void after(III_Result r) {
        r.r3 = deque.approximateSize();   // both actors are done: the snapshot is exact
    }
}
