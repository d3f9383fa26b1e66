package org.ecsched.scheduler.bench.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiFunction;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark's ForkJoinPool peers are correct executors of a plan, so that beating them means something: on a
 * DAG with roots, a chain, a fan-out and a fan-in, entity-parallel systems split into many pieces, and many
 * independent roots, every system runs exactly once per phase (every entity exactly once), and no piece of a
 * system starts before the last piece of every system ordered before it has ended. The pool has more threads than
 * the machine has cores, to vary the interleavings; each check runs many phases.
 */
@Timeout(60)
class ForkJoinPeersTest {

    private static final int PHASES = 300;

    private final ForkJoinPool pool = new ForkJoinPool(4);

    @AfterEach
    void shutDown() {
        pool.shutdown();
    }

    @Test
    void perPhasePeerRunsEverySystemOnceInDagOrder() {
        runsEverySystemOnceInDagOrder(ForkJoinPerPhaseExecutor::new);
    }

    @Test
    void perSystemPeerRunsEverySystemOnceInDagOrder() {
        runsEverySystemOnceInDagOrder(ForkJoinPerSystemExecutor::new);
    }

    /** The check can fail: a peer that runs the systems backwards, each whole, is caught on the first phase. */
    @Test
    void theCheckCatchesAPeerThatIgnoresTheDag() {
        assertThatThrownBy(() -> runsEverySystemOnceInDagOrder((plan, unused) -> new Backwards(plan)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("phase 0").hasMessageContaining("before");
    }

    @Test
    void perPhasePeerReportsAFailedBodyAndRefusesFurtherPhases() {
        Plan<Object> plan = Phase.named("failing")
                .add(SystemSpec.named("ok").runs(ctx -> { }))
                .add(SystemSpec.named("boom").runs(ctx -> {
                    throw new IllegalArgumentException("boom");
                }))
                .compile();
        PlanExecutor peer = new ForkJoinPerPhaseExecutor(plan, pool);
        assertThatThrownBy(peer::runPhase).hasMessageContaining("boom");
        assertThatThrownBy(peer::runPhase).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous phase failed");
    }

    private void runsEverySystemOnceInDagOrder(BiFunction<Plan<Object>, ForkJoinPool, PlanExecutor> peer) {
        Recorder recorder = new Recorder();
        Plan<Object> plan = recorder.plan();
        PlanExecutor executor = peer.apply(plan, pool);
        for (int phase = 0; phase < PHASES; phase++) {
            recorder.reset();
            executor.runPhase();
            recorder.verify(plan, phase);
        }
    }

    /** A broken peer: every system whole, on the caller, in reverse declaration order. */
    private record Backwards(Plan<Object> plan) implements PlanExecutor {
        @Override
        public void runPhase() {
            try {
                for (int s = plan.systemCount() - 1; s >= 0; s--) {
                    SequentialPlanExecutor.runWhole(plan.system(s));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** Builds the test plan with instrumented bodies and checks what they recorded. */
    private static final class Recorder {
        /** Ticks of a global clock: piece starts and ends are totally ordered by it. */
        private final AtomicLong clock = new AtomicLong();
        private final List<Integer> entityCounts = new ArrayList<>();
        private AtomicLongArray firstStart;
        private AtomicLongArray lastEnd;
        private AtomicIntegerArray runs;
        private final List<AtomicIntegerArray> visits = new ArrayList<>();

        Plan<Object> plan() {
            Phase.Builder<Object> phase = Phase.named("dag");
            for (int i = 0; i < 4; i++) { // independent roots, each split into about 100 pieces
                phase.add(entities(SystemSpec.named("root" + i).writes("r" + i).minBatchSize(7), 1000));
            }
            for (int i = 0; i < 40; i++) { // many small independent roots: the root list is split in halves
                phase.add(once(SystemSpec.named("empty" + i).writes("e" + i)));
            }
            for (int i = 0; i < 4; i++) { // a chain: each writes what the previous one wrote
                phase.add(entities(SystemSpec.named("chain" + i).writes("chain").minBatchSize(16), 500));
            }
            for (int i = 0; i < 6; i++) { // a fan-out after the chain, half of it entity-parallel
                SystemSpec.Builder<Object> fan = SystemSpec.named("fan" + i).reads("chain").writes("f" + i);
                phase.add(i % 2 == 0 ? entities(fan.minBatchSize(5), 200) : once(fan));
            }
            phase.add(once(SystemSpec.named("join").writes("chain") // after every fan (they read "chain")
                    .reads("f0", "f1", "f2", "f3", "f4", "f5")));
            phase.add(entities(SystemSpec.named("late").runsAfter("root0", "join").minBatchSize(3), 50));
            Plan<Object> plan = phase.compile();
            firstStart = new AtomicLongArray(plan.systemCount());
            lastEnd = new AtomicLongArray(plan.systemCount());
            runs = new AtomicIntegerArray(plan.systemCount());
            return plan;
        }

        private SystemSpec<Object> once(SystemSpec.Builder<Object> system) {
            int index = entityCounts.size();
            entityCounts.add(-1);
            visits.add(null);
            return system.runs(ctx -> {
                long start = clock.incrementAndGet();
                runs.incrementAndGet(index);
                piece(index, start, clock.incrementAndGet());
            });
        }

        private SystemSpec<Object> entities(SystemSpec.Builder<Object> system, int count) {
            int index = entityCounts.size();
            entityCounts.add(count);
            AtomicIntegerArray seen = new AtomicIntegerArray(count);
            visits.add(seen);
            return system.forEachEntity(count, (start, end, ctx) -> {
                long t0 = clock.incrementAndGet();
                for (int e = start; e < end; e++) {
                    seen.incrementAndGet(e);
                }
                piece(index, t0, clock.incrementAndGet());
            });
        }

        private void piece(int system, long start, long end) {
            firstStart.accumulateAndGet(system, start, Math::min);
            lastEnd.accumulateAndGet(system, end, Math::max);
        }

        void reset() {
            for (int s = 0; s < entityCounts.size(); s++) {
                firstStart.set(s, Long.MAX_VALUE);
                lastEnd.set(s, Long.MIN_VALUE);
                runs.set(s, 0);
                AtomicIntegerArray seen = visits.get(s);
                for (int e = 0; seen != null && e < seen.length(); e++) {
                    seen.set(e, 0);
                }
            }
        }

        void verify(Plan<Object> plan, int phase) {
            int n = plan.systemCount();
            for (int s = 0; s < n; s++) {
                String name = plan.system(s).name();
                AtomicIntegerArray seen = visits.get(s);
                if (seen == null) {
                    assertThat(runs.get(s)).as("phase %d: runs of %s", phase, name).isEqualTo(1);
                } else {
                    for (int e = 0; e < seen.length(); e++) {
                        assertThat(seen.get(e)).as("phase %d: visits of %s's entity %d", phase, name, e).isEqualTo(1);
                    }
                }
                for (int t = 0; t < n; t++) {
                    if (plan.isOrderedBefore(s, t)) {
                        assertThat(firstStart.get(t))
                                .as("phase %d: %s started (tick %d) before %s ended (tick %d)", phase,
                                        plan.system(t).name(), firstStart.get(t), name, lastEnd.get(s))
                                .isGreaterThan(lastEnd.get(s));
                    }
                }
            }
        }
    }
}
