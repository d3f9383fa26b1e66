package org.ecsched.scheduler.api.backend;

import java.util.Arrays;
import java.util.function.Function;
import org.ecsched.scheduler.api.Plan;

/**
 * Keeps one reusable per-plan state object (typically holding a {@link PhaseRun}) for the most recently used
 * plans, so that executing the same plans frame after frame allocates nothing.
 *
 * <p>A small array scanned linearly, not a map: frames have a handful of phases, lookups must not allocate, and a
 * plan the user dropped must not be kept forever. When full, the least recently used entry is replaced (and
 * would be rebuilt if its plan came back). Not thread-safe: use it from the thread holding the
 * {@link ExecutionGuard}.
 *
 * @param <R> the per-plan state
 */
public final class PlanRunCache<R> {

    /** Plans a cache holds by default: more than the phases of any frame we know of. */
    public static final int DEFAULT_CAPACITY = 64;

    private final Plan<?>[] plans;
    private final Object[] states;
    private final long[] lastUse;
    private long clock;

    /** A cache of {@link #DEFAULT_CAPACITY} plans. */
    public PlanRunCache() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Makes an empty cache.
     *
     * @param capacity how many plans to remember, at least 1
     */
    public PlanRunCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        plans = new Plan<?>[capacity];
        states = new Object[capacity];
        lastUse = new long[capacity];
    }

    /**
     * Returns the state for {@code plan}, creating it with {@code factory} on a miss.
     *
     * @param <P>     the plan's type, as the factory takes it
     * @param plan    the plan, compared by identity
     * @param factory called with the plan on a miss; pass a constant (non-capturing) function to stay garbage-free
     * @return the state, cached or new
     */
    @SuppressWarnings("unchecked")
    public <P extends Plan<?>> R get(P plan, Function<? super P, ? extends R> factory) {
        int victim = 0;
        for (int i = 0; i < plans.length; i++) {
            if (plans[i] == plan) {
                lastUse[i] = ++clock;
                return (R) states[i];
            }
            if (lastUse[i] < lastUse[victim]) {
                victim = i;
            }
        }
        R state = factory.apply(plan);
        plans[victim] = plan;
        states[victim] = state;
        lastUse[victim] = ++clock;
        return state;
    }

    /** Forgets every plan. */
    public void clear() {
        Arrays.fill(plans, null);
        Arrays.fill(states, null);
        Arrays.fill(lastUse, 0);
    }
}
