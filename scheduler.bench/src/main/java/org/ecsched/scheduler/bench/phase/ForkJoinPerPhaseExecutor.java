package org.ecsched.scheduler.bench.phase;

import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * The {@code forkjoin-phase} peer, the benchmark's headline ForkJoinPool peer: a phase's DAG written the way an
 * expert writes a dependency graph on a ForkJoinPool, with one submission per phase. It is the strongest honest peer
 * we know how to write; it is not zero-garbage (tasks are allocated per phase, as ForkJoinPool code normally does).
 *
 * <pre>
 * Implementation overview
 * -----------------------
 * The caller submits one task per phase, pool.invoke(new PhaseTask()), and waits for it (a thread outside a
 * private pool cannot help in JDK 17: ForkJoinTask.awaitDone helps only in the common pool, so the caller parks).
 * Everything else happens inside the pool, with no further external submission and no wake-up of the caller
 * until the phase is complete.
 *
 * The tasks form a CountedCompleter tree (java.util.concurrent.CountedCompleter, Doug Lea; its class comment's
 * ForEach example is the splitting idiom used twice below):
 *
 *   PhaseTask                 the root; the caller joins it. Its pending count starts at systems - 1, and each
 *                             SystemTask that completes decrements it, so the last system to finish completes it.
 *   SystemTask(slice)         runs one system. It is handed a slice of a list of ready systems: the roots at
 *                             phase start, or one released successor. While the slice holds more than one system
 *                             it forks its upper half as a sibling SystemTask (completer: the PhaseTask) and keeps
 *                             the lower half, so thieves take half of the remaining roots in one steal rather than
 *                             one system at a time; every SystemTask ends up running exactly one system, hence
 *                             the root's count. An entity-parallel system then splits its range the same way:
 *                             while the range holds at least 2 * minBatch entities, fork the upper half as a
 *                             RangeTask child and keep the lower; run the last piece inline.
 *   RangeTask(start, end)     the same splitting loop below a system; leaves hold [minBatch, 2 * minBatch)
 *                             entities (the whole range if it is shorter).
 *
 * When the last piece of a system completes (its SystemTask's pending count reaches zero), CountedCompleter calls
 * SystemTask.onCompletion in that thread: it counts down the system's successors and forks each one that reaches
 * zero, then completion propagates to the PhaseTask. So a finished system forks its ready successors from inside
 * the pool, on the thread that finished it, and the DAG's order holds: a successor is forked only after all of its
 * predecessors' pieces have completed.
 *
 * Countdowns. pending[s] holds how many predecessors of s have not finished in this phase. It is re-armed to
 * predecessorCount(s) by the thread that releases s (the one whose decrement reached zero; no other thread
 * touches pending[s] again in this phase), so a phase starts with no O(systems) reset. That store happens before
 * the next phase's decrements: it precedes the releaser's completion, which precedes the PhaseTask's completion,
 * which the caller's join observes before it submits the next phase. A failed phase leaves countdowns half spent,
 * so the executor refuses further phases after one (the benchmark stops at the first failure anyway).
 *
 * Memory visibility between systems (a successor sees its predecessors' writes) comes from ForkJoinPool's own
 * guarantees: the decrement is a volatile read-modify-write, and fork happens-before the forked task runs.
 * </pre>
 *
 * <p>Bodies get {@link NoCommands#CONTEXT}: the benchmark workloads record no commands.
 */
final class ForkJoinPerPhaseExecutor implements PlanExecutor {

    private final ForkJoinPool pool;
    private final Plan<Object> plan;
    private final PlanGraph graph;
    /** The roots in declaration order: the list the first SystemTask splits. Written once. */
    private final int[] roots;
    /** successors[s]: the systems waiting directly for s, each a one-element slice when released. Written once. */
    private final int[][] successors;
    /** The minimum batch of each system, the spec's own or the scheduler default. Written once. */
    private final int[] minBatch;
    /** Unfinished predecessors per system in the current phase; decremented by finishers, re-armed by releasers. */
    private final AtomicIntegerArray pending;
    /** Set when a phase failed: its countdowns are not re-armed. Written and read by the calling thread only. */
    private boolean failed;

    /** An executor on a pool it may share with others (the phases of one frame); the pool's owner shuts it down. */
    ForkJoinPerPhaseExecutor(Plan<Object> plan, ForkJoinPool pool) {
        this.pool = pool;
        this.plan = plan;
        this.graph = PlanGraph.of(plan);
        int n = plan.systemCount();
        this.roots = new int[graph.rootCount()];
        for (int k = 0; k < roots.length; k++) {
            roots[k] = graph.root(k);
        }
        this.successors = new int[n][];
        this.minBatch = new int[n];
        this.pending = new AtomicIntegerArray(n);
        int defaultBatch = SchedulerConfig.defaults().minBatchSize();
        for (int s = 0; s < n; s++) {
            successors[s] = new int[graph.successorCount(s)];
            for (int k = 0; k < successors[s].length; k++) {
                successors[s][k] = graph.successor(s, k);
            }
            int own = plan.system(s).minBatchSize();
            minBatch[s] = own == SystemSpec.DEFAULT_MIN_BATCH ? defaultBatch : own;
            pending.set(s, graph.predecessorCount(s)); // published to the pool by the first invoke
        }
    }

    @Override
    public void runPhase() {
        if (failed) {
            throw new IllegalStateException("a previous phase failed; its countdowns were not re-armed");
        }
        try {
            pool.invoke(new PhaseTask()); // the phase's only submission; the caller waits for its completion
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() {
        // The pool belongs to the frame that made it (PhaseBenchmark), which shuts it down.
    }

    /** The root of the phase's completer tree; completes when its last system does. */
    private final class PhaseTask extends CountedCompleter<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public void compute() {
            int n = plan.systemCount();
            if (n == 0) {
                tryComplete(); // pending count 0: completes at once
                return;
            }
            setPendingCount(n - 1); // one decrement per finished system; the n-th finds 0 and completes this task
            new SystemTask(this, roots, 0, roots.length).compute(); // run here rather than fork and pop it back
        }
    }

    /** One system, after handing the rest of its slice of ready systems to siblings. */
    private final class SystemTask extends CountedCompleter<Void> {
        private static final long serialVersionUID = 1L;
        private final int[] list;
        private final int lo;
        private int hi;
        /**
         * The system this task runs, known once the slice is split down to one. Written in compute before the
         * task's range forks and its tryComplete, whose volatile pending-count updates publish it to the thread
         * that runs onCompletion.
         */
        private int system;

        /** A task for the systems {@code list[lo..hi)}; its completer is always the phase. */
        SystemTask(CountedCompleter<?> phase, int[] list, int lo, int hi) {
            super(phase);
            this.list = list;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public void compute() {
            CountedCompleter<?> phase = getCompleter();
            while (hi - lo > 1) { // hand the upper half of the ready systems to a sibling a thief can take
                int mid = (lo + hi) >>> 1;
                new SystemTask(phase, list, mid, hi).fork();
                hi = mid;
            }
            system = list[lo];
            SystemSpec<Object> spec = plan.system(system);
            try {
                if (spec.isEntityParallel()) {
                    int count = spec.entityCount().getAsInt(); // read once per phase, at the system's start
                    if (count < 0) {
                        throw new IllegalStateException(spec.name() + ": negative entity count " + count);
                    }
                    RangeTask.split(this, spec, 0, count, minBatch[system]);
                } else {
                    spec.body().run(NoCommands.CONTEXT);
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            tryComplete(); // done here when no range piece is outstanding; else the last piece completes it
        }

        /** Runs once, when the system's last piece is done: releases the successors whose countdown reaches 0. */
        @Override
        public void onCompletion(CountedCompleter<?> caller) {
            CountedCompleter<?> phase = getCompleter();
            int[] next = successors[system];
            for (int k = 0; k < next.length; k++) {
                int s = next[k];
                if (pending.decrementAndGet(s) == 0) {        // volatile RMW: the last predecessor releases s
                    pending.set(s, graph.predecessorCount(s)); // re-arm for the next phase (see the overview)
                    new SystemTask(phase, next, k, k + 1).fork();
                }
            }
        }
    }

    /** A piece of an entity-parallel system's range, split like CountedCompleter's ForEach example. */
    private static final class RangeTask extends CountedCompleter<Void> {
        private static final long serialVersionUID = 1L;
        private final SystemSpec<Object> spec;
        private final int start;
        private final int end;
        private final int min;

        RangeTask(CountedCompleter<?> parent, SystemSpec<Object> spec, int start, int end, int min) {
            super(parent);
            this.spec = spec;
            this.start = start;
            this.end = end;
            this.min = min;
        }

        @Override
        public void compute() {
            try {
                split(this, spec, start, end, min);
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            tryComplete();
        }

        /**
         * Forks the upper half of {@code [start, end)} as a child of {@code owner} while it holds at least two
         * minimum batches, then runs what is left inline. The caller calls {@code owner.tryComplete()} after.
         */
        static void split(CountedCompleter<?> owner, SystemSpec<Object> spec, int start, int end, int min)
                throws Exception {
            int hi = end;
            while (hi - start >= 2 * min) {
                int mid = (start + hi) >>> 1;
                owner.addToPendingCount(1); // before the fork: the child's completion decrements it
                new RangeTask(owner, spec, mid, hi, min).fork();
                hi = mid;
            }
            spec.rangeBody().run(start, hi, NoCommands.CONTEXT);
        }
    }
}
