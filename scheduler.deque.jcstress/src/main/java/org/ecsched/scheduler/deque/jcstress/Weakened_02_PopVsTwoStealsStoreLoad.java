package org.ecsched.scheduler.deque.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * {@link Deque_02_PopVsTwoStealsStoreLoad} (the owner pops once while a thief steals twice from a deque of two
 * tasks), run against {@link WeakenedChaseLevDeque}, whose pop lacks the full fence. NOT part of the CI run.
 *
 * <p>Expected result: FAILS, with the FORBIDDEN outcome {@code 2, 1, 2, -1}: the owner took task 2 without a CAS
 * (it read a stale top = 0 while its store of bottom = 1 sat in its store buffer) and the thief's second steal,
 * reading the stale bottom = 2, took task 2 as well; afterwards bottom = 1 &lt; top = 2 (size -1). Less often
 * {@code 0, 1, 2, -1}: the same double claim, but the owner read slot 1 after the thief had cleared it. The class
 * comment of {@link WeakenedChaseLevDeque} walks through the interleaving. jcstress exits with status 1, so the
 * Maven run of it fails the build, as intended.
 *
 * <p>Outcome {@code r1, r2, r3, r4}: the owner's pop, the thief's first and second steal (task id, 0 =
 * null/EMPTY, -1 = RETRY), tasks left afterwards (as in Deque_02).
 *
 * <p>Run (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Weakened_02_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "Owner took task 2 (without a CAS); the thief's second steal saw EMPTY.")
@Outcome(id = "2, 1, -1, 0", expect = ACCEPTABLE, desc = "Both aimed at task 2; the owner won the CAS, the thief got RETRY.")
@Outcome(id = "0, 1, 2, 0", expect = ACCEPTABLE, desc = "Both aimed at task 2; the thief won the CAS, the owner popped null.")
@Outcome(id = "2, 1, 2, .*", expect = FORBIDDEN, desc = "Task 2 taken twice: the StoreLoad fence in pop is missing.")
@Outcome(id = "0, 1, 2, -1", expect = FORBIDDEN, desc = "Index 1 claimed twice: the owner took it without a CAS but "
        + "found the slot already cleared by the thief; bottom < top now (the deque is corrupt).")
@Outcome(id = "0, 1, (0|-1), .*", expect = FORBIDDEN, desc = "Task 2 lost: nobody took it.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class Weakened_02_PopVsTwoStealsStoreLoad {

    private final WeakenedChaseLevDeque<Task> deque = new WeakenedChaseLevDeque<>(4);
    private final WeakenedChaseLevDeque.Cell<Task> into = new WeakenedChaseLevDeque.Cell<>();

    public Weakened_02_PopVsTwoStealsStoreLoad() {
        deque.push(new Task(1));
        deque.push(new Task(2));
    }

    @Actor
    public void owner(IIII_Result r) {
        r.r1 = Codes.taken(deque.pop());
    }

    @Actor
    public void thief(IIII_Result r) {
        r.r2 = Codes.stolen(deque.steal(into), into.take());
        r.r3 = Codes.stolen(deque.steal(into), into.take());
    }

    @Arbiter
    public void after(IIII_Result r) {
        r.r4 = deque.size();
    }
}
