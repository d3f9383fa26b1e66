package org.ecsched.scheduler.workstealing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of a set of threads over a window: a resource claim measured over time, never read off one instant's
 * thread states (a worker that was unparked but not yet scheduled still shows WAITING).
 */
final class ThreadCpu {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** Live threads whose name starts with {@code prefix}. */
    static List<Thread> named(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    /** Each thread's CPU nanoseconds over {@code windowMillis}, by thread name (0 for a thread that ended). */
    static Map<String, Long> over(List<Thread> threads, long windowMillis) {
        if (!MX.isThreadCpuTimeSupported()) {
            throw new org.opentest4j.TestAbortedException("this JVM does not measure thread CPU time");
        }
        if (!MX.isThreadCpuTimeEnabled()) {
            MX.setThreadCpuTimeEnabled(true);
        }
        long[] before = new long[threads.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = MX.getThreadCpuTime(threads.get(i).getId());
        }
        sleep(windowMillis);
        Map<String, Long> used = new LinkedHashMap<>();
        for (int i = 0; i < before.length; i++) {
            long after = MX.getThreadCpuTime(threads.get(i).getId());
            used.put(threads.get(i).getName(), after < 0 || before[i] < 0 ? 0 : after - before[i]);
        }
        return used;
    }

    static long sum(Map<String, Long> perThread) {
        return perThread.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sleeps the whole time, whatever interrupts arrive (restoring the flag). */
    static void sleep(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
