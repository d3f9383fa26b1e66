package org.ecsched.scheduler.api.internal;

import java.util.Objects;

/**
 * The bridge from {@code org.ecsched.scheduler.api.backend.PlanGraph} to the DAG arrays a {@code Plan} keeps
 * private: the JDK's "shared secrets" pattern. {@code Plan} registers its accessor from its static initializer; the
 * package is not exported, so only the api module itself reaches the arrays, and a user's {@code Plan} shows only
 * the questions a user asks.
 *
 * <p>The accessor takes the plan as an {@code Object}, so that this package does not depend on
 * {@code org.ecsched.scheduler.api} (which depends on it): no package cycle.
 *
 * <p>Why the accessor is always set when asked: {@link #plans()} is called with a {@code Plan} instance at hand,
 * and an instance exists only after {@code Plan}'s class initialization completed (JLS 12.4.2), which ran
 * {@link #register}; initialization happens-before any use of the class by any thread, and the field is volatile
 * besides.
 */
public final class PlanAccess {

    /** What {@code Plan} hands out: its reduced DAG, shared, never copied (callers must not write it). */
    public interface Accessor {
        /** Direct successors of each system, in declaration order. */
        int[][] successors(Object plan);

        /** Direct predecessor count of each system. */
        int[] predecessorCounts(Object plan);

        /** Systems with no predecessor, in declaration order. */
        int[] roots(Object plan);
    }

    private static volatile Accessor accessor;

    private PlanAccess() {
    }

    /**
     * Called once, by {@code Plan}'s static initializer.
     *
     * @throws IllegalStateException if an accessor is already registered
     */
    public static void register(Accessor a) {
        Objects.requireNonNull(a, "accessor");
        if (accessor != null) {
            throw new IllegalStateException("the plan accessor is already registered");
        }
        accessor = a; // volatile store; see the class comment for why readers always find it
    }

    /** The accessor {@code Plan} registered. */
    public static Accessor plans() {
        return accessor;
    }
}
