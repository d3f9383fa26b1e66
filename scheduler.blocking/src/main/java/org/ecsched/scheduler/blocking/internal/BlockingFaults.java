package org.ecsched.scheduler.blocking.internal;

/**
 * Fault injection into the blocking backend's own code, for this module's tests only: the package is not exported,
 * so nothing outside the module can arm it. The places where a pool thread (or the caller, inside
 * {@code PhaseRun.start}) runs backend code around a task call {@link #check}; a test arms an {@link Injector}
 * that throws there, as an {@link OutOfMemoryError} or any other {@code Throwable} could.
 *
 * <p>Cost when unarmed: one volatile read of a field that is always null, once per task made and once per task
 * taken (the backend already allocates a task object and a queue node per task).
 */
public final class BlockingFaults {

    /** Where the backend's own code may fail around a task. */
    public enum Site {
        /** {@code Dispatch.ready}, before it allocates a task for a ready system. */
        TASK_ALLOCATION,
        /** {@code Dispatch.ready}, just after a task went into the queue (as if {@code add} threw after linking it). */
        TASK_QUEUED,
        /** A pool thread, after it took a task and before it hands it to {@code PhaseRun.runTask}. */
        BEFORE_TASK
    }

    /** What a test arms: called at every site reached while armed, with the task's system; throws to inject. */
    @FunctionalInterface
    public interface Injector {
        /**
         * Called at a site while armed; throws to inject a fault there.
         *
         * @param site   where the backend's code is
         * @param system the position of the task's system in its plan
         */
        void at(Site site, int system);
    }

    /**
     * The armed injector, null unless a test armed one. Volatile: written by the test's thread, read by pool
     * threads and callers with no other synchronisation, and a task made or taken after {@code arm} (or
     * {@code disarm}) returned must see it.
     */
    private static volatile Injector armed;

    private BlockingFaults() {
    }

    /**
     * Arms {@code injector} for every site.
     *
     * @param injector called at every site reached until {@link #disarm()}
     */
    public static void arm(Injector injector) {
        armed = injector; // volatile store
    }

    /** Disarms. */
    public static void disarm() {
        armed = null;
    }

    static void check(Site site, int system) {
        Injector injector = armed; // volatile load: the only cost when unarmed
        if (injector != null) {
            injector.at(site, system);
        }
    }
}
