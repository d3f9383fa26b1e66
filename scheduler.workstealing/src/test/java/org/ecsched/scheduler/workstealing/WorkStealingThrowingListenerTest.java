package org.ecsched.scheduler.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A listener that throws from every callback loses its events, never a phase, a command or a thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkStealingThrowingListenerTest {

    @Test
    void phasesCompleteAndCloseJoinsEveryThread() {
        String prefix = "ws-throwing-listener-";
        // No spinning: workers park and wake all the time, so the park callbacks throw too.
        SchedulerBackend b = Schedulers.create("workstealing", SchedulerConfig.builder().workers(3)
                .spinIterations(0).yieldIterations(0).adaptiveSpin(false)
                .threadNamePrefix(prefix).listener(new AlwaysThrows()).build());
        Plan<Integer> plan = Phase.<Integer>named("p")
                .add(SystemSpec.<Integer>named("ranges").writes("a").minBatchSize(10)
                        .forEachEntity(1_000, (s, e, ctx) -> {
                            for (int i = s; i < e; i++) {
                                ctx.add(i);
                            }
                        }))
                .add(SystemSpec.<Integer>named("once").writes("b").runs(ctx -> ctx.add(-1)))
                .compile();
        try {
            for (int i = 0; i < 50; i++) {
                PhaseResult<Integer> r = b.execute(plan);
                assertThat(r.succeeded()).isTrue();
                // Nothing lost, in the deterministic order: the range system's entities ascending, then "once".
                assertThat(r.commandCount()).isEqualTo(1_001);
                for (int k = 0; k < 1_000; k++) {
                    assertThat(r.command(k)).isEqualTo(k);
                }
                assertThat(r.command(1_000)).isEqualTo(-1);
            }
        } finally {
            b.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    /** Throws from every callback. */
    static final class AlwaysThrows implements SchedulerListener {
        @Override
        public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
            throw new IllegalStateException("phaseStarted");
        }

        @Override
        public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
            throw new IllegalStateException("phaseFinished");
        }

        @Override
        public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
            throw new IllegalStateException("taskStarted");
        }

        @Override
        public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                 long nanoTime) {
            throw new IllegalStateException("taskFinished");
        }

        @Override
        public void stolen(int thief, int victim, int count, long nanoTime) {
            throw new IllegalStateException("stolen");
        }

        @Override
        public void parked(int worker, long nanoTime) {
            throw new IllegalStateException("parked");
        }

        @Override
        public void unparked(int worker, long nanoTime) {
            throw new IllegalStateException("unparked");
        }
    }
}
