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
 * Single-threaded model test of {@link Injector}: random sequences of offer, poll and pollBatch (into a deque the
 * test owns) against {@link ArrayDeque} models, with small capacities (2..16) and 500..4000 operations, so
 * positions wrap around many times. After every step the whole ring is compared: each live cell holds the model's
 * task and says "full for my position"; each other cell is null and says "free for the position that comes
 * next to it".
 */
class InjectorModelTest {

    enum Kind { OFFER, POLL, POLL_BATCH, DESTINATION_POP, DESTINATION_PUSH }

    record Op(Kind kind, int limit) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.integers().between(1, 10).flatMap(offerWeight -> {
            Arbitrary<Kind> kinds = Arbitraries.frequency(
                    Tuple.of(offerWeight, Kind.OFFER),
                    Tuple.of(3, Kind.POLL),
                    Tuple.of(2, Kind.POLL_BATCH),
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
        Injector<Integer> injector = new Injector<>(capacity);
        ChaseLevDeque<Integer> destination = new ChaseLevDeque<>(destinationCapacity);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        ArrayDeque<Integer> destinationModel = new ArrayDeque<>();
        int nextTask = 0;
        boolean sawFull = false;
        boolean sawBatchOfSeveral = false;

        for (Op op : operations) {
            switch (op.kind()) {
                case OFFER -> {
                    Integer task = nextTask++;
                    boolean expected = model.size() < capacity;
                    sawFull |= !expected;
                    assertThat(injector.offer(task)).as("offer(%s) with size %d", task, model.size())
                            .isEqualTo(expected);
                    if (expected) {
                        model.addLast(task);
                    }
                }
                case POLL -> assertThat(injector.poll()).isEqualTo(model.pollFirst());
                case POLL_BATCH -> {
                    int room = destinationCapacity - destinationModel.size();
                    int moved = Math.min(Math.min(op.limit(), model.size()), 1 + room);
                    sawBatchOfSeveral |= moved > 1;
                    assertThat(injector.pollBatch(destination, op.limit())).isEqualTo(model.pollFirst());
                    for (int k = 1; k < moved; k++) {
                        destinationModel.addLast(model.pollFirst());
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
            assertSameState(injector, model);
            ChaseLevDequeModelTest.assertSameState(destination, destinationModel);
        }
        Statistics.label("offer found the queue full").collect(sawFull);
        Statistics.label("a batch moved several tasks").collect(sawBatchOfSeveral);
        Statistics.label("positions wrapped at least 10 times")
                .collect(injector.dequeuePosForTest() >= 10L * capacity);
        Statistics.label("offer found the queue full").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("a batch moved several tasks").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("positions wrapped at least 10 times")
                .coverage(c -> c.check(true).percentage(p -> p >= 50));
    }

    /** Sizes agree; each cell's task and sequence number are what Vyukov's protocol says for its state. */
    static void assertSameState(Injector<Integer> injector, ArrayDeque<Integer> model) {
        assertThat(injector.approximateSize()).isEqualTo(model.size());
        assertThat(injector.isEmptyApproximately()).isEqualTo(model.isEmpty());
        long head = injector.dequeuePosForTest();
        assertThat(injector.enqueuePosForTest() - head).isEqualTo(model.size());
        Iterator<Integer> live = model.iterator();
        for (int k = 0; k < injector.capacity(); k++) {
            long pos = head + k;
            if (live.hasNext()) {
                assertThat(injector.elementForTest(pos)).as("cell of position %d", pos).isEqualTo(live.next());
                assertThat(injector.sequenceForTest(pos)).as("sequence of position %d", pos).isEqualTo(pos + 1);
            } else {
                assertThat(injector.elementForTest(pos)).as("cell of position %d", pos).isNull();
                assertThat(injector.sequenceForTest(pos)).as("sequence of position %d", pos).isEqualTo(pos);
            }
        }
    }
}
