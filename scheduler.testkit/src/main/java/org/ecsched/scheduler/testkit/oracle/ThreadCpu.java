package org.ecsched.scheduler.testkit.oracle;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time threads use over a window of wall-clock time, from {@link ThreadMXBean#getThreadCpuTime}: the
 * measure of an idle backend (rule 5.10). Usage is always a difference over time, never a reading of thread
 * states at one instant (a spinning thread is RUNNABLE, but so is one that happened to be woken).
 */
public final class ThreadCpu {

    /** How often a window is sampled, so that a thread that ends inside it still counts up to its last sample. */
    private static final long SAMPLE_NANOS = 50_000_000L;

    private ThreadCpu() {
    }

    /**
     * Whether this JVM measures the CPU time of other threads; turns the measurement on if it is supported but
     * off.
     *
     * @return false if it is unsupported or cannot be turned on
     */
    public static boolean supported() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return false;
        }
        try {
            if (!mx.isThreadCpuTimeEnabled()) {
                mx.setThreadCpuTimeEnabled(true);
            }
            return mx.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Measures {@code threads} over {@code window}, on the calling thread (which should not be one of them): reads
     * each thread's CPU time at the start, every 50 ms, and at the end. A thread that ends inside the window counts
     * up to its last reading. Call only when {@link #supported()}.
     *
     * @param threads the threads to measure
     * @param window  how long to measure
     * @return each thread's CPU time over the window
     */
    public static Usage measure(List<Thread> threads, Duration window) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int n = threads.size();
        long[] first = new long[n];
        long[] last = new long[n];
        for (int i = 0; i < n; i++) {
            first[i] = mx.getThreadCpuTime(threads.get(i).getId()); // -1: already ended
            last[i] = first[i];
        }
        long start = System.nanoTime();
        long end = start + window.toNanos();
        for (long now = start; end - now > 0; now = System.nanoTime()) {
            LockSupport.parkNanos(Math.min(SAMPLE_NANOS, end - now));
            for (int i = 0; i < n; i++) {
                long cpu = mx.getThreadCpuTime(threads.get(i).getId());
                if (cpu >= 0) {
                    last[i] = cpu;
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        List<PerThread> per = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long used = first[i] < 0 ? 0 : last[i] - first[i];
            per.add(new PerThread(threads.get(i).getName(), used));
        }
        per.sort(Comparator.comparingLong(PerThread::cpuNanos).reversed());
        return new Usage(Duration.ofNanos(elapsed), List.copyOf(per));
    }

    /**
     * One thread's CPU time over the window.
     *
     * @param name     the thread's name
     * @param cpuNanos the CPU time it used in the window, in nanoseconds
     */
    public record PerThread(String name, long cpuNanos) {
    }

    /**
     * What {@link #measure} saw: the window's actual length and each thread's CPU time in it, busiest first.
     *
     * @param window  the wall-clock time measured
     * @param threads per thread, busiest first
     */
    public record Usage(Duration window, List<PerThread> threads) {

        /** {@return the CPU time of all the threads together} */
        public long totalCpuNanos() {
            return threads.stream().mapToLong(PerThread::cpuNanos).sum();
        }

        /** {@return the CPU time of all the threads as a share of one core over the window} */
        public double shareOfOneCore() {
            return (double) totalCpuNanos() / Math.max(1, window.toNanos());
        }

        /** {@return one line per thread: name and CPU milliseconds over the window} */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (PerThread t : threads) {
                sb.append(String.format(Locale.ROOT, "%n  '%s' %.1f ms", t.name(), t.cpuNanos() / 1e6));
            }
            return sb.toString();
        }
    }
}
