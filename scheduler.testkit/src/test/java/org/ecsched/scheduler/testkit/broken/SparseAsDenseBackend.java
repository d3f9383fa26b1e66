package org.ecsched.scheduler.testkit.broken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * Broken on purpose: knows no sparse set. It runs a system over an {@code EntitySet} as the dense system
 * {@code SystemSpec} offers for such code ({@code entityCount()} and {@code rangeBody()}, which read the set's
 * supplier again for the count and for every range) instead of reading the set once, when the system becomes
 * ready, and handing that set to every range. Caught by rule 1.09 (the supplier read more than once, and the
 * contexts know no set), whatever the timing.
 */
final class SparseAsDenseBackend extends DecoratedBackend {

    private final Map<Plan<?>, Plan<?>> dense = new ConcurrentHashMap<>();

    SparseAsDenseBackend(SchedulerConfig config) {
        super(config);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        Plan<C> rewritten = (Plan<C>) dense.computeIfAbsent(plan, p -> densify((Plan<C>) p));
        return new ForwardingResult<>(plan, delegate.execute(rewritten, policy));
    }

    private static <C> Plan<C> densify(Plan<C> plan) {
        List<SystemSpec<C>> systems = new ArrayList<>();
        for (SystemSpec<C> s : plan.systems()) {
            SystemSpec.Builder<C> b = SystemSpec.<C>named(s.name()).reads(s.reads().toArray())
                    .writes(s.writes().toArray()).runsBefore(s.runsBefore().toArray(new String[0]))
                    .runsAfter(s.runsAfter().toArray(new String[0]));
            if (s.minBatchSize() != SystemSpec.DEFAULT_MIN_BATCH) {
                b.minBatchSize(s.minBatchSize());
            }
            systems.add(!s.isEntityParallel() ? b.runs(s.body()) : s.isSparse()
                    ? b.forEachEntity(s.entityCount(), s.rangeBody()) // the defect: a dense view of a sparse system
                    : s.fixedEntityCount() >= 0 ? b.forEachEntity(s.fixedEntityCount(), s.rangeBody())
                    : b.forEachEntity(s.entityCount(), s.rangeBody()));
        }
        return Phase.of(plan.name(), systems).compile();
    }
}
