package org.ecsched.scheduler.api.backend;

/**
 * Fault injection into the scheduler's own code, for tests only: the places where the bookkeeping around a task
 * allocates (and so may throw {@link OutOfMemoryError}) call {@link #check} with their {@link Site}; a test arms
 * an {@link Injector} that throws there. Package-private: nothing outside this package, and nothing at run time,
 * can arm it.
 *
 * <p>Cost when unarmed: one volatile read of a field that is always null, at sites that are already off the
 * fast path (a log that must grow, a failure being recorded, a listener that threw). No site is on the
 * per-entity or per-command path.
 */
final class InternalFaults {

    /** The scheduler's own allocation points around a task. */
    enum Site {
        /** {@code CommandLog.begin} grows its segment arrays (at task begin, before the body runs). */
        LOG_GROWTH,
        /** {@code PhaseRun.recordFailure} allocates the {@code SystemFailure} and may grow the failure list. */
        FAILURE_RECORD,
        /** {@code GuardedListener} builds and logs its warning about a listener that threw. */
        LISTENER_LOG
    }

    /** What a test arms: called at every site reached while armed; throws to simulate a fault there. */
    @FunctionalInterface
    interface Injector {
        void at(Site site);
    }

    /**
     * The armed injector, null unless a test armed one. Written by the test's thread, read at the sites on any
     * thread: volatile, so that a task started after {@code arm} returned sees the injector (and one started
     * after {@code disarm} does not), with no other synchronisation between the test and the workers.
     */
    private static volatile Injector armed;

    private InternalFaults() {
    }

    /** Arms {@code injector} for every site, replacing any armed one. */
    static void arm(Injector injector) {
        armed = injector; // volatile store: seen by every check that starts afterwards
    }

    /** Disarms (every site becomes a single volatile read again). */
    static void disarm() {
        armed = null;
    }

    /** Called at {@code site}: does nothing unless armed, else lets the injector throw. */
    static void check(Site site) {
        Injector injector = armed; // volatile load: the only cost when unarmed
        if (injector != null) {
            injector.at(site);
        }
    }
}
