package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listener composition: every event reaches every listener, in the order given. */
class SchedulerListenerTest {

    /** A listener that logs each event with its tag. */
    private static SchedulerListener logging(String tag, List<String> log) {
        return new SchedulerListener() {
            @Override
            public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
                log.add(tag + " phaseStarted " + phaseNumber);
            }

            @Override
            public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
                log.add(tag + " phaseFinished " + phaseNumber);
            }

            @Override
            public void taskStarted(int worker, Plan<?> plan, int system, int start, int end, long nanoTime) {
                log.add(tag + " taskStarted " + worker + " " + system + " " + start + " " + end);
            }

            @Override
            public void taskFinished(int worker, Plan<?> plan, int system, int start, int end, boolean failed,
                                     long nanoTime) {
                log.add(tag + " taskFinished " + worker + " " + system + " " + failed);
            }

            @Override
            public void stolen(int thief, int victim, int count, long nanoTime) {
                log.add(tag + " stolen " + thief + " " + victim + " " + count);
            }

            @Override
            public void parked(int worker, long nanoTime) {
                log.add(tag + " parked " + worker);
            }

            @Override
            public void unparked(int worker, long nanoTime) {
                log.add(tag + " unparked " + worker);
            }
        };
    }

    /** compose forwards each event to each listener, in order. */
    @Test
    void composeForwardsEveryEventInOrder() {
        List<String> log = new ArrayList<>();
        SchedulerListener both = SchedulerListener.compose(logging("A", log), logging("B", log));
        Plan<String> plan = Phase.<String>named("p").compile();

        both.phaseStarted(plan, 1, 0);
        both.taskStarted(2, plan, 3, 4, 5, 0);
        both.taskFinished(2, plan, 3, 4, 5, true, 0);
        both.stolen(1, -1, 8, 0);
        both.parked(1, 0);
        both.unparked(1, 0);
        both.phaseFinished(plan, 1, null, 0);

        assertThat(log).containsExactly("A phaseStarted 1", "B phaseStarted 1", "A taskStarted 2 3 4 5",
                "B taskStarted 2 3 4 5", "A taskFinished 2 3 true", "B taskFinished 2 3 true", "A stolen 1 -1 8",
                "B stolen 1 -1 8", "A parked 1", "B parked 1", "A unparked 1", "B unparked 1",
                "A phaseFinished 1", "B phaseFinished 1");
    }

    /** Composing one listener returns it; a null listener is refused. */
    @Test
    void composeOneAndNull() {
        SchedulerListener one = new SchedulerListener() { };
        assertThat(SchedulerListener.compose(one)).isSameAs(one);
        assertThatThrownBy(() -> SchedulerListener.compose(one, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("listener");
    }

    /** The default methods do nothing (a listener may override only what it needs). */
    @Test
    void defaultsDoNothing() {
        SchedulerListener nothing = new SchedulerListener() { };
        nothing.phaseStarted(null, 1, 0);
        nothing.taskStarted(0, null, 0, 0, 0, 0);
        nothing.taskFinished(0, null, 0, 0, 0, false, 0);
        nothing.stolen(0, 0, 0, 0);
        nothing.parked(0, 0);
        nothing.unparked(0, 0);
        nothing.phaseFinished(null, 1, null, 0);
    }
}
