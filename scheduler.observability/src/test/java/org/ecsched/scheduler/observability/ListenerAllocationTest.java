package org.ecsched.scheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * Rules: recording a trace event allocates nothing once the recorder exists, and the JFR listener allocates
 * nothing while no recording enables its events. Measured with the JVM's per-thread allocation counter around
 * 100,000 callbacks made on this thread as "worker 0". No JIT help is needed for a zero: the interpreter allocates
 * exactly where the code says {@code new}. (Run-time cost is for JMH, not for this test.)
 */
class ListenerAllocationTest {

    private static final Plan<Object> PLAN = Phase.named("p").add(SystemSpec.named("s").runs(ctx -> { })).compile();
    /** getThreadAllocatedBytes itself may allocate a little; 100,000 allocating callbacks would be megabytes. */
    private static final long TOLERANCE_BYTES = 1024;

    @Test
    void traceRecorderAllocatesNothingPerEvent() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(1, 100_000);
        trace.start();
        callbacks(trace, 1_000, 0); // warm: load and link every class on the path

        long allocated = allocatedBy(() -> callbacks(trace, 20_000, 1_000_000));

        assertThat(trace.recordedEvents()).isEqualTo(21_000 * 3L);
        assertThat(allocated).as("bytes allocated by 60,000 events").isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void traceRecorderAllocatesNothingWhenFull() {
        ChromeTraceRecorder trace = new ChromeTraceRecorder(1, 10);
        trace.start();
        callbacks(trace, 1_000, 0);

        long allocated = allocatedBy(() -> callbacks(trace, 20_000, 1_000_000));

        assertThat(trace.droppedEvents()).isEqualTo(21_000 * 3L - 10);
        assertThat(allocated).as("bytes allocated while dropping 60,000 events").isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void jfrListenerAllocatesNothingWithoutARecording() {
        JfrListener jfr = new JfrListener();
        callbacks(jfr, 1_000, 0);

        long allocated = allocatedBy(() -> callbacks(jfr, 20_000, 1_000_000));

        assertThat(allocated).as("bytes allocated by 100,000 callbacks").isLessThan(TOLERANCE_BYTES);
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        work.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    /** Five callbacks, three events per round: a task slice, a steal and a park slice, all on worker 0. */
    private static void callbacks(SchedulerListener listener, int rounds, long t0) {
        for (int i = 0; i < rounds; i++) {
            long t = t0 + i * 100L;
            listener.taskStarted(0, PLAN, 0, i, i + 1, t);
            listener.taskFinished(0, PLAN, 0, i, i + 1, false, t + 10);
            listener.stolen(0, -1, 3, t + 20);
            listener.parked(0, t + 30);
            listener.unparked(0, t + 40);
        }
    }
}
