package org.ecsched.scheduler.testkit.broken;

import java.util.concurrent.CountDownLatch;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;

/**
 * Broken on purpose: when a system throws, its phase never returns, as when a throwing task is never counted
 * down. Interrupts are ignored. The kit must fail the rule by its timeout (rule 4.01, and 4.02 to 4.05), not hang
 * the build; {@link #releaseAll()} lets the stuck threads go after the test.
 */
final class HangingOnFailureBackend extends DecoratedBackend {

    private static volatile CountDownLatch release = new CountDownLatch(1);

    HangingOnFailureBackend(SchedulerConfig config) {
        super(config);
    }

    /** Lets every stuck phase return (for cleaning up after the test). */
    static void releaseAll() {
        release.countDown();
        release = new CountDownLatch(1);
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
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
    }
}
