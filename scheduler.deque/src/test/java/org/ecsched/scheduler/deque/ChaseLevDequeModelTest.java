package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Single-threaded model test: random sequences of every operation on a victim deque and on a thief's own
 * destination deque, compared after each step with two {@link ArrayDeque} models. Capacities are small (2..16)
 * and sequences long (500..4000 operations), so the indices wrap around the arrays many times. After every step
 * the whole ring is compared: live slots hold the model's tasks in order, every other slot is null (so a taken
 * slot is always cleared).
 */
class ChaseLevDequeModelTest {

    enum Kind { PUSH, POP, STEAL, STEAL_BATCH, DESTINATION_POP, DESTINATION_PUSH }

    record Op(Kind kind, int limit) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        // The push weight varies per try, so that some runs hover near full and others near empty.
        return Arbitraries.integers().between(1, 12).flatMap(pushWeight -> {
            Arbitrary<Kind> kinds = Arbitraries.frequency(
                    Tuple.of(pushWeight, Kind.PUSH),
                    Tuple.of(3, Kind.POP),
                    Tuple.of(3, Kind.STEAL),
                    Tuple.of(2, Kind.STEAL_BATCH),
                    Tuple.of(2, Kind.DESTINATION_POP),
                    Tuple.of(1, Kind.DESTINATION_PUSH));
            return Combinators.combine(kinds, Arbitraries.integers().between(1, 20)).as(Op::new)
                    .list().ofMinSize(500).ofMaxSize(4000);
        });
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReportMode.OFF)
    void behavesLikeAnArrayDeque(@ForAll @IntRange(min = 1, max = 4) int capacityLog2,
                                 @ForAll @IntRange(min = 1, max = 4) int destinationCapacityLog2,
                                 @ForAll("operations") List<Op> operations) {
        int capacity = 1 << capacityLog2;
        int destinationCapacity = 1 << destinationCapacityLog2;
        ChaseLevDeque<Integer> victim = new ChaseLevDeque<>(capacity);
        ChaseLevDeque<Integer> destination = new ChaseLevDeque<>(destinationCapacity);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        ArrayDeque<Integer> destinationModel = new ArrayDeque<>();
        Stolen<Integer> cell = new Stolen<>();
        int nextTask = 0;
        boolean sawFull = false;
        boolean sawBatchOfSeveral = false;
        boolean sawBatchCutByRoom = false;

        for (Op op : operations) {
            switch (op.kind()) {
                case PUSH -> {
                    Integer task = nextTask++;
                    boolean expected = model.size() < capacity;
                    sawFull |= !expected;
                    assertThat(victim.push(task)).as("push(%s) with size %d", task, model.size()).isEqualTo(expected);
                    if (expected) {
                        model.addLast(task);
                    }
                }
                case POP -> assertThat(victim.pop()).isEqualTo(model.pollLast());
                case STEAL -> {
                    Integer expected = model.pollFirst();
                    assertThat(victim.steal(cell))
                            .isEqualTo(expected == null ? StealResult.EMPTY : StealResult.SUCCESS);
                    assertThat(cell.take()).isEqualTo(expected);
                }
                case STEAL_BATCH -> {
                    int size = model.size();
                    int room = destinationCapacity - destinationModel.size();
                    int halfRoundedUp = (size + 1) / 2;
                    int moved = Math.min(Math.min(op.limit(), halfRoundedUp), 1 + room);
                    sawBatchOfSeveral |= moved > 1;
                    sawBatchCutByRoom |= size > 0 && 1 + room < Math.min(op.limit(), halfRoundedUp);
                    StealResult result = victim.stealBatchAndPop(destination, op.limit(), cell);
                    if (size == 0) {
                        assertThat(result).isEqualTo(StealResult.EMPTY);
                        assertThat(cell.take()).isNull();
                    } else {
                        assertThat(result).isEqualTo(StealResult.SUCCESS);
                        assertThat(cell.take()).isEqualTo(model.pollFirst());
                        for (int k = 1; k < moved; k++) {
                            destinationModel.addLast(model.pollFirst());
                        }
                    }
                }
                case DESTINATION_POP -> assertThat(destination.pop()).isEqualTo(destinationModel.pollLast());
                case DESTINATION_PUSH -> {
                    Integer task = nextTask++;
                    boolean expected = destinationModel.size() < destinationCapacity;
                    assertThat(destination.push(task)).isEqualTo(expected);
                    if (expected) {
                        destinationModel.addLast(task);
                    }
                }
            }
            assertSameState(victim, model);
            assertSameState(destination, destinationModel);
        }
        Statistics.label("push found the deque full").collect(sawFull);
        Statistics.label("a batch moved several tasks").collect(sawBatchOfSeveral);
        Statistics.label("a batch was cut by the destination's room").collect(sawBatchCutByRoom);
        Statistics.label("indices wrapped at least 10 times").collect(victim.topForTest() >= 10L * capacity);
        Statistics.label("push found the deque full").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("a batch moved several tasks").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("a batch was cut by the destination's room")
                .coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("indices wrapped at least 10 times").coverage(c -> c.check(true).percentage(p -> p >= 50));
    }

    /** Sizes agree, the live slots hold the model in order, and every other slot of the ring is null. */
    static void assertSameState(ChaseLevDeque<Integer> deque, ArrayDeque<Integer> model) {
        assertThat(deque.approximateSize()).isEqualTo(model.size());
        assertThat(deque.isEmptyApproximately()).isEqualTo(model.isEmpty());
        long top = deque.topForTest();
        assertThat(deque.bottomForTest() - top).isEqualTo(model.size());
        Iterator<Integer> live = model.iterator();
        for (int k = 0; k < deque.capacity(); k++) {
            Object expected = live.hasNext() ? live.next() : null;
            assertThat(deque.slotForTest(top + k)).as("slot of index %d (top %d)", top + k, top).isEqualTo(expected);
        }
    }
}
