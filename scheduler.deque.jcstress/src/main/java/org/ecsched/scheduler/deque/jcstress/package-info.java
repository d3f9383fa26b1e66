/**
 * jcstress tests of the Chase-Lev deque and the injector of {@code org.ecsched.scheduler.deque}: each test is one
 * race, run millions of times in fresh JVMs under several compilers, and graded by the outcomes it declares
 * ACCEPTABLE, ACCEPTABLE_INTERESTING or FORBIDDEN. jcstress exits with status 1 when any FORBIDDEN outcome is
 * seen, which fails the Maven build.
 *
 * <h2>The tests</h2>
 * <table>
 *   <caption>One race per test; the test's class comment explains it and gives the command to run it alone</caption>
 *   <tr><th>test</th><th>rule</th></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_01_PopVsStealLastElement}</td>
 *       <td>pop and steal on the only task: exactly one gets it (the t == b CAS)</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_02_PopVsTwoStealsStoreLoad}</td>
 *       <td>pop without a CAS never meets a thief at the same index (pop's StoreLoad fence)</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_03_TwoThievesOneElement}</td>
 *       <td>two thieves, one task: one SUCCESS, the other EMPTY or RETRY</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_04_BatchStealVsPop}</td>
 *       <td>stealBatchAndPop against pops: every task exactly once, at most half moved</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_05_PublicationOfPlainFields}</td>
 *       <td>plain fields written before push are seen by the thief</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_06_PushVsStealOnEmpty}</td>
 *       <td>push against steal on an empty deque: nothing or the complete new task</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_07_PushVsTwoStealsNearEmpty}</td>
 *       <td>push against a thief draining a near-empty deque: nothing or the complete new task</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Deque_08_WrapAroundPopVsStealLastElement}</td>
 *       <td>capacity 2 after several laps: the last-element race across the wrap</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Injector_01_TwoProducersOneConsumer}</td>
 *       <td>two producers (one also consumes): each task polled exactly once</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Injector_02_TwoConsumersOneElement}</td>
 *       <td>two consumers, one task: exactly one gets it</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Injector_03_PollBatchVsPoll}</td>
 *       <td>pollBatch against poll: every task exactly once, batch within its limit</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Weakened_01_PopVsStealLastElement}</td>
 *       <td>Deque_01 on {@link org.ecsched.scheduler.deque.jcstress.WeakenedChaseLevDeque}; passes (the CAS
 *       arbitrates a single task even without the fence); not in CI</td></tr>
 *   <tr><td>{@link org.ecsched.scheduler.deque.jcstress.Weakened_02_PopVsTwoStealsStoreLoad}</td>
 *       <td>Deque_02 on the weakened deque; expected to FAIL (double take); not in CI</td></tr>
 * </table>
 * Every test has at most two actors: jcstress gives each actor its own CPU and does not run a test with more
 * actors than CPUs, and the machines this suite must pass on have two. Outcomes use one encoding throughout
 * ({@link org.ecsched.scheduler.deque.jcstress.Codes}): a task id for a task taken, 0 for null or EMPTY, -1 for
 * RETRY; masks of {@code 1 << (id - 1)} where a test checks "exactly once".
 *
 * <h2>Commands</h2>
 * (From the repository root. {@code -am} builds {@code scheduler.deque} first; {@code -DskipTests} skips its unit
 * tests, not jcstress.)
 * <dl>
 *   <dt>Bounded run (CI; part of every {@code mvn verify}; measured on 2 cores: 1.5 minutes with JDK 17, 1 minute
 *       with JDK 25, compilation included)</dt>
 *   <dd><pre>mvn -B -pl scheduler.deque.jcstress -am verify -DskipTests</pre>
 *       Runs the Deque_* and Injector_* tests in jcstress's {@code quick} mode with one JVM configuration (C2
 *       randomizers StressLCM/GCM/IGVN/CCP on), no split compilation, 3 iterations of 200 ms per test: the
 *       {@code jcstress.args} default in the pom. Skip it with {@code -Djcstress.skip=true}.</dd>
 *   <dt>Long run (all of jcstress's JVM configurations and split per-actor compilation: interpreter, C1 and C2 in
 *       every combination; 308 forks, measured 14 minutes on 2 cores with JDK 17)</dt>
 *   <dd><pre>mvn -B -pl scheduler.deque.jcstress -am verify -DskipTests -Djcstress.mode=quick -Djcstress.args=</pre>
 *       For release qualification use {@code -Djcstress.mode=default} (five times the forks, 1 s iterations;
 *       well over an hour) or {@code tough}.</dd>
 *   <dt>The weakened variant (expected to FAIL the build with "Observed forbidden state: 2, 1, 2, -1")</dt>
 *   <dd><pre>mvn -B -pl scheduler.deque.jcstress -am verify -DskipTests -Djcstress.tests=Weakened</pre></dd>
 *   <dt>One test, straight from the jar (after any of the above, or {@code -Djcstress.skip=true})</dt>
 *   <dd><pre>cd scheduler.deque.jcstress/target &amp;&amp; java -jar jcstress.jar -t Deque_02_ -m quick</pre>
 *       {@code -t} is a regular expression searched in the class name. jcstress writes its binary log and its
 *       {@code results/} folder into the current folder, hence the {@code cd}.</dd>
 * </dl>
 * The Maven runs write the HTML report to {@code scheduler.deque.jcstress/target/jcstress-results/index.html};
 * {@code -Djcstress.args="... -v"} also prints every test's outcome table to the console. {@code README.md} in the
 * module folder has the measured timings and outcome counts.
 */
package org.ecsched.scheduler.deque.jcstress;
