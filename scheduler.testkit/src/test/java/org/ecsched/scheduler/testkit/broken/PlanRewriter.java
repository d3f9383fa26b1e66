package org.ecsched.scheduler.testkit.broken;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.ecsched.scheduler.api.IdRangeBody;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * Rebuilds a plan with changed systems, so that a broken backend can misbehave inside a correct one: same names,
 * same order, bodies and declarations changed as the subclass of {@link Change} says. Rewritten plans are cached
 * (one per original plan) so that the delegate reuses its per-plan state as for any plan.
 */
final class PlanRewriter {

    /** How each system is changed. */
    interface Change {
        /** The run-once body to use instead of {@code body}, the body of the plan's {@code system}. */
        default <C> SystemBody<C> once(Plan<C> plan, int system, SystemBody<C> body) {
            return body;
        }

        /** The range body to use instead of {@code body}, the body of the plan's {@code system}. */
        default <C> RangeBody<C> ranged(Plan<C> plan, int system, RangeBody<C> body) {
            return body;
        }

        /** The body over a sparse set to use instead of {@code body}, that of the plan's {@code system}. */
        default <C> IdRangeBody<C> sparse(Plan<C> plan, int system, IdRangeBody<C> body) {
            return body;
        }

        /** The begin body to use instead of {@code body} (null: none), that of the plan's {@code system}. */
        default <C> SystemBody<C> begin(Plan<C> plan, int system, SystemBody<C> body) {
            return body;
        }

        /** The end body to use instead of {@code body} (null: none), that of the plan's {@code system}. */
        default <C> SystemBody<C> end(Plan<C> plan, int system, SystemBody<C> body) {
            return body;
        }

        /** The run condition to use instead of {@code condition} (null: none), that of the plan's {@code system}. */
        default <C> BooleanSupplier runIf(Plan<C> plan, int system, BooleanSupplier condition) {
            return condition;
        }

        /** The entity count to use instead of {@code count}, the supplied count of the plan's {@code system}. */
        default <C> IntSupplier count(Plan<C> plan, int system, IntSupplier count) {
            return count;
        }

        /** Whether the plan's {@code system}, exclusive, stays exclusive. */
        default boolean keepExclusive(Plan<?> plan, int system) {
            return true;
        }

        /** Whether the plan's before-each-run hooks stay the phase's (false: they are dropped). */
        default boolean keepBeforeEachRun(Plan<?> plan) {
            return true;
        }

        /** Whether to keep component access and orderings (false: every system becomes independent). */
        default boolean keepConstraints() {
            return true;
        }
    }

    private final Change change;
    private final Map<Plan<?>, Plan<?>> rewritten = new IdentityHashMap<>();

    PlanRewriter(Change change) {
        this.change = change;
    }

    @SuppressWarnings("unchecked")
    synchronized <C> Plan<C> rewrite(Plan<C> plan) {
        return (Plan<C>) rewritten.computeIfAbsent(plan, p -> build((Plan<C>) p));
    }

    private <C> Plan<C> build(Plan<C> plan) {
        List<SystemSpec<C>> systems = new ArrayList<>();
        for (int i = 0; i < plan.systemCount(); i++) {
            SystemSpec<C> s = plan.system(i);
            SystemSpec.Builder<C> b = SystemSpec.named(s.name());
            if (change.keepConstraints()) {
                b.reads(s.reads().toArray()).writes(s.writes().toArray())
                        .runsBefore(s.runsBefore().toArray(new String[0]))
                        .runsAfter(s.runsAfter().toArray(new String[0]));
            }
            if (s.minBatchSize() != SystemSpec.DEFAULT_MIN_BATCH) {
                b.minBatchSize(s.minBatchSize());
            }
            SystemBody<C> begin = s.beginBody() == null ? null : change.begin(plan, i, s.beginBody());
            SystemBody<C> end = s.endBody() == null ? null : change.end(plan, i, s.endBody());
            if (begin != null) {
                b.begin(begin);
            }
            if (s.isExclusive() && change.keepExclusive(plan, i)) {
                b.exclusive();
            }
            BooleanSupplier condition = s.runCondition() == null ? null : change.runIf(plan, i, s.runCondition());
            if (condition != null) {
                b.runIf(condition);
            }
            if (end != null) {
                b.end(end);
            }
            IntSupplier count = !s.isEntityParallel() ? null
                    : s.fixedEntityCount() >= 0 ? s.entityCount() : change.count(plan, i, s.entityCount());
            if (s.isSparse()) {
                systems.add(b.forEachEntityIn(s.entitySet(), change.sparse(plan, i, s.idRangeBody())));
                continue;
            }
            systems.add(s.isEntityParallel() ? b.forEachEntity(count, change.ranged(plan, i, s.rangeBody()))
                    : b.runs(change.once(plan, i, s.body())));
        }
        Phase.Builder<C> phase = Phase.named(plan.name());
        systems.forEach(phase::add);
        if (plan.hasBeforeEachRun() && change.keepBeforeEachRun(plan)) {
            phase.beforeEachRun(plan::runBeforeEachRun);
        }
        return phase.compile();
    }
}
