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
                SystemSpec<Object> spec = plan.system(s);
                if (spec.isEntityParallel()) {
                    spec.rangeBody().run(0, spec.entityCount().getAsInt(), NoCommands.CONTEXT);
                } else {
                    spec.body().run(NoCommands.CONTEXT);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
    }
}
