package org.ecsched.scheduler.testkit.broken;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.backend.ExecutionGuard;

/**
 * Broken on purpose: when a system throws, its phase never returns, as when a throwing task is never counted
 * down. Interrupts are ignored. Its {@code close()} is right: like any correct close (rule 5.07), it waits for the
 * running phase, here for ever. The kit must fail the rule by its timeout (rule 4.01, and 4.02 to 4.05), not hang
 * the build, and must not spend a second deadline closing the stuck backend; {@link #closeCalls()} counts the
 * closes it tried, and {@link #releaseAll()} lets the stuck threads go after the test.
 */
final class HangingOnFailureBackend extends DecoratedBackend {

    private static final AtomicInteger CLOSE_CALLS = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    /** Around the whole execute, hang included, so that close() waits for a stuck phase. */
    private final ExecutionGuard guard = new ExecutionGuard("hanging-on-failure");

    HangingOnFailureBackend(SchedulerConfig config) {
        super(config);
    }

    /** Lets every stuck phase return (for cleaning up after the test). */
    static void releaseAll() {
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** How many times {@code close()} was called on any instance. */
    static int closeCalls() {
        return CLOSE_CALLS.get();
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        guard.enter(false); // only rules 4.0x run against this backend: no system calls execute
        try {
            PhaseResult<C> result = delegate.execute(plan, policy);
            if (!result.failures().isEmpty()) {
                CountDownLatch latch = release;
                while (latch.getCount() > 0) {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        // ignored on purpose: this backend never returns
                    }
                }
            }
            return result;
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() {
        CLOSE_CALLS.incrementAndGet();
        guard.close(false, delegate::close);
    }
}
