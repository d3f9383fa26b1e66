package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.ecsched.scheduler.deque.Injector;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * Rule: tasks offered concurrently by two producers are each polled exactly once, complete, and a full-capacity
 * burst into an empty injector never reports "full".
 *
 * <p>The race. The injector (capacity 2) is empty. Producer A offers task 1. Producer B offers task 2 and then
 * polls once: it is the consumer too, because jcstress runs one actor per CPU and the machines this suite must
 * pass on have two, so a third actor would never be scheduled. Both producers compete for position 0 with a CAS
 * of the enqueue position; the loser takes position 1. B's poll competes with A's offer on whichever cell is
 * first. Afterwards the arbiter drains what is left.
 *
 * <p>The interesting case: B's poll may return null although B's own offer has completed. That happens when A
 * won position 0 but has not yet stored the cell's "full" sequence number: the consumer must wait at position 0
 * and, not being allowed to skip it, reports empty. It is the documented non-linearizable corner of Vyukov's
 * bounded queue (the injector's class comment, "Progress"); nothing is lost, the arbiter finds both tasks.
 *
 * <p>Outcome {@code r1, r2, r3, r4, r5}: r1, r2 = whether A's and B's offers succeeded (1/0), r3 = the task B's
 * poll got (id, 0 = null), r4 = mask of the tasks the arbiter drained afterwards (task 1 = 1, task 2 = 2),
 * r5 = the payload sum of every task polled (10 per task: each task carries a = 10, written before offer).
 *
 * <p>If this fails, check: the producers claim positions with a CAS and re-read the position after losing;
 * "full" is reported only when the cell's sequence is behind the position (dif &lt; 0); the consumer reads the
 * element only after an acquire load of the sequence; the cell's sequence is released after the element store.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Injector_01_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 2, 20", expect = ACCEPTABLE, desc = "B polled A's task 1; task 2 was left for the arbiter.")
@Outcome(id = "1, 1, 2, 1, 20", expect = ACCEPTABLE, desc = "B polled its own task 2; task 1 was left for the arbiter.")
@Outcome(id = "1, 1, 0, 3, 20", expect = ACCEPTABLE_INTERESTING,
        desc = "B's poll saw empty although its own offer had completed: A held position 0 and had not yet filled it "
                + "(Vyukov's queue waits at a claimed cell); both tasks were still there afterwards.")
@Outcome(id = "1, 1, (1, 1|2, 2), .*", expect = FORBIDDEN, desc = "A task polled twice (by B and by the arbiter).")
@Outcome(id = "(0, .|., 0), .*", expect = FORBIDDEN, desc = "An offer into a queue with room reported full.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a task lost, or polled without its payload.")
@State
public class Injector_01_TwoProducersOneConsumer {

    private final Injector<Task> injector = new Injector<>(2);

    @Actor
    public void producerA(IIIII_Result r) {
        r.r1 = injector.offer(new Task(1, 10, 0, 0, 0)) ? 1 : 0;
    }

    @Actor
    public void producerBThenConsumer(IIIII_Result r) {
        r.r2 = injector.offer(new Task(2, 10, 0, 0, 0)) ? 1 : 0;
        Task t = injector.poll();
        r.r3 = Codes.taken(t);
        r.r5 = t == null ? 0 : t.a;
    }

    @Arbiter
    public void after(IIIII_Result r) {
        int mask = 0;
        Task t;
        while ((t = injector.poll()) != null) {
            mask |= t.bit();
            r.r5 += t.a;
        }
        r.r4 = mask;
    }
}
