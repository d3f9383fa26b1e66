/**
 * Observability for any scheduler backend, built only on the listener SPI
 * ({@link org.ecsched.scheduler.api.SchedulerListener}): JDK Flight Recorder events, a Chrome Trace Event Format
 * recorder viewable in Perfetto, and log formatting of per-phase results and counter windows.
 *
 * <p>Attach either listener (or both, with {@code SchedulerListener.compose}) through
 * {@code SchedulerConfig.builder().listener(...)}. Nothing here knows a particular backend.
 *
 * <p>The JFR event classes live in {@code org.ecsched.scheduler.observability.internal}, which is not exported:
 * JFR needs no {@code opens} for them, because registering an event class makes its package visible to
 * {@code jdk.jfr} (checked by {@code JfrListenerTest}).
 */
module org.ecsched.scheduler.observability {
    // Transitive: the public classes implement SchedulerListener and take PhaseResult and BackendStats.
    requires transitive org.ecsched.scheduler.api;
    // Not transitive: no jdk.jfr type appears in the exported API.
    requires jdk.jfr;

    exports org.ecsched.scheduler.observability;
}
