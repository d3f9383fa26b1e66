package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemContext;

/**
 * What the instrumented bodies of a {@link PhaseInstance} report while a backend runs them: every task, the
 * component guards, the context each task was handed, and the worker indices in use.
 *
 * <h2>Component guards</h2>
 * Each component has one {@code long} of state, changed only by CAS: the high 32 bits hold the writing system
 * plus one (0: no writer), the low 32 bits the number of tasks inside (of the writer if there is one, else of
 * readers). A writer enters only a free component or one its own system already holds (the ranges of one system
 * may overlap each other); a reader enters only a component with no writer. A task that cannot enter records an
 * overlap naming both systems and runs on without holding the guard. No check depends on timing: a reported
 * overlap is two conflicting bodies that were provably inside at once.
 *
 * <h2>Logical clock</h2>
 * One {@link AtomicLong}, ticked after a task entered its guards and before it leaves them, orders tasks for the
 * ordering check (see {@link TaskRecord}).
 *
 * <p>Thread-safe; {@link #reset} only between phases.
 */
public final class PhaseProbe {

    /** Most messages of one kind kept per phase (the count is kept exactly). */
    private static final int KEEP = 20;

    private final String[] systemNames;
    private final String[] componentNames;
    private final int[][] readIds;
    private final int[][] writeIds;
    private final AtomicLongArray guards;
    /** Active reader tasks per (component, system), to name the readers in an overlap message. */
    private final AtomicIntegerArray readers;
    private final AtomicLong clock = new AtomicLong();
    private final ConcurrentLinkedQueue<TaskRecord> tasks = new ConcurrentLinkedQueue<>();
    private final Messages overlaps = new Messages();
    private final Messages contextErrors = new Messages();
    /** The thread inside each worker index; sized by {@link #reset}, published to workers by the phase start. */
    private volatile AtomicReferenceArray<Thread> workerThreads = new AtomicReferenceArray<>(0);
    private final AtomicInteger inside = new AtomicInteger();
    private final LongAdder commands = new LongAdder();
    private volatile int workers = SchedulerConfig.MAX_WORKERS;

    PhaseProbe(PhaseModel model) {
        List<String> components = model.components();
        int n = model.size();
        systemNames = new String[n];
        componentNames = components.toArray(new String[0]);
        readIds = new int[n][];
        writeIds = new int[n][];
        for (int s = 0; s < n; s++) {
            SystemModel m = model.system(s);
            systemNames[s] = m.name();
            writeIds[s] = m.writes().stream().distinct().mapToInt(components::indexOf).toArray();
            readIds[s] = m.reads().stream().distinct().filter(c -> !m.writes().contains(c))
                    .mapToInt(components::indexOf).toArray();
        }
        guards = new AtomicLongArray(Math.max(1, components.size()));
        readers = new AtomicIntegerArray(Math.max(1, components.size() * n));
    }

    /** A task in progress: returned by {@link #enter}, passed back to {@link #exit}. */
    public static final class Ticket {
        final int system;
        final int start;
        final int end;
        final int worker;
        final long enterTick;
        final boolean ownsWorker;
        final boolean[] heldReads;
        final boolean[] heldWrites;

        Ticket(int system, int start, int end, int worker, long enterTick, boolean ownsWorker, boolean[] heldReads,
               boolean[] heldWrites) {
            this.system = system;
            this.start = start;
            this.end = end;
            this.worker = worker;
            this.enterTick = enterTick;
            this.ownsWorker = ownsWorker;
            this.heldReads = heldReads;
            this.heldWrites = heldWrites;
        }
    }

    /**
     * Forgets the last phase; call only while no task runs.
     *
     * @param workerCount the backend's worker count for the next phase
     */
    public void reset(int workerCount) {
        this.workers = workerCount;
        if (workerThreads.length() < workerCount) {
            workerThreads = new AtomicReferenceArray<>(workerCount);
        }
        tasks.clear();
        overlaps.clear();
        contextErrors.clear();
        commands.reset();
    }

    /**
     * Called first thing in a body: checks the context, claims the worker index and the component guards.
     *
     * @param system the body's system
     * @param start  the task's first entity (0 for a system that runs once)
     * @param end    the task's end entity, exclusive (0 for a system that runs once)
     * @param ctx    the context the backend handed the body
     * @return what was claimed, for {@link #exit}
     */
    public Ticket enter(int system, int start, int end, SystemContext<?> ctx) {
        inside.incrementAndGet();
        checkContext(system, start, end, ctx);
        int worker = ctx.workerIndex();
        boolean ownsWorker = claimWorker(worker);
        boolean[] heldWrites = new boolean[writeIds[system].length];
        for (int k = 0; k < heldWrites.length; k++) {
            heldWrites[k] = enterWriter(system, writeIds[system][k]);
        }
        boolean[] heldReads = new boolean[readIds[system].length];
        for (int k = 0; k < heldReads.length; k++) {
            heldReads[k] = enterReader(system, readIds[system][k]);
        }
        return new Ticket(system, start, end, worker, clock.incrementAndGet(), ownsWorker, heldReads, heldWrites);
    }

    /**
     * Called last thing in a body (also when it throws): releases what {@link #enter} claimed.
     *
     * @param t     what {@link #enter} returned
     * @param threw whether the body threw
     */
    public void exit(Ticket t, boolean threw) {
        long exitTick = clock.incrementAndGet();
        for (int k = 0; k < t.heldReads.length; k++) {
            if (t.heldReads[k]) {
                exitReader(t.system, readIds[t.system][k]);
            }
        }
        for (int k = 0; k < t.heldWrites.length; k++) {
            if (t.heldWrites[k]) {
                exitWriter(writeIds[t.system][k]);
            }
        }
        if (t.ownsWorker) {
            workerThreads.compareAndSet(t.worker, Thread.currentThread(), null); // reset() only grows it between phases
        }
        tasks.add(new TaskRecord(t.system, t.start, t.end, t.worker, t.enterTick, exitTick, threw));
        inside.decrementAndGet();
    }

    /** Counts commands a body recorded. */
    void recorded(int count) {
        commands.add(count);
    }

    private void checkContext(int system, int start, int end, SystemContext<?> ctx) {
        String task = "task of '" + systemNames[system] + "' [" + start + ", " + end + ")";
        if (ctx.systemIndex() != system) {
            contextErrors.add(task + ": context says systemIndex " + ctx.systemIndex() + ", expected " + system);
        }
        if (!systemNames[system].equals(ctx.systemName())) {
            contextErrors.add(task + ": context says systemName '" + ctx.systemName() + "'");
        }
        if (ctx.rangeStart() != start || ctx.rangeEnd() != end) {
            contextErrors.add(task + ": context says range [" + ctx.rangeStart() + ", " + ctx.rangeEnd() + ")");
        }
        int w = ctx.workerIndex();
        int count = ctx.workerCount(); // a backend may use fewer indices than configured (a sequential one: 1)
        if (w < 0 || w >= workers) {
            contextErrors.add(task + ": workerIndex " + w + " is outside [0, " + workers + ")");
        } else if (count < 1 || count > workers || w >= count) {
            contextErrors.add(task + ": workerCount " + count + " is not in [1, " + workers + "] or does not"
                    + " exceed workerIndex " + w);
        }
    }

    private boolean claimWorker(int worker) {
        AtomicReferenceArray<Thread> owners = workerThreads;
        if (worker < 0 || worker >= workers || worker >= owners.length()) {
            return false;
        }
        Thread me = Thread.currentThread();
        Thread other = owners.compareAndExchange(worker, null, me);
        if (other == null) {
            return true;
        }
        if (other != me) {
            contextErrors.add("worker index " + worker + " was used by threads '" + other.getName() + "' and '"
                    + me.getName() + "' at the same time");
        }
        return false;
    }

    private boolean enterWriter(int system, int c) {
        long mine = (long) (system + 1) << 32;
        while (true) {
            long st = guards.get(c);
            long next;
            if (st == 0) {
                next = mine | 1;
            } else if ((st & 0xFFFF_FFFF_0000_0000L) == mine) {
                next = st + 1;
            } else {
                overlaps.add(describeOverlap(system, true, c, st));
                return false;
            }
            if (guards.compareAndSet(c, st, next)) {
                return true;
            }
        }
    }

    private void exitWriter(int c) {
        while (true) {
            long st = guards.get(c);
            long next = (st & 0xFFFF_FFFFL) == 1 ? 0 : st - 1;
            if (guards.compareAndSet(c, st, next)) {
                return;
            }
        }
    }

    private boolean enterReader(int system, int c) {
        while (true) {
            long st = guards.get(c);
            if ((st >>> 32) != 0) {
                overlaps.add(describeOverlap(system, false, c, st));
                return false;
            }
            if (guards.compareAndSet(c, st, st + 1)) {
                readers.incrementAndGet(c * systemNames.length + system);
                return true;
            }
        }
    }

    private void exitReader(int system, int c) {
        readers.decrementAndGet(c * systemNames.length + system);
        guards.decrementAndGet(c); // no writer can be present while we hold a read
    }

    private String describeOverlap(int system, boolean writing, int c, long state) {
        int writer = (int) (state >>> 32) - 1;
        String holders;
        if (writer >= 0) {
            holders = "'" + systemNames[writer] + "' (writes it)";
        } else {
            List<String> names = new ArrayList<>();
            for (int s = 0; s < systemNames.length; s++) {
                if (readers.get(c * systemNames.length + s) > 0) {
                    names.add("'" + systemNames[s] + "'");
                }
            }
            holders = (names.isEmpty() ? "a reader" : String.join(", ", names)) + " (reads it)";
        }
        return "'" + systemNames[system] + "' (" + (writing ? "writes" : "reads") + " " + componentNames[c]
                + ") started while " + holders + " was running";
    }

    /** {@return every task that ran since the last reset, in no particular order} */
    public List<TaskRecord> tasks() {
        return new ArrayList<>(tasks);
    }

    /** {@return the overlaps of conflicting systems seen by the guards (at most a few kept)} */
    public List<String> overlaps() {
        return overlaps.list();
    }

    /** {@return the number of overlaps seen} */
    public int overlapCount() {
        return overlaps.count();
    }

    /** {@return the context mismatches and worker indices used by two threads at once (at most a few kept)} */
    public List<String> contextErrors() {
        return contextErrors.list();
    }

    /** {@return the number of context errors seen} */
    public int contextErrorCount() {
        return contextErrors.count();
    }

    /** {@return the number of bodies currently running} */
    public int tasksInside() {
        return inside.get();
    }

    /**
     * {@return the number of commands recorded by bodies since the last reset} Those of tasks that then threw are
     * included.
     */
    public long commandsRecorded() {
        return commands.sum();
    }

    /** A bounded message list with an exact count. */
    private static final class Messages {
        private final ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        void add(String message) {
            if (count.getAndIncrement() < KEEP) {
                kept.add(message);
            }
        }

        void clear() {
            kept.clear();
            count.set(0);
        }

        List<String> list() {
            return new ArrayList<>(kept);
        }

        int count() {
            return count.get();
        }
    }
}
