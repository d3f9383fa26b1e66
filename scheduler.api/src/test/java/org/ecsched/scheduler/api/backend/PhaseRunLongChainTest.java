package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.CONFIG;
import static org.ecsched.scheduler.api.backend.PhaseRunTest.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A long chain whose head fails: every other system is skipped without running (poisoned under CONTINUE, stopped
 * under FAIL_FAST), and releasing them must not take stack in proportion to the chain. Each scenario runs on a
 * thread with an explicit 1 MiB stack (the usual 64-bit default, stated so that the outcome does not depend on the
 * JVM's {@code -Xss}), joined with a deadline.
 */
class PhaseRunLongChainTest {

    static final int LENGTH = 20_000;
    static final long STACK_BYTES = 1L << 20;
    static final long DEADLINE_SECONDS = 60;

    /** How the head of the chain fails this phase (NONE: it does not). */
    enum Head { BODY_THROWS, ENTITY_COUNT_FAILS, NONE }

    static volatile Head head = Head.NONE;
    static Plan<String> chain;

    @BeforeAll
    static void compileChain() {
        Phase.Builder<String> b = Phase.named("chain");
        b.add(sys("s0").minBatchSize(1).forEachEntity(() -> {
            if (head == Head.ENTITY_COUNT_FAILS) {
                throw new IllegalStateException("count");
            }
            return 1;
        }, (start, end, ctx) -> {
            ctx.add("s0");
            if (head == Head.BODY_THROWS) {
                throw new IllegalStateException("body");
            }
        }));
        for (int i = 1; i < LENGTH; i++) {
            String name = "s" + i;
            b.add(sys(name).runsAfter("s" + (i - 1)).runs(ctx -> ctx.add(name)));
        }
        chain = b.compile();
    }

    static List<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (FailurePolicy p : FailurePolicy.values()) {
            out.add(Arguments.of(p, Head.BODY_THROWS));
            out.add(Arguments.of(p, Head.ENTITY_COUNT_FAILS));
        }
        return out;
    }

    /**
     * The head fails (in its body, released from runTask; or reading its entity count, released inside start):
     * the whole chain is skipped on the releasing thread without a StackOverflowError, the phase finishes once,
     * and the next phase runs the whole chain in order.
     */
    @ParameterizedTest(name = "{0}, head {1}")
    @MethodSource("scenarios")
    void skippingALongChainTakesConstantStack(FailurePolicy policy, Head failure) throws Exception {
        onSmallStack(() -> {
            ManualDriver<String> d = new ManualDriver<>(new PhaseRun<>(chain, 2, CONFIG), 1);
            head = failure;
            d.start(policy);
            while (!d.pending.isEmpty()) {
                d.runOne(t -> true, 1);
            }
            assertThat(d.phaseFinishedCalls).isEqualTo(1);
            PhaseResult<String> r = d.run.finish();
            assertThat(r.outcome(0)).isEqualTo(SystemOutcome.FAILED);
            for (int s = 1; s < LENGTH; s++) {
                if (r.outcome(s) != SystemOutcome.SKIPPED) {
                    throw new AssertionError("s" + s + " is " + r.outcome(s));
                }
            }
            assertThat(r.commands()).isEmpty();
            assertThat(d.readyOrder).as("only the head was ever ready")
                    .containsExactlyElementsOf(failure == Head.BODY_THROWS ? List.of(0) : List.of());

            head = Head.NONE;
            r = d.runPhase(policy);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.commandCount()).isEqualTo(LENGTH);
            for (int s = 0; s < LENGTH; s++) {
                if (!r.command(s).equals("s" + s)) {
                    throw new AssertionError("command " + s + " is " + r.command(s));
                }
            }
        });
    }

    /** Runs {@code body} on a thread with a {@link #STACK_BYTES} stack and rethrows what it threw. */
    private static void onSmallStack(Runnable body) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "long-chain", STACK_BYTES);
        t.setDaemon(true);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(t.isAlive()).as("scenario still running after %d s", DEADLINE_SECONDS).isFalse();
        Throwable e = thrown.get();
        if (e instanceof StackOverflowError) {
            throw new AssertionError("StackOverflowError releasing a chain of " + LENGTH + " skipped systems", e);
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new AssertionError(e);
        }
    }
}
