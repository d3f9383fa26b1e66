/**
 * The blocking backend: a fixed pool of platform threads fed by one shared blocking queue of ready tasks. The
 * simple, obviously correct baseline every benchmark compares with; with one worker, the sequential oracle.
 *
 * <p>Exports nothing: reach it through {@code Schedulers.create("blocking", config)}.
 *
 * @provides org.ecsched.scheduler.api.SchedulerBackendProvider as {@code "blocking"}
 */
module org.ecsched.scheduler.blocking {
    requires org.ecsched.scheduler.api;

    provides org.ecsched.scheduler.api.SchedulerBackendProvider
            with org.ecsched.scheduler.blocking.BlockingBackendProvider;
}
