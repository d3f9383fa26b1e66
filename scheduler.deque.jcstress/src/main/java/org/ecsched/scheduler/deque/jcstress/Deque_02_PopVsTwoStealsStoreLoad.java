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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Rule: when pop takes index b without a CAS (it saw top &lt; b), no thief can take index b: the full fence
 * between pop's store of bottom and its load of top (Lê et al., PPoPP 2013) makes the two sides see each other.
 *
 * <p>The race, the store-buffering (Dekker) shape. The deque holds tasks 1 and 2 (indices 0 and 1; top = 0,
 * bottom = 2). The owner pops once: it stores bottom = 1, fences, loads top. The thief steals twice: the first
 * steal CASes top from 0 to 1 (task 1, nobody else wants index 0); the second loads top = 1, fences, loads bottom.
 * <ul>
 *   <li>Owner's fence first: the thief's second steal sees bottom = 1 = top: EMPTY.</li>
 *   <li>Thief's fence first: the owner sees top = 1 = b and CASes for index 1 against the thief; one wins.</li>
 * </ul>
 * Without pop's fence both loads may read the old values (the owner's bottom store still sits in its store
 * buffer while it loads top; x86 allows this StoreLoad reordering): the owner sees top = 0 &lt; 1 and takes task 2
 * without a CAS, the thief sees bottom = 2 &gt; 1 and CASes top from 1 to 2, taking task 2 as well. That is the
 * FORBIDDEN {@code 2, 1, 2, -1} (the arbiter then finds bottom = 1 below top = 2, size -1). A variant of the same
 * double claim is {@code 0, 1, 2, -1}: the owner read the stale top but found slot 1 already cleared by the thief,
 * so it returned null, yet it still left bottom below top. {@link Weakened_02_PopVsTwoStealsStoreLoad} runs this same test against
 * {@link WeakenedChaseLevDeque}, which lacks the fence, and is expected to observe it.
 *
 * <p>Outcome {@code r1, r2, r3, r4}: r1 = the owner's pop, r2 = the thief's first steal, r3 = its second steal
 * (task id, 0 = null/EMPTY, -1 = RETRY, see {@link Codes}), r4 = tasks left in the deque afterwards.
 *
 * <p>If this fails, check: pop has a full fence (not a release or acquire) between its bottom store and its top
 * load; steal has a full fence between its top load and its bottom load; steal's bottom load is not hoisted above
 * its fence.
 *
 * <p>Run alone (from the repository root, after {@code mvn -B -pl scheduler.deque.jcstress -am package}):
 * <pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_02_ -m quick</pre>
 */
@JCStressTest
@Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "Owner took task 2 (without a CAS); the thief's second steal saw EMPTY.")
@Outcome(id = "2, 1, -1, 0", expect = ACCEPTABLE, desc = "Both aimed at task 2; the owner won the CAS, the thief got RETRY.")
@Outcome(id = "0, 1, 2, 0", expect = ACCEPTABLE, desc = "Both aimed at task 2; the thief won the CAS, the owner popped null.")
@Outcome(id = "2, 1, 2, .*", expect = FORBIDDEN, desc = "Task 2 taken twice: the StoreLoad fence in pop is missing.")
@Outcome(id = "0, 1, 2, -1", expect = FORBIDDEN, desc = "Index 1 claimed twice: the owner took it without a CAS but "
        + "found the slot already cleared by the thief; bottom < top now (the deque is corrupt).")
@Outcome(id = "0, 1, (0|-1), .*", expect = FORBIDDEN, desc = "Task 2 lost: nobody took it.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: task 1 not stolen, a wrong task, nonsense, or tasks left behind.")
@State
public class Deque_02_PopVsTwoStealsStoreLoad {

    private final ChaseLevDeque<Task> deque = new ChaseLevDeque<>(4);
    private final Stolen<Task> into = new Stolen<>();

    public Deque_02_PopVsTwoStealsStoreLoad() {
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
        r.r4 = deque.approximateSize();
    }
}
