package org.ecsched.scheduler.api.backend;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;

/**
 * The listener a backend should call: the configured one, with every callback shielded. A callback that throws
 * loses its event, never the phase: a worker thread must not die, and a phase must not hang, because tracing code
 * failed. Guarded callbacks never throw.
 *
 * <p>The first failure of a listener is logged at {@code WARNING} with its stack trace (logger
 * {@code org.ecsched.scheduler.api.backend.GuardedListener}), once per listener instance however many guards wrap
 * it (backends make one per worker and per plan run): the "warned" flag is shared by every guard around the same
 * delegate, found by identity in a small weak registry when the guard is made. Later failures are only counted,
 * per guard ({@link #failures()}). A warning that cannot be written (the message cannot be allocated, the logging
 * backend throws) is dropped, the failure stays counted, and the next failure tries the warning again.
 *
 * <p>On the normal path the guard costs a call and an exception-table entry, no allocation.
 */
public final class GuardedListener implements SchedulerListener {

    private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());

    private final SchedulerListener delegate;
    private final AtomicLong failures = new AtomicLong();
    /** Whether the delegate's failure has been logged: shared by every guard around the same delegate. */
    private final AtomicBoolean warned;

    private GuardedListener(SchedulerListener delegate) {
        this.delegate = delegate;
        this.warned = Warnings.flagFor(delegate);
    }

    /**
     * The guarded form of {@code config}'s listener.
     *
     * @param config the backend's configuration
     * @return the guarded listener, or null when it has none (so call sites keep a null check)
     */
    public static SchedulerListener of(SchedulerConfig config) {
        SchedulerListener l = config.listener().orElse(null);
        return l == null || l instanceof GuardedListener ? l : new GuardedListener(l);
    }

    /** {@return the callbacks of this guard that threw so far} */
    public long failures() {
        return failures.get();
    }

    /** Counts a failure and, for the delegate's first, logs it; never throws. */
    private void failed(String callback, Throwable t) {
        failures.getAndIncrement(); // no allocation: the count survives whatever follows
        // Volatile read first, so that a listener failing on every callback costs no CAS once it was warned about;
        // the CAS picks one guard (of however many wrap the delegate, on whichever threads) to write the warning.
        if (warned.get() || !warned.compareAndSet(false, true)) {
            return;
        }
        try {
            InternalFaults.check(InternalFaults.Site.LISTENER_LOG);
            LOG.log(System.Logger.Level.WARNING, "scheduler listener " + delegate.getClass().getName() + "."
                    + callback + " threw; its events are dropped when it throws, the phases go on (logged once per"
                    + " listener; later failures are only counted)", t);
        } catch (Throwable cannotLog) {
            // The warning could not be built or written (out of memory, a broken logging backend). The failure is
            // counted and its event dropped; let the next failure try the warning again.
            warned.set(false);
        }
    }

    /**
     * One "warned" flag per delegate instance, kept while the delegate is reachable: a map from weak,
     * identity-compared keys, purged of collected delegates whenever a guard is made. Guards are made when
     * backends and plan runs are built, never per phase, so a lock is fine here.
     */
    private static final class Warnings {
        private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
        private static final Map<IdentityKey, AtomicBoolean> FLAGS = new HashMap<>();

        static synchronized AtomicBoolean flagFor(SchedulerListener delegate) {
            for (Reference<?> r; (r = COLLECTED.poll()) != null; ) {
                FLAGS.remove(r);
            }
            return FLAGS.computeIfAbsent(new IdentityKey(delegate, COLLECTED), k -> new AtomicBoolean());
        }
    }

    /** A weak reference that equals another one to the same (identical, still reachable) object. */
    private static final class IdentityKey extends WeakReference<Object> {
        private final int hash;

        IdentityKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true; // also how a collected key is found again to be removed
            }
            Object mine = get();
            return mine != null && o instanceof IdentityKey k && k.get() == mine;
        }
    }

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        try {
            delegate.phaseStarted(plan, phaseNumber, nanoTime);
        } catch (Throwable t) {
            failed("phaseStarted", t);
        }
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        try {
            delegate.phaseFinished(plan, phaseNumber, result, nanoTime);
        } catch (Throwable t) {
            failed("phaseFinished", t);
        }
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        try {
            delegate.taskStarted(worker, plan, system, rangeStart, rangeEnd, nanoTime);
        } catch (Throwable t) {
            failed("taskStarted", t);
        }
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        try {
            delegate.taskFinished(worker, plan, system, rangeStart, rangeEnd, failed, nanoTime);
        } catch (Throwable t) {
            failed("taskFinished", t);
        }
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        try {
            delegate.stolen(thief, victim, count, nanoTime);
        } catch (Throwable t) {
            failed("stolen", t);
        }
    }

    @Override
    public void parked(int worker, long nanoTime) {
        try {
            delegate.parked(worker, nanoTime);
        } catch (Throwable t) {
            failed("parked", t);
        }
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        try {
            delegate.unparked(worker, nanoTime);
        } catch (Throwable t) {
            failed("unparked", t);
        }
    }

    @Override
    public String toString() {
        return "GuardedListener[" + delegate + "]";
    }
}
