package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link Deque_01_PopVsStealLastElement} (pop against steal on the only task), run against
 * {@link WeakenedChaseLevDeque}, whose pop lacks the full fence. NOT part of the CI run.
 *
 * <p>Expected result: PASSES, even though the deque is broken. With one task the owner's decremented bottom is
 * b = 0; whatever stale top it reads, it cannot be below 0, so the owner always takes the t == b branch and CASes
 * top, and the CAS arbitrates the race with or without the fence. This test is here to show that the one-element
 * race, although it is the classic "last element" picture, cannot detect the missing fence; the race that can is
 * {@link Weakened_02_PopVsTwoStealsStoreLoad} (and, on the real deque, {@link Deque_02_PopVsTwoStealsStoreLoad}).
 *
 * <p>Outcome {@code r1, r2, r3}: the owner's pop, the thief's steal, tasks left (as in Deque_01).
 *
 * <p>Run (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Weakened_01_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "The owner popped the task; the thief saw the deque empty.")
@Outcome(id = "1, -1, 0", expect = ACCEPTABLE, desc = "The owner popped the task; the thief lost the CAS (RETRY).")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "The thief stole the task; the owner lost the CAS.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both took the task.")
@Outcome(id = "0, (0|-1), .*", expect = FORBIDDEN, desc = "Neither took the task.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class Weakened_01_PopVsStealLastElement {

    private final WeakenedChaseLevDeque<Task> deque = new WeakenedChaseLevDeque<>(4);
    private final WeakenedChaseLevDeque.Cell<Task> into = new WeakenedChaseLevDeque.Cell<>();

    public Weakened_01_PopVsStealLastElement() {
        deque.push(new Task(1));
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
        r.r3 = deque.size();
    }
}
