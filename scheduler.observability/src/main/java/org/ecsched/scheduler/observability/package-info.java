/**
 * Observability for any scheduler backend, built on {@link org.ecsched.scheduler.api.SchedulerListener}:
 * <ul>
 *   <li>{@link org.ecsched.scheduler.observability.JfrListener}: JDK Flight Recorder events
 *       ({@code ecsched.Phase}, {@code ecsched.System}, {@code ecsched.Steal}, {@code ecsched.Park});</li>
 *   <li>{@link org.ecsched.scheduler.observability.ChromeTraceRecorder}: a per-worker timeline as Chrome Trace
 *       Event Format JSON, for Perfetto or {@code chrome://tracing};</li>
 *   <li>{@link org.ecsched.scheduler.observability.MetricsFormatter}: one-line phase summaries and counter tables
 *       of a window, for logs.</li>
 * </ul>
 * Attach both listeners at once with {@code SchedulerListener.compose(jfr, trace)}.
 *
 * <p>Start with {@link org.ecsched.scheduler.observability.ChromeTraceRecorder} to see where a phase's time goes
 * per worker; the module's README reads a trace of the demo figure by figure. The JFR event classes are in a
 * package that is not exported.
 */
package org.ecsched.scheduler.observability;
