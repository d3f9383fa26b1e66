package org.ecsched.scheduler.testkit;

import org.ecsched.scheduler.testkit.rules.*;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ecsched.scheduler.testkit.oracle.ThreadLeaks;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs every rule (and every {@code @AfterEach}) of a {@link SchedulerBackendVerification} on a thread of its own
 * with a deadline, so that a backend that hangs fails its rule instead of hanging the build. On timeout the rule
 * fails with the stack of the stuck thread (which shows where the backend hangs); that thread is interrupted and
 * abandoned as a daemon.
 *
 * <p><b>One deadline per stuck rule.</b> A rule stuck in a phase leaves that phase running, and a correct
 * {@code close()} waits for the running phase (rule 5.07): the {@code @AfterEach} closing the rule's backends would
 * hang until its own deadline, doubling the cost of every stuck rule (two minutes each), and its close would stay
 * blocked after the rule had failed. So on timeout the rule's backends are abandoned
 * ({@link SchedulerBackendVerification#abandonBackends}): the {@code @AfterEach} does not close them, the failure
 * message says so, and the abandoned rule thread can create no more. The {@code @AfterEach} keeps a deadline of
 * its own for a close that hangs after a rule that finished.
 *
 * <p>A failure is labelled with the rule under test ({@code [rule 3.02 commandsSameOverRepeatedRuns] ...}), whatever
 * finding or exception caused it. The deadline is {@link SchedulerBackendVerification#ruleTimeout()} (60 s times
 * {@value TestkitSettings#TIMEOUT_FACTOR_PROPERTY}), plus the stress duration for stress rules.
 */
final class RuleTimeoutExtension implements InvocationInterceptor {

    RuleTimeoutExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extension) throws Throwable {
        run(invocation, context, extension);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                         ExtensionContext extension) throws Throwable {
        run(invocation, context, extension);
    }

    private static void run(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                            ExtensionContext extension) throws Throwable {
        Object target = context.getTarget().orElse(null);
        if (!(target instanceof SchedulerBackendVerification verification)) {
            invocation.proceed();
            return;
        }
        String method = context.getExecutable().getName();
        Duration timeout = verification.timeoutFor(method);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread runner = new Thread(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        }, "ecsched-testkit-" + method);
        runner.setDaemon(true);
        runner.start();
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            String stack = ThreadLeaks.describe(List.of(runner), 24);
            String left = verification.abandonBackends(method + " did not finish within its deadline");
            runner.interrupt();
            String rule = Rule.forMethod(method).map(r -> "\n" + r.explain()).orElse("");
            throw labelled(method, new AssertionError(method + " did not finish within " + timeout.toMillis() + " ms ("
                    + TestkitSettings.TIMEOUT_FACTOR_PROPERTY + "=" + TestkitSettings.timeoutFactor()
                    + "): the backend hangs, for example a phase that never returns or a close() that never"
                    + " joins. The stuck test thread:" + stack + left + rule));
        }
        Throwable t = failure.get();
        if (t != null) {
            throw labelled(method, t);
        }
    }

    /**
     * The failure with the rule under test named first, so that a report line alone says which rule broke: an
     * assertion keeps its stack (and expected/actual values); anything else the backend threw becomes the cause.
     * Skips ({@link TestAbortedException}) pass through.
     */
    static Throwable labelled(String method, Throwable t) {
        Rule rule = Rule.forMethod(method).orElse(null);
        if (rule == null || t instanceof TestAbortedException) {
            return t;
        }
        String prefix = "[rule " + rule.label() + "] ";
        String message = String.valueOf(t.getMessage());
        if (message.startsWith(prefix)) {
            return t;
        }
        if (!(t instanceof AssertionError)) {
            AssertionFailedError thrown = new AssertionFailedError(prefix + "threw " + t, t);
            thrown.setStackTrace(t.getStackTrace()); // the top frames are where the backend threw
            return thrown;
        }
        AssertionFailedError labelled = t instanceof AssertionFailedError a && a.isExpectedDefined()
                && a.isActualDefined()
                ? new AssertionFailedError(prefix + message, a.getExpected().getValue(), a.getActual().getValue())
                : new AssertionFailedError(prefix + message);
        labelled.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            labelled.addSuppressed(s);
        }
        return labelled;
    }
}
