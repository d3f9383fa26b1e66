package org.ecsched.scheduler.api.internal;

import java.util.Objects;
import org.ecsched.scheduler.api.Plan;

/**
 * The bridge from {@code org.ecsched.scheduler.api.backend.PlanGraph} to the DAG arrays a {@link Plan} keeps
 * private: the JDK's "shared secrets" pattern. {@code Plan} registers its accessor from its static initializer; the
 * package is not exported, so only the api module itself reaches the arrays, and a user's {@code Plan} shows only
 * the questions a user asks.
 *
 * <p>Why the accessor is always set when asked: {@link #graphOf} is called with a {@code Plan} instance, and an
 * instance exists only after {@code Plan}'s class initialization completed (JLS 12.4.2), which ran
 * {@link #register}; initialization happens-before any use of the class by any thread, and the field is
 * volatile besides.
 */
public final class PlanAccess {

    /** What {@code Plan} hands out: its reduced DAG, shared, never copied (callers must not write it). */
    public interface Accessor {
        /** Direct successors of each system, in declaration order. */
        int[][] successors(Plan<?> plan);

        /** Direct predecessor count of each system. */
        int[] predecessorCounts(Plan<?> plan);

        /** Systems with no predecessor, in declaration order. */
        int[] roots(Plan<?> plan);
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
