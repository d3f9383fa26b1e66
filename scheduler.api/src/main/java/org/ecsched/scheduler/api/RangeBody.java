package org.ecsched.scheduler.api;

/**
 * The body of an entity-parallel system, called on disjoint ranges that together cover {@code [0, entityCount)}.
 *
 * <p>The backend chooses the ranges (never smaller than the system's minimum batch, except the last one), and may
 * split differently from run to run. For the delivered command order to be the same on every backend, the
 * commands a call records must depend only on the entities it visits, recorded in ascending entity order: then
 * the commands of {@code [a, c)} equal those of {@code [a, b)} followed by those of {@code [b, c)}, however the
 * range was cut.
 *
 * @param <C> the ECS's command type
 */
@FunctionalInterface
public interface RangeBody<C> {

    /**
     * Runs the system over the entities {@code [start, end)}.
     *
     * @param start   first entity, inclusive
     * @param end     last entity, exclusive ({@code start <= end})
     * @param context where it runs and where it records commands; valid only during this call
     * @throws Exception anything; the scheduler catches it and reports it per the {@link FailurePolicy}
     */
    void run(int start, int end, SystemContext<C> context) throws Exception;
}
