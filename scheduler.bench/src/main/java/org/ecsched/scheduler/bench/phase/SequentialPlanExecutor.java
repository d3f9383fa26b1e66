package org.ecsched.scheduler.bench.phase;

import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.PlanGraph;

/** The sequential peer: every system on the calling thread, in a topological order computed once. */
final class SequentialPlanExecutor implements PlanExecutor {

    private final Plan<Object> plan;
    private final int[] order;

    SequentialPlanExecutor(Plan<Object> plan) {
        this.plan = plan;
        PlanGraph graph = PlanGraph.of(plan);
        int n = graph.systemCount();
        int[] pending = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int s = 0; s < n; s++) {
            pending[s] = graph.predecessorCount(s);
            if (pending[s] == 0) {
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int s = queue[head++];
            for (int k = 0; k < graph.successorCount(s); k++) {
                int next = graph.successor(s, k);
                if (--pending[next] == 0) {
                    queue[tail++] = next;
                }
            }
        }
        this.order = queue;
    }

    @Override
    public void runPhase() {
        try {
            for (int s : order) {
                runWhole(plan.system(s));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a system whole on the calling thread: its one body, or its range body over all its entities. */
    static void runWhole(SystemSpec<Object> spec) throws Exception {
        if (spec.isEntityParallel()) {
            spec.rangeBody().run(0, spec.entityCount().getAsInt(), NoCommands.CONTEXT);
        } else {
            spec.body().run(NoCommands.CONTEXT);
        }
    }

    @Override
    public void close() {
    }
}
