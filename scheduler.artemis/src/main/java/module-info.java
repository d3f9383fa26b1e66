/**
 * Runs an artemis-odb {@code World}'s systems on any ecsched backend, through artemis's pluggable
 * {@code SystemInvocationStrategy}: register {@link org.ecsched.scheduler.artemis.EcschedInvocationStrategy} and
 * let entity systems extend {@link org.ecsched.scheduler.artemis.ParallelIteratingSystem}.
 *
 * <p>artemis-odb 2.3.0 has no module descriptor: it is the automatic module {@code artemis.odb} (named after its
 * jar). It is required transitively because the exported classes extend artemis types. artemis creates components
 * and injects {@code ComponentMapper} fields by reflection, so a game opens its systems' and components' packages
 * to {@code artemis.odb}, as it would without ecsched.
 *
 * <p>Of ours it needs only the user api: backends are chosen by the game ({@code Schedulers.create}) and handed in.
 */
module org.ecsched.scheduler.artemis {
    requires transitive org.ecsched.scheduler.api;
    requires transitive artemis.odb;

    exports org.ecsched.scheduler.artemis;
}
