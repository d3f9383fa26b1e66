package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.RangeBody;
import org.ecsched.scheduler.api.SystemBody;
import org.ecsched.scheduler.api.SystemContext;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * A {@link PhaseModel} made real: a compiled {@link Plan} whose bodies do what the model says and report to a
 * {@link PhaseProbe}.
 *
 * <p>A body, per entity of its range in ascending order (or once): burns its work, records its commands (a pure
 * function of system and entity, so the order obeys {@link RangeBody}'s contract), then throws if its fault is at
 * that entity. A system with a supplied count reads {@link #entityCount(int)} in every phase (when ready), which
 * {@link #setEntityCount} may change between phases.
 */
public final class PhaseInstance {

    /** Passed to {@link #setEntityCount}: the count supplier throws instead of returning a count. */
    public static final int SUPPLIER_THROWS = Integer.MIN_VALUE;

    private final PhaseModel model;
    private final PhaseProbe probe;
    private final AtomicIntegerArray counts;
    private final boolean withWork;
    private final Plan<TestCommand> plan;

    private PhaseInstance(PhaseModel model, boolean withWork) {
        this.model = model;
        this.probe = new PhaseProbe(model);
        this.withWork = withWork;
        this.counts = new AtomicIntegerArray(model.size());
        List<SystemSpec<TestCommand>> specs = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            counts.set(i, model.system(i).entities());
            specs.add(spec(i));
        }
        this.plan = Phase.of(model.name(), specs).compile();
    }

    /**
     * Instruments and compiles a model, bodies burning their work.
     *
     * @param model the phase
     * @return the instance
     */
    public static PhaseInstance of(PhaseModel model) {
        return new PhaseInstance(model, true);
    }

    /**
     * Instruments and compiles a model.
     *
     * @param model    the phase
     * @param withWork false to skip the busy loops (the oracle needs the commands, not the work)
     * @return the instance
     */
    public static PhaseInstance of(PhaseModel model, boolean withWork) {
        return new PhaseInstance(model, withWork);
    }

    /** {@return the model} */
    public PhaseModel model() {
        return model;
    }

    /** {@return the compiled plan} */
    public Plan<TestCommand> plan() {
        return plan;
    }

    /** {@return what the bodies report} */
    public PhaseProbe probe() {
        return probe;
    }

    /**
     * The entity count the system has now.
     *
     * @param system the system's position
     * @return the count: -1 for a system that runs once; may be negative, or {@link #SUPPLIER_THROWS}
     */
    public int entityCount(int system) {
        return counts.get(system);
    }

    /**
     * Changes the count a system with a supplied count reports from the next phase on.
     *
     * @param system the system's position
     * @param count  the count, possibly negative (the system then fails), or {@link #SUPPLIER_THROWS}
     */
    public void setEntityCount(int system, int count) {
        if (!model.system(system).suppliedCount()) {
            throw new IllegalStateException("system '" + model.system(system).name() + "' has a fixed count");
        }
        counts.set(system, count);
    }

    private SystemSpec<TestCommand> spec(int i) {
        SystemModel m = model.system(i);
        SystemSpec.Builder<TestCommand> b = SystemSpec.<TestCommand>named(m.name())
                .reads(m.reads().toArray()).writes(m.writes().toArray())
                .runsAfter(m.runsAfter().toArray(new String[0]))
                .runsBefore(m.runsBefore().toArray(new String[0]));
        if (m.minBatch() > 0) {
            b.minBatchSize(m.minBatch());
        }
        if (!m.isRanged()) {
            return b.runs(onceBody(i, m));
        }
        RangeBody<TestCommand> body = rangeBody(i, m);
        if (!m.suppliedCount()) {
            return b.forEachEntity(m.entities(), body);
        }
        return b.forEachEntity(() -> {
            int n = counts.get(i);
            if (n == SUPPLIER_THROWS) {
                throw new Fault.InjectedRuntimeException("injected failure of the entity count of '" + m.name()
                        + "'");
            }
            return n;
        }, body);
    }

    private SystemBody<TestCommand> onceBody(int i, SystemModel m) {
        return ctx -> {
            PhaseProbe.Ticket t = probe.enter(i, 0, 0, ctx);
            try {
                visit(i, m, -1, ctx);
            } catch (Throwable x) {
                probe.exit(t, true);
                throw x;
            }
            probe.exit(t, false);
        };
    }

    private RangeBody<TestCommand> rangeBody(int i, SystemModel m) {
        return (start, end, ctx) -> {
            PhaseProbe.Ticket t = probe.enter(i, start, end, ctx);
            try {
                for (int e = start; e < end; e++) {
                    visit(i, m, e, ctx);
                }
            } catch (Throwable x) {
                probe.exit(t, true);
                throw x;
            }
            probe.exit(t, false);
        };
    }

    /** One entity (or the single run): work, commands, then the fault if it is here. */
    private void visit(int i, SystemModel m, int entity, SystemContext<TestCommand> ctx) throws Exception {
        if (withWork && m.work() > 0 && Busy.work(entity ^ ((long) i << 32), m.work()) == 0) {
            throw new AssertionError("unreachable: xorshift never yields 0");
        }
        int c = Busy.commandsAt(i, entity, m.commands());
        for (int k = 0; k < c; k++) {
            ctx.add(new TestCommand(i, entity, k));
        }
        probe.recorded(c);
        if (!m.fault().isNone() && (entity < 0 || entity == m.fault().at())) {
            Throwable t = m.fault().newThrowable(m.name(), entity);
            if (t instanceof Exception ex) {
                throw ex;
            }
            throw (Error) t;
        }
    }
}
