package org.ecsched.scheduler.blocking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * Instruments systems to check, without any timing, that a backend never lets conflicting systems overlap and
 * honours every ordering of the plan.
 *
 * <p><b>Overlap.</b> Each component has a guard, one {@link AtomicLong}: the high half holds the writing system
 * plus one (0: no writer), the low half the number of tasks inside (readers, or the writer's own ranges -- ranges
 * of one system may overlap each other). A task enters the guards of everything its system declares before its
 * body's work and leaves them after; entering a component that another system holds in a conflicting way records
 * a violation.
 *
 * <p><b>Ordering.</b> A logical clock (one atomic counter) stamps the first start and the last end of each
 * system; {@link #orderingViolations} checks {@code lastEnd[a] < firstStart[b]} for every pair the plan orders.
 * The counter is a single atomic, so a happens-before edge from a's end to b's start shows in the stamps.
 *
 * <p>Each body also spins a little between entering and leaving, so that a wrong schedule would really overlap.
 */
final class Probe {

    private final Map<Object, AtomicLong> guards = new HashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLongArray firstStart;
    private final AtomicLongArray lastEnd;
    private final int spin;

    /**
     * @param systems    number of systems (positions 0..systems-1)
     * @param components every component key any system declares
     * @param spin       busy iterations inside each task, to widen the window a wrong schedule would overlap in
     */
    Probe(int systems, Set<?> components, int spin) {
        for (Object c : components) {
            guards.put(c, new AtomicLong());
        }
        this.firstStart = new AtomicLongArray(systems);
        this.lastEnd = new AtomicLongArray(systems);
        for (int s = 0; s < systems; s++) {
            firstStart.set(s, Long.MAX_VALUE);
            lastEnd.set(s, Long.MIN_VALUE);
        }
        this.spin = spin;
    }

    /** Forgets the stamps of the previous phase (violations are kept). */
    void resetStamps() {
        for (int s = 0; s < firstStart.length(); s++) {
            firstStart.set(s, Long.MAX_VALUE);
            lastEnd.set(s, Long.MIN_VALUE);
        }
    }

    List<String> violations() {
        return new ArrayList<>(violations);
    }

    /** Whether system {@code s} ran at least one task since the last reset. */
    boolean ran(int s) {
        return firstStart.get(s) != Long.MAX_VALUE;
    }

    /** Pairs the plan orders whose stamps show the second starting before the first ended. */
    List<String> orderingViolations(Plan<?> plan) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < plan.systemCount(); a++) {
            for (int b = 0; b < plan.systemCount(); b++) {
                if (plan.isOrderedBefore(a, b) && ran(a) && ran(b) && lastEnd.get(a) >= firstStart.get(b)) {
                    out.add("'" + plan.system(b).name() + "' started (tick " + firstStart.get(b) + ") before '"
                            + plan.system(a).name() + "' ended (tick " + lastEnd.get(a) + ")");
                }
            }
        }
        return out;
    }

    /** Enters as a task of system {@code s} with declared reads and writes; returns a token for {@link #exit}. */
    void enter(int s, String name, Set<Object> reads, Set<Object> writes) {
        firstStart.accumulateAndGet(s, clock.incrementAndGet(), Math::min);
        for (Object c : writes) {
            AtomicLong g = guards.get(c);
            while (true) {
                long v = g.get();
                long owner = v >>> 32;
                long count = v & 0xFFFF_FFFFL;
                if (owner == 0 && count != 0) {
                    violations.add("'" + name + "' writes " + c + " while " + count + " reader task(s) are inside");
                    break;
                }
                if (owner != 0 && owner != s + 1) {
                    violations.add("'" + name + "' writes " + c + " while system #" + (owner - 1) + " writes it");
                    break;
                }
                if (g.compareAndSet(v, ((long) (s + 1) << 32) | (count + 1))) {
                    break;
                }
            }
        }
        for (Object c : reads) {
            AtomicLong g = guards.get(c);
            while (true) {
                long v = g.get();
                long owner = v >>> 32;
                if (owner != 0) {
                    violations.add("'" + name + "' reads " + c + " while system #" + (owner - 1) + " writes it");
                    break;
                }
                if (g.compareAndSet(v, v + 1)) {
                    break;
                }
            }
        }
        for (int i = 0; i < spin; i++) {
            Thread.onSpinWait();
        }
    }

    /** Leaves what {@link #enter} entered (a guard entered with a violation is left alone). */
    void exit(int s, Set<Object> reads, Set<Object> writes) {
        for (Object c : writes) {
            AtomicLong g = guards.get(c);
            while (true) {
                long v = g.get();
                if (v >>> 32 != s + 1) {
                    break; // entered with a violation
                }
                long count = (v & 0xFFFF_FFFFL) - 1;
                if (g.compareAndSet(v, count == 0 ? 0 : ((long) (s + 1) << 32) | count)) {
                    break;
                }
            }
        }
        for (Object c : reads) {
            AtomicLong g = guards.get(c);
            while (true) {
                long v = g.get();
                if (v >>> 32 != 0 || v == 0) {
                    break; // entered with a violation
                }
                if (g.compareAndSet(v, v - 1)) {
                    break;
                }
            }
        }
        lastEnd.accumulateAndGet(s, clock.incrementAndGet(), Math::max);
    }

    /** What a probed body does inside the guards. */
    interface Work<C> {
        void run(int start, int end, SystemContext<C> ctx) throws Exception;
    }

    /** A run-once body at position {@code s} of a system declaring {@code reads}/{@code writes}. */
    <C> SystemBody<C> once(int s, String name, Set<Object> reads, Set<Object> writes, Work<C> work) {
        return ctx -> {
            enter(s, name, reads, writes);
            try {
                work.run(0, 0, ctx);
            } finally {
                exit(s, reads, writes);
            }
        };
    }

    /** A range body at position {@code s}. */
    <C> RangeBody<C> ranges(int s, String name, Set<Object> reads, Set<Object> writes, Work<C> work) {
        return (start, end, ctx) -> {
            enter(s, name, reads, writes);
            try {
                work.run(start, end, ctx);
            } finally {
                exit(s, reads, writes);
            }
        };
    }

    /** Declared access of a system, for building probed bodies. */
    record Access(Set<Object> reads, Set<Object> writes) {
        static Access of(SystemSpec<?> spec) {
            return new Access(spec.reads(), spec.writes());
        }
    }
}
