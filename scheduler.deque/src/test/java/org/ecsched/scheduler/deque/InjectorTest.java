package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-threaded rules of {@link Injector}: arguments, FIFO order, full and empty, clearing of polled cells. */
class InjectorTest {

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -8, -1, 0, 1, 3, 5, 24, Integer.MAX_VALUE})
    void constructorRejectsACapacityThatIsNotAPowerOfTwoOfAtLeastTwo(int capacity) {
        assertThatThrownBy(() -> new Injector<String>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be a power of two >= 2, but was " + capacity);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 4096})
    void capacityIsTheConstructorArgument(int capacity) {
        Injector<String> injector = new Injector<>(capacity);
        assertThat(injector.capacity()).isEqualTo(capacity);
        assertThat(injector.approximateSize()).isZero();
        assertThat(injector.isEmptyApproximately()).isTrue();
    }

    @Test
    void offerRejectsNull() {
        Injector<String> injector = new Injector<>(2);
        assertThatThrownBy(() -> injector.offer(null)).isInstanceOf(NullPointerException.class).hasMessage("task");
        assertThat(injector.approximateSize()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0})
    void pollBatchRejectsALimitBelowOne(int limit) {
        Injector<String> injector = new Injector<>(4);
        injector.offer("a");
        assertThatThrownBy(() -> injector.pollBatch(new ChaseLevDeque<>(4), limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 1, but was " + limit);
        assertThat(injector.approximateSize()).isEqualTo(1);
    }

    @Test
    void pollBatchRejectsANullDestination() {
        Injector<String> injector = new Injector<>(4);
        injector.offer("a");
        assertThatThrownBy(() -> injector.pollBatch(null, 2)).isInstanceOf(NullPointerException.class)
                .hasMessage("destination");
        assertThat(injector.approximateSize()).isEqualTo(1);
    }

    @Test
    void isFifoAndSaysFullAndEmpty() {
        Injector<String> injector = new Injector<>(2);
        assertThat(injector.poll()).isNull();
        assertThat(injector.offer("a")).isTrue();
        assertThat(injector.offer("b")).isTrue();
        assertThat(injector.offer("c")).isFalse();
        assertThat(injector.approximateSize()).isEqualTo(2);
        assertThat(injector.poll()).isEqualTo("a");
        assertThat(injector.offer("c")).isTrue();
        assertThat(injector.poll()).isEqualTo("b");
        assertThat(injector.poll()).isEqualTo("c");
        assertThat(injector.poll()).isNull();
        assertThat(injector.isEmptyApproximately()).isTrue();
    }

    @Test
    void pollClearsTheCellAndHandsItToTheNextLap() {
        Injector<String> injector = new Injector<>(2);
        injector.offer("a");
        assertThat(injector.sequenceForTest(0)).isEqualTo(1);     // full for position 0
        assertThat(injector.poll()).isEqualTo("a");
        assertThat(injector.elementForTest(0)).isNull();
        assertThat(injector.sequenceForTest(0)).isEqualTo(2);     // free for position 0 + capacity
    }

    @Test
    void pollBatchReturnsTheOldestAndPushesTheRestInOrderAndClearsTheCells() {
        Injector<Integer> injector = new Injector<>(8);
        for (int i = 0; i < 6; i++) {
            injector.offer(i);
        }
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(8);
        assertThat(injector.pollBatch(mine, 4)).isEqualTo(0);
        assertThat(mine.approximateSize()).isEqualTo(3);
        Stolen<Integer> cell = new Stolen<>();
        mine.steal(cell);
        assertThat(cell.take()).isEqualTo(1);                     // oldest first in the destination
        assertThat(mine.pop()).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            assertThat(injector.elementForTest(i)).as("cell of position %d", i).isNull();
        }
        assertThat(injector.poll()).isEqualTo(4);
        assertThat(injector.pollBatch(mine, 100)).isEqualTo(5);   // only one left
        assertThat(injector.pollBatch(mine, 100)).isNull();
    }

    @Test
    void pollBatchTakesNoMoreThanTheDestinationHasRoomFor() {
        Injector<Integer> injector = new Injector<>(8);
        for (int i = 0; i < 8; i++) {
            injector.offer(i);
        }
        ChaseLevDeque<Integer> mine = new ChaseLevDeque<>(2);
        mine.push(-1);
        assertThat(injector.pollBatch(mine, 8)).isEqualTo(0);     // room for one: 0 returned, 1 pushed
        assertThat(mine.approximateSize()).isEqualTo(2);
        assertThat(injector.pollBatch(mine, 8)).isEqualTo(2);     // no room: only the returned one
        assertThat(injector.approximateSize()).isEqualTo(5);
        assertThat(mine.pop()).isEqualTo(1);
    }

    @Test
    void positionsKeepGrowingAcrossWrapArounds() {
        Injector<Integer> injector = new Injector<>(2);
        for (int i = 0; i < 1000; i++) {
            assertThat(injector.offer(i)).isTrue();
            assertThat(injector.poll()).isEqualTo(i);
        }
        assertThat(injector.enqueuePosForTest()).isEqualTo(1000);
        assertThat(injector.dequeuePosForTest()).isEqualTo(1000);
        assertThat(injector.sequenceForTest(1000)).isEqualTo(1000);   // free, waiting for position 1000
        assertThat(injector.sequenceForTest(1001)).isEqualTo(1001);
    }
}
