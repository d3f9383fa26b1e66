/**
 * The scheduler SPI: what an ECS author uses to describe systems and phases, and what a backend author
 * implements and reuses.
 *
 * <p>{@code org.ecsched.scheduler.api} holds the user-facing types ({@link org.ecsched.scheduler.api.SystemSpec},
 * {@link org.ecsched.scheduler.api.Phase}, {@link org.ecsched.scheduler.api.Plan},
 * {@link org.ecsched.scheduler.api.SchedulerBackend}, {@link org.ecsched.scheduler.api.Schedulers}, ...).
 * {@code org.ecsched.scheduler.api.backend} holds the bookkeeping every backend needs (outcomes, policies, the
 * deterministic command merge, misuse guards), so that a backend only decides <em>where</em> a task runs.
 * {@code org.ecsched.scheduler.api.internal} is not exported: it lets {@code api.backend.PlanGraph} read the
 * DAG that {@code Plan} keeps private.
 *
 * @uses org.ecsched.scheduler.api.SchedulerBackendProvider
 */
module org.ecsched.scheduler.api {
    exports org.ecsched.scheduler.api;
    exports org.ecsched.scheduler.api.backend;

    uses org.ecsched.scheduler.api.SchedulerBackendProvider;
}
