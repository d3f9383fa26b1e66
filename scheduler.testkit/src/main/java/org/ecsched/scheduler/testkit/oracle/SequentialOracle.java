package org.ecsched.scheduler.testkit.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemSpec;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * The reference executor: runs every system of a plan once, on the calling thread, in a topological order, and
 * records what each one records and throws. It shares no code with the backends' bookkeeping
 * ({@code org.ecsched.scheduler.api.backend.PhaseRun}): a bug there cannot hide itself by appearing on both sides
 * of a comparison.
 *
 * <p>Every system runs, whatever another system throws, so that the {@link Expectation} knows each system's own
 * commands and failure and can predict a result under either policy. That asks of the bodies what
 * {@link org.ecsched.scheduler.api.RangeBody}'s contract asks for deterministic commands: what a system records
 * and whether it throws depend only on the system and the entities it visits, not on timing or on other
 * systems' failures. Generated phases ({@link org.ecsched.scheduler.testkit.phase.PhaseInstance}) are built so.
 *
 * <p>An entity-parallel system runs as one range {@code [0, n)}: by the range contract its commands then equal
 * those of any cutting, in range-start order.
 */
public final class SequentialOracle {

    private SequentialOracle() {
    }

    /**
     * Runs every system of {@code plan} once and returns what a backend must deliver.
     *
     * @param <C>  the command type
     * @param plan the plan
     * @return the expectation
     */
    public static <C> Expectation<C> expect(Plan<C> plan) {
        Objects.requireNonNull(plan, "plan");
        int n = plan.systemCount();
        List<List<C>> commands = new ArrayList<>(n);
        Throwable[] thrown = new Throwable[n];
        boolean[] countFailed = new boolean[n];
        int[] counts = new int[n];
        for (int s = 0; s < n; s++) {
            commands.add(List.of());
        }
        int[] order = topologicalOrder(plan);
        for (int s : order) {
            SystemSpec<C> spec = plan.system(s);
            Context<C> ctx = new Context<>(s, spec.name());
            counts[s] = -1;
            try {
                if (spec.isEntityParallel()) {
                    int count = readCount(spec);
                    counts[s] = count;
                    if (count < 0) {
                        countFailed[s] = true;
                        throw new IllegalStateException("system '" + spec.name() + "': entity count " + count);
                    }
                    if (count > 0) {
                        ctx.end = count;
                        spec.rangeBody().run(0, count, ctx);
                    }
                } else {
                    spec.body().run(ctx);
                }
            } catch (CountException e) {
                countFailed[s] = true;
                thrown[s] = e.getCause();
            } catch (Throwable t) {
                thrown[s] = t;
            }
            commands.set(s, List.copyOf(ctx.recorded));
        }
        return new Expectation<>(plan, order, commands, thrown, countFailed, counts);
    }

    private static int readCount(SystemSpec<?> spec) {
        if (spec.fixedEntityCount() >= 0) {
            return spec.fixedEntityCount();
        }
        try {
            return spec.entityCount().getAsInt();
        } catch (Throwable t) {
            throw new CountException(t);
        }
    }

    /**
     * Kahn's algorithm over the plan's edges, always taking the ready system declared first: deterministic, and
     * different from declaration order whenever an ordering runs against it.
     */
    static int[] topologicalOrder(Plan<?> plan) {
        PlanGraph graph = PlanGraph.of(plan);
        int n = graph.systemCount();
        int[] pending = new int[n];
        for (int u = 0; u < n; u++) {
            for (int k = 0; k < graph.successorCount(u); k++) {
                pending[graph.successor(u, k)]++;
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int s = 0; s < n; s++) {
            if (pending[s] == 0) {
                ready.add(s);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            order[k++] = u;
            for (int j = 0; j < graph.successorCount(u); j++) {
                int v = graph.successor(u, j);
                if (--pending[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (k != n) {
            throw new IllegalStateException("plan '" + plan.name() + "' has a cycle: a compiled plan never should");
        }
        return order;
    }

    /** A count supplier threw; carries its throwable out of the body's try block. */
    private static final class CountException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CountException(Throwable cause) {
            super(cause);
        }
    }

    /** The oracle's own context: worker 0, the system's whole range, an unbounded command list. */
    private static final class Context<C> implements SystemContext<C> {
        final int system;
        final String name;
        final List<C> recorded = new ArrayList<>();
        int end;

        Context(int system, String name) {
            this.system = system;
            this.name = name;
        }

        @Override
        public void add(C command) {
            recorded.add(Objects.requireNonNull(command, "command"));
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
            return name;
        }

        @Override
        public int systemIndex() {
            return system;
        }

        @Override
        public int rangeStart() {
            return 0;
        }

        @Override
        public int rangeEnd() {
            return end;
        }
    }
}
