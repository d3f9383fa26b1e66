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
 * Rule: two thieves racing for the only task take it exactly once; the loser reports EMPTY or RETRY, never
 * SUCCESS.
 *
 * <p>The race. The deque holds one task (top = 0, bottom = 1); the owner does nothing. Both thieves read top = 0
 * and bottom = 1 and CAS top from 0 to 1; exactly one CAS succeeds. The loser either saw top = 1 already
 * (EMPTY), or read the slot after the winner cleared it, or failed its CAS (both RETRY). Each thief has its own
 * {@link Stolen} cell, as in a real pool.
 *
 * <p>Outcome {@code r1, r2, r3}: what thief 1 and thief 2 got (1 = the task, 0 = EMPTY, -1 = RETRY, see
 * {@link Codes}), and the tasks left afterwards (must be 0).
 *
 * <p>If this fails, check: steal claims with a CAS on top (not a plain store of t + 1); a steal that read a null
 * slot returns RETRY rather than SUCCESS; the winner clears the slot only after its CAS.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_03_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "One thief stole it; the other saw the deque already empty.")
@Outcome(id = {"1, -1, 0", "-1, 1, 0"}, expect = ACCEPTABLE, desc = "One thief stole it; the other saw it but lost the race (RETRY).")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both thieves got the task: it would run twice.")
@Outcome(id = "(0|-1), (0|-1), .*", expect = FORBIDDEN, desc = "Neither thief got the task, and it is not in the deque either.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a wrong task, nonsense, or tasks left behind.")
@State
public class Deque_03_TwoThievesOneElement {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into1 = new Stolen<>();
    private final Stolen<Task> into2 = new Stolen<>();

    public Deque_03_TwoThievesOneElement() {
        deque.push(new Task(1));
    }

    @Actor
    public void thief1(III_Result r) {
        r.r1 = Codes.stolen(deque.steal(into1), into1.take());
    }

    @Actor
    public void thief2(III_Result r) {
        r.r2 = Codes.stolen(deque.steal(into2), into2.take());
    }

    @Arbiter
    public void after(III_Result r) {
        r.r3 = deque.approximateSize();
    }
}
