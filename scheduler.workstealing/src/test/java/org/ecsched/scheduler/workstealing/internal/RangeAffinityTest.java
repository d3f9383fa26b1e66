package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecsched.scheduler.api.SchedulerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range affinity: when a worker splits a range it keeps the half nearer its {@link Worker#homeEntity home}, so
 * consecutive systems over the same entities are swept by the same worker whichever worker held the task. The
 * decision is driven directly, so that no verdict depends on which worker the threads' timing made split; the
 * cache effect it buys is a benchmark's figure.
 */
class RangeAffinityTest {

    private static final int ENTITIES = 200_000;

    @Test
    void withTwoWorkersEachKeepsItsOwnHalfOfASplitRange() {
        try (WorkStealingBackend backend = backend(2)) {
            int mid = ENTITIES / 2;
            int home0 = backend.worker(0).homeEntity(ENTITIES);
            int home1 = backend.worker(1).homeEntity(ENTITIES);
            assertThat(Worker.keepsUpperHalf(home0, mid)).as("worker 0 (home %d) keeps the upper half", home0)
                    .isFalse();
            assertThat(Worker.keepsUpperHalf(home1, mid)).as("worker 1 (home %d) keeps the upper half", home1)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 8, 16})
    void eachHomeIsTheMiddleOfItsWorkersShareInWorkerOrder(int workers) {
        try (WorkStealingBackend backend = backend(workers)) {
            int previous = -1;
            for (int w = 0; w < workers; w++) {
                int home = backend.worker(w).homeEntity(ENTITIES);
                long shareStart = (long) w * ENTITIES / workers;
                long shareEnd = (long) (w + 1) * ENTITIES / workers;
                assertThat(home).as("home of worker %d of %d", w, workers).isGreaterThan(previous)
                        .isBetween((int) shareStart, (int) shareEnd - 1);
                assertThat(Math.abs(2L * home - (shareStart + shareEnd))).as("worker %d's home off its middle", w)
                        .isLessThanOrEqualTo(2);
                previous = home;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8})
    void repeatedSplitsCloseInOnTheSplittersHome(int workers) {
        try (WorkStealingBackend backend = backend(workers)) {
            for (int w = 0; w < workers; w++) {
                int home = backend.worker(w).homeEntity(ENTITIES);
                int start = 0;
                int end = ENTITIES;
                while (end - start >= 2) {
                    int mid = start + ((end - start) >>> 1);
                    if (Worker.keepsUpperHalf(home, mid)) {
                        start = mid;
                    } else {
                        end = mid;
                    }
                    assertThat(home).as("worker %d's home in the half it kept", w).isBetween(start, end - 1);
                }
            }
        }
    }

    @Test
    void homesFollowTheEntityCountOfEachPhase() {
        try (WorkStealingBackend backend = backend(2)) {
            assertThat(backend.worker(1).homeEntity(1_000)).isEqualTo(750);
            assertThat(backend.worker(1).homeEntity(Integer.MAX_VALUE)).isEqualTo(1_610_612_735);
            assertThat(backend.worker(0).homeEntity(0)).isZero();
        }
    }

    private static WorkStealingBackend backend(int workers) {
        return new WorkStealingBackend(SchedulerConfig.builder().workers(workers).build());
    }
}
