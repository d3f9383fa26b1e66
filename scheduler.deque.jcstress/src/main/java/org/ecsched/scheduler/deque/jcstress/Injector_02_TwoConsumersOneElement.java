package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.Injector;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Rule: two consumers polling an injector that holds one task get it exactly once; the other gets null.
 *
 * <p>The race. The injector (capacity 2) holds task 1 at position 0. Both consumers read the dequeue position 0,
 * find cell 0 full for position 0 and CAS the position from 0 to 1; one wins and empties the cell, the other
 * re-reads the position (1), finds cell 1 not yet filled for position 1 and returns null. The injector's CAS on
 * the dequeue position is relaxed (a plain weak CAS): only its atomicity decides the winner, and the element read
 * is ordered by the acquire of the cell's sequence number, which this test also covers.
 *
 * <p>Outcome {@code r1, r2, r3}: what consumer 1 and consumer 2 polled (1 = the task, 0 = null), and the number of
 * tasks the arbiter could still poll afterwards (must be 0).
 *
 * <p>If this fails, check: the consumer claims with a CAS of the dequeue position (not a store); a failed or
 * spurious CAS failure leads to a re-read of the position, not to reading the cell; "empty" requires the cell's
 * sequence to be behind position + 1.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Injector_02_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "Exactly one consumer got the task.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both consumers got the task.")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "Neither consumer got the task.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class Injector_02_TwoConsumersOneElement {

    private final Injector<Task> injector = new Injector<>(2);

    public Injector_02_TwoConsumersOneElement() {
        injector.offer(new Task(1));
    }

    @Actor
    public void consumer1(III_Result r) {
        r.r1 = Codes.taken(injector.poll());
    }

    @Actor
    public void consumer2(III_Result r) {
        r.r2 = Codes.taken(injector.poll());
    }

    @Arbiter
    public void after(III_Result r) {
        int left = 0;
        while (injector.poll() != null) {
            left++;
        }
        r.r3 = left;
    }
}
