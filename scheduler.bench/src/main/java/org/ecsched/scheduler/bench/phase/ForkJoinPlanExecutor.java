package org.ecsched.scheduler.bench.phase;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * The benchmark's ForkJoinPool peer: the same plan DAG and the same minimum batches, written the way one would
 * with {@link RecursiveAction}: each ready system is forked as a task; an entity-parallel system splits in halves
 * down to its minimum batch with {@code invokeAll}; a finished system counts down its successors and forks those
 * that reach zero; the caller parks until the last system finishes. Commands are not collected (the benchmark
 * workloads record none).
 */
final class ForkJoinPlanExecutor implements PlanExecutor {

    private final ForkJoinPool pool;
    private final Plan<Object> plan;
    private final PlanGraph graph;
    private final AtomicIntegerArray pending;
    private final AtomicInteger remaining = new AtomicInteger();
    private final int[] entityCounts;
    private volatile Thread waiter;

    /** An executor on a pool it may share with others (the phases of one frame); the pool's owner shuts it down. */
    ForkJoinPlanExecutor(Plan<Object> plan, ForkJoinPool pool) {
        this.pool = pool;
        this.plan = plan;
        this.graph = PlanGraph.of(plan);
        this.pending = new AtomicIntegerArray(plan.systemCount());
        this.entityCounts = new int[plan.systemCount()];
    }

    @Override
    public void runPhase() {
        int n = plan.systemCount();
        for (int s = 0; s < n; s++) {
            pending.set(s, graph.predecessorCount(s));
            SystemSpec<Object> spec = plan.system(s);
            entityCounts[s] = spec.isEntityParallel() ? spec.entityCount().getAsInt() : 0;
        }
        remaining.set(n);
        waiter = Thread.currentThread();
        for (int k = 0; k < graph.rootCount(); k++) {
            pool.execute(new SystemTask(graph.root(k)));
        }
        while (remaining.get() != 0) {
            LockSupport.park(this);
        }
    }

    private void systemDone(int system) {
        for (int k = 0, n = graph.successorCount(system); k < n; k++) {
            int next = graph.successor(system, k);
            if (pending.decrementAndGet(next) == 0) {
                new SystemTask(next).fork();
            }
        }
        if (remaining.decrementAndGet() == 0) {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void close() {
        // The pool belongs to the frame that made it (PhaseBenchmark), which shuts it down.
    }

    private final class SystemTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int system;

        SystemTask(int system) {
            this.system = system;
        }

        @Override
        protected void compute() {
            SystemSpec<Object> spec = plan.system(system);
            try {
                if (spec.isEntityParallel()) {
                    int min = Math.max(1, spec.minBatchSize());
                    new RangeTask(spec, 0, entityCounts[system], min).invoke();
                } else {
                    spec.body().run(NoCommands.CONTEXT);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            systemDone(system);
        }
    }

    private static final class RangeTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final SystemSpec<Object> spec;
        private final int start;
        private final int end;
        private final int min;

        RangeTask(SystemSpec<Object> spec, int start, int end, int min) {
            this.spec = spec;
            this.start = start;
            this.end = end;
            this.min = min;
        }

        @Override
        protected void compute() {
            if (end - start >= 2 * min) {
                int mid = (start + end) >>> 1;
                invokeAll(new RangeTask(spec, start, mid, min), new RangeTask(spec, mid, end, min));
                return;
            }
            try {
                spec.rangeBody().run(start, end, NoCommands.CONTEXT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A context for bodies that record nothing. */
    static final class NoCommands implements SystemContext<Object> {
        static final NoCommands CONTEXT = new NoCommands();

        @Override
        public void add(Object command) {
            throw new UnsupportedOperationException("benchmark workloads record no commands");
        }

        @Override
        public int workerIndex() {
            return 0;
        }

        @Override
        public int workerCount() {
            return 1;
        }

        @Override
        public String systemName() {
            return "";
        }

        @Override
        public int systemIndex() {
            return -1;
        }

        @Override
        public int rangeStart() {
            return 0;
        }

        @Override
        public int rangeEnd() {
            return 0;
        }
    }
}
