package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The queues allocate nothing per operation: push, pop, steal, stealBatchAndPop, offer, poll and pollBatch, run a
 * few hundred thousand times, must not raise the thread's allocated-bytes counter beyond the measurement's own
 * noise. The counter is HotSpot's {@code com.sun.management.ThreadMXBean}, reached by reflection because this
 * module does not read {@code java.management}; the test is skipped on a JVM without it.
 */
class AllocationFreeTest {

    private static final int ROUNDS = 20_000;

    @Test
    void noOperationAllocates() throws Exception {
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean").invoke(null);
        Class<?> hotspotBean;
        try {
            hotspotBean = Class.forName("com.sun.management.ThreadMXBean");
        } catch (ClassNotFoundException e) {
            hotspotBean = null;
        }
        assumeTrue(hotspotBean != null && hotspotBean.isInstance(threads), "no per-thread allocation counter");
        Method allocatedBytes = hotspotBean.getMethod("getCurrentThreadAllocatedBytes");

        ChaseLevDeque<Integer> deque = new ChaseLevDeque<>(64);
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(64);
        Injector<Integer> injector = new Injector<>(64);
        Stolen<Integer> cell = new Stolen<>();
        Integer[] tasks = new Integer[48];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = 1000 + i;                             // boxed once, here
        }
        Runnable workload = () -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (Integer task : tasks) {
                    deque.push(task);
                    injector.offer(task);
                }
                deque.steal(cell);
                cell.take();
                deque.stealBatchAndPop(mine, 8, cell);
                cell.take();
                injector.poll();
                injector.pollBatch(mine, 8);
                while (deque.pop() != null || mine.pop() != null || injector.poll() != null) {
                    deque.approximateSize();
                }
            }
        };
        for (int warmUp = 0; warmUp < 5; warmUp++) {        // class loading and first calls of Method.invoke
            workload.run();
            allocatedBytes.invoke(threads);
        }
        long baseline = measure(allocatedBytes, threads, () -> { });
        long workloadBytes = measure(allocatedBytes, threads, workload);
        long operations = (long) ROUNDS * (2 * tasks.length + 6 + 2 * tasks.length);
        assertThat(workloadBytes - baseline)
                .as("bytes allocated by about %,d operations (baseline %d)", operations, baseline)
                .isLessThan(1024);
    }

    private static long measure(Method allocatedBytes, Object threads, Runnable action) throws Exception {
        long before = (Long) allocatedBytes.invoke(threads);
        action.run();
        return (Long) allocatedBytes.invoke(threads) - before;
    }
}
