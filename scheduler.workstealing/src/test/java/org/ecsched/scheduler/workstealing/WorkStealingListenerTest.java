package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Listener events agree with the counters: stolen counts sum to tasksStolen, one parked event per park. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingListenerTest {

    @Test
    void stolenAndParkedEventsMatchTheStats() {
        AtomicLong stolenTasks = new AtomicLong();
        AtomicLong stealEvents = new AtomicLong();
        AtomicLong parkedEvents = new AtomicLong();
        AtomicLong unparkedEvents = new AtomicLong();
        AtomicLong badEvents = new AtomicLong();
        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void stolen(int thief, int victim, int count, long nanoTime) {
                if (count <= 0 || thief == victim) { // no assertion here: a throwing listener may kill a worker
                    badEvents.incrementAndGet();
                }
                stealEvents.incrementAndGet();
                stolenTasks.addAndGet(count);
            }

            @Override
            public void parked(int worker, long nanoTime) {
                parkedEvents.incrementAndGet();
            }

            @Override
            public void unparked(int worker, long nanoTime) {
                unparkedEvents.incrementAndGet();
            }
        };
        SchedulerBackend b = Schedulers.create("workstealing",
                SchedulerConfig.builder().workers(3).spinIterations(8).yieldIterations(8).listener(listener).build());
        StealingPhase phase = new StealingPhase(64); // at least one steal per execution, whatever the schedule
        for (int i = 0; i < 10; i++) {
            phase.executeOn(b);
        }
        b.close(); // joins every worker: counters and events are final
        BackendStats stats = b.stats();
        assertThat(stats.stealSuccesses()).as("steals in 10 stolen phases").isGreaterThanOrEqualTo(10);
        assertThat(badEvents.get()).as("stolen events with count <= 0 or thief == victim").isZero();
        assertThat(stealEvents.get()).isEqualTo(stats.stealSuccesses());
        assertThat(stolenTasks.get()).isEqualTo(stats.tasksStolen());
        assertThat(parkedEvents.get()).isEqualTo(stats.parks());
        assertThat(unparkedEvents.get()).isEqualTo(parkedEvents.get());
    }
}
