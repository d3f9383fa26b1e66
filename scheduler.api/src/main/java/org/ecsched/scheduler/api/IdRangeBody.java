package org.ecsched.scheduler.api;

/**
 * The body of an entity-parallel system over a sparse {@link EntitySet}, called on disjoint ranges of positions
 * that together cover {@code [0, entities.size())}. Beside {@link RangeBody}, whose ranges are entity ids
 * themselves.
 *
 * <pre>{@code
 * (entities, from, to, ctx) -> {
 *     for (int p = from; p < to; p++) {
 *         int e = entities.id(p);
 *         pos[e] += vel[e];
 *     }
 * }
 * }</pre>
 *
 * <p>As for {@link RangeBody}: for the delivered command order to be the same on every backend, the commands a call
 * records must depend only on the entities it visits, recorded in ascending position (so id) order.
 *
 * @param <C> the ECS's command type
 */
@FunctionalInterface
public interface IdRangeBody<C> {

    /**
     * Runs the system over the entities at positions {@code [from, to)} of {@code entities}.
     *
     * @param entities the set read when the system became ready this phase; the same object for every range
     * @param from     first position, inclusive
     * @param to       last position, exclusive ({@code from <= to})
     * @param context  where it runs and where it records commands; its {@code rangeStart()} and
     *                 {@code rangeEnd()} are {@code from} and {@code to}; valid only during this call
     * @throws Exception anything; the scheduler catches it and reports it per the {@link FailurePolicy}
     */
    void run(EntitySet entities, int from, int to, SystemContext<C> context) throws Exception;
}
