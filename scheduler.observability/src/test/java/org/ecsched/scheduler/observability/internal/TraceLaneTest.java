package org.ecsched.scheduler.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/** The single-writer lane: rows, slices, drops and publication to a concurrent reader. */
class TraceLaneTest {

    private static final Plan<Object> PLAN = Phase.named("p")
            .add(SystemSpec.named("s").runs(ctx -> { })).compile();

    @Test
    void rowsReadBackFieldByField() {
        TraceLane lane = new TraceLane(8);
        lane.appendTask(PLAN, 0, 10, 20, true, 100, 150);
        lane.appendSteal(-1, 7, 160);
        lane.appendPark(170, 190);
        lane.appendPhase(PLAN, 42, 5, 1, 2, 1, 90, 200);

        assertThat(lane.laSize()).isEqualTo(4);
        assertThat(lane.kind(0)).isEqualTo(TraceLane.TASK_FAILED);
        assertThat(lane.plan(0)).isSameAs(PLAN);
        assertThat(new long[] {lane.begin(0), lane.end(0)}).containsExactly(100, 150);
        assertThat(new int[] {lane.system(0), lane.rangeStart(0), lane.rangeEnd(0)}).containsExactly(0, 10, 20);
        assertThat(lane.kind(1)).isEqualTo(TraceLane.STEAL);
        assertThat(new int[] {lane.victim(1), lane.stealCount(1)}).containsExactly(-1, 7);
        assertThat(lane.kind(2)).isEqualTo(TraceLane.PARK);
        assertThat(new long[] {lane.begin(2), lane.end(2)}).containsExactly(170, 190);
        assertThat(lane.kind(3)).isEqualTo(TraceLane.PHASE);
        assertThat(lane.phaseNumber(3)).isEqualTo(42);
        assertThat(new int[] {lane.phaseTasks(3), lane.phaseFailedSystems(3), lane.phaseSkippedSystems(3),
                lane.phasePolicy(3)}).containsExactly(5, 1, 2, 1);
    }

    @Test
    void aFullLaneDropsAndCountsWithoutOverwriting() {
        TraceLane lane = new TraceLane(2);
        for (int i = 0; i < 5; i++) {
            lane.appendPark(i, i + 1);
        }
        assertThat(lane.laSize()).isEqualTo(2);
        assertThat(lane.loDropped()).isEqualTo(3);
        assertThat(lane.begin(0)).isZero();
        assertThat(lane.begin(1)).isEqualTo(1);
    }

    @Test
    void aSliceClosesOnceAndOnlyIfOpened() {
        TraceLane lane = new TraceLane(2);
        assertThat(lane.closeSlice()).isFalse();
        lane.openSlice(-5); // nanoTime readings may be negative
        assertThat(lane.closeSlice()).isTrue();
        assertThat(lane.openSliceBegin()).isEqualTo(-5);
        assertThat(lane.closeSlice()).isFalse();
        assertThat(lane.closePark()).isFalse();
        lane.openPark(9);
        assertThat(lane.closePark()).isTrue();
        assertThat(lane.openParkBegin()).isEqualTo(9);
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new TraceLane(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be >= 1 but was 0");
    }

    /**
     * Release/acquire publication: a reader that sees size n sees every column of rows below n. The writer makes
     * each row's fields functions of its index, so that a torn or stale row would be noticed.
     */
    @Test
    void aConcurrentReaderSeesOnlyCompleteRows() throws InterruptedException {
        int rows = 200_000;
        TraceLane lane = new TraceLane(rows);
        AtomicBoolean torn = new AtomicBoolean();
        Thread owner = new Thread(() -> {
            for (int i = 0; i < rows; i++) {
                lane.appendTask(PLAN, 0, i, i + 1, false, i * 2L, i * 2L + 1);
            }
        });
        owner.start();
        int checkedUpTo = 0;
        while (checkedUpTo < rows) {
            int n = lane.laSize();
            for (int i = checkedUpTo; i < n; i++) {
                if (lane.kind(i) != TraceLane.TASK || lane.plan(i) != PLAN || lane.rangeStart(i) != i
                        || lane.rangeEnd(i) != i + 1 || lane.begin(i) != i * 2L || lane.end(i) != i * 2L + 1) {
                    torn.set(true);
                }
            }
            checkedUpTo = n;
        }
        owner.join();
        assertThat(torn).isFalse();
        assertThat(lane.loDropped()).isZero();
    }
}
