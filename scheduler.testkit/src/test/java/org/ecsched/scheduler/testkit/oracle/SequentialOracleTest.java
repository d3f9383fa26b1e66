package org.ecsched.scheduler.testkit.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/** The oracle against results worked out by hand from PhaseResult's javadoc. */
class SequentialOracleTest {

    @Test
    void commandsComeInPlanPositionThenRangeThenRecordingOrder() {
        Plan<String> plan = Phase.<String>named("order")
                .add(SystemSpec.<String>named("first").runsAfter("third").runs(ctx -> {
                    ctx.add("first-a");
                    ctx.add("first-b");
                }))
                .add(SystemSpec.<String>named("second").forEachEntity(3, (start, end, ctx) -> {
                    for (int e = start; e < end; e++) {
                        ctx.add("second-" + e);
                    }
                }))
                .add(SystemSpec.<String>named("third").runs(ctx -> ctx.add("third")))
                .compile();
        Expectation<String> e = SequentialOracle.expect(plan);
        assertThat(e.order()).containsExactly(1, 2, 0); // 'first' waits for 'third'
        assertThat(e.commandsUnderContinue()).containsExactly("first-a", "first-b", "second-0", "second-1",
                "second-2", "third");
        assertThat(e.commandsOf(s -> s != 1)).containsExactly("first-a", "first-b", "third");
    }

    @Test
    void underContinueAThrowingSystemFailsAndEverythingAfterItIsSkipped() {
        Plan<String> plan = Phase.<String>named("continue")
                .add(SystemSpec.<String>named("a").writes("X").runs(ctx -> {
                    ctx.add("a");
                    throw new IllegalStateException("boom");
                }))
                .add(SystemSpec.<String>named("b").reads("X").runs(ctx -> ctx.add("b")))
                .add(SystemSpec.<String>named("c").runsAfter("b").runs(ctx -> ctx.add("c")))
                .add(SystemSpec.<String>named("d").runs(ctx -> ctx.add("d")))
                .compile();
        Expectation<String> e = SequentialOracle.expect(plan);
        assertThat(e.outcomesUnderContinue()).containsExactly(SystemOutcome.FAILED, SystemOutcome.SKIPPED,
                SystemOutcome.SKIPPED, SystemOutcome.COMPLETED);
        assertThat(e.commandsUnderContinue()).containsExactly("d");
        assertThat(e.thrown(0)).hasMessage("boom");
        assertThat(e.commandsOf(1)).containsExactly("b"); // the oracle runs every system, to know its commands
    }

    @Test
    void aBrokenEntityCountIsACountFailure() {
        Plan<String> plan = Phase.<String>named("count")
                .add(SystemSpec.<String>named("negative").forEachEntity(() -> -3, (s, e, ctx) -> ctx.add("never")))
                .add(SystemSpec.<String>named("throws").forEachEntity(() -> {
                    throw new ArithmeticException("no count");
                }, (s, e, ctx) -> ctx.add("never")))
                .add(SystemSpec.<String>named("zero").forEachEntity(0, (s, e, ctx) -> ctx.add("never")))
                .compile();
        Expectation<String> e = SequentialOracle.expect(plan);
        assertThat(e.countFailed(0)).isTrue();
        assertThat(e.countFailed(1)).isTrue();
        assertThat(e.thrown(1)).isInstanceOf(ArithmeticException.class);
        assertThat(e.wouldFail(2)).isFalse();
        assertThat(e.outcomesUnderContinue()).containsExactly(SystemOutcome.FAILED, SystemOutcome.FAILED,
                SystemOutcome.COMPLETED);
        assertThat(e.commandsUnderContinue()).isEqualTo(List.of());
    }
}
