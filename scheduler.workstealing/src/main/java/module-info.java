/**
 * The work-stealing backend: persistent workers with Chase-Lev deques, a LIFO slot, a shared injector, random
 * victims with batch steal, spin/yield/park idling with throttled wake-ups, adaptive entity-range splitting and
 * per-worker metrics.
 *
 * <p>Exports nothing: reach it through {@code Schedulers.create("workstealing", config)}; it is the default
 * backend of {@code Schedulers.createDefault}.
 *
 * @provides org.ecsched.scheduler.api.SchedulerBackendProvider as {@code "workstealing"}
 */
module org.ecsched.scheduler.workstealing {
    requires org.ecsched.scheduler.api;
    requires org.ecsched.scheduler.deque;

    provides org.ecsched.scheduler.api.SchedulerBackendProvider
            with org.ecsched.scheduler.workstealing.WorkStealingBackendProvider;
}
