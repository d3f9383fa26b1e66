package org.ecsched.scheduler.api.backend;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemFailure;
import org.ecsched.scheduler.api.SystemOutcome;

/**
 * The {@link PhaseResult} a {@link PhaseRun} hands out: a view over the run's outcomes, failures and merged
 * commands, reused from phase to phase so that a steady state allocates nothing.
 *
 * <h2>Generations</h2>
 * Each view remembers the generation (the run's count of starts) it was finished in. Every accessor but
 * {@link #plan()} and {@link #toString()} first compares it with the run's current generation and, once the plan
 * was started again, throws {@link IllegalStateException} instead of reading the next phase's data: a stale result
 * fails like an iterator after a concurrent modification. The run alternates between two views, so the result of
 * the phase before the current one is always a different object from the current result and is always detected;
 * a result kept across two or more further executions may be the current view again and then reads the current
 * phase (the contract, valid until the plan runs again, still forbids it: copy what you keep). The check is one
 * plain int comparison, no allocation. The lists this view returns check the same way on every access.
 *
 * <p>Written by the coordinating thread in {@link PhaseRun#finish()} ({@link #publish}); read by whoever the
 * backend returned it to, which the return (or a hand-off the user makes) orders after the writes.
 *
 * @param <C> the ECS's command type
 */
final class ReusableResult<C> implements PhaseResult<C> {

    private static final SystemOutcome[] OUTCOMES = SystemOutcome.values();
    private static final int COMPLETED = SystemOutcome.COMPLETED.ordinal();
    private static final int DISABLED = SystemOutcome.DISABLED.ordinal();

    private final PhaseRun<C> run;
    /** The run's generation this view was finished in; -1 before its first phase. Plain, see the class comment. */
    private int generation = -1;
    private long durationNanos;
    private int tasksExecuted;
    private final List<C> commandsView = new AbstractList<>() {
        @Override
        public C get(int index) {
            return command(index);
        }

        @Override
        public int size() {
            return commandCount();
        }
    };
    private final List<SystemFailure> failuresView = new AbstractList<>() {
        @Override
        public SystemFailure get(int index) {
            checkCurrent();
            return run.failureList().get(index);
        }

        @Override
        public int size() {
            checkCurrent();
            return run.failureList().size();
        }
    };

    ReusableResult(PhaseRun<C> run) {
        this.run = run;
    }

    /** Makes this view the result of the run's phase of {@code generation}; coordinating thread only. */
    void publish(int generation, long durationNanos, int tasksExecuted) {
        this.generation = generation;
        this.durationNanos = durationNanos;
        this.tasksExecuted = tasksExecuted;
    }

    /**
     * Throws unless this view is the result of the run's latest phase.
     *
     * @throws IllegalStateException naming the plan, if the plan was executed (started) again since
     */
    private void checkCurrent() {
        if (generation != run.generation()) {
            throw new IllegalStateException("stale PhaseResult of plan '" + run.plan().name() + "': the plan was"
                    + " executed again on the same backend, which reuses its result object; copy what you need"
                    + " (for example List.copyOf(result.commands())) before executing the plan again");
        }
    }

    @Override
    public Plan<C> plan() {
        return run.plan();
    }

    @Override
    public FailurePolicy policy() {
        checkCurrent();
        return run.policy();
    }

    @Override
    public boolean succeeded() {
        checkCurrent();
        if (!run.failureList().isEmpty()) {
            return false;
        }
        for (int s = 0, n = run.systemCount(); s < n; s++) {
            int o = run.outcomeOrdinal(s);
            if (o != COMPLETED && o != DISABLED) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SystemOutcome outcome(int systemIndex) {
        checkCurrent();
        return OUTCOMES[run.outcomeOrdinal(systemIndex)]; // a published result's phase gave every system one
    }

    @Override
    public Throwable failure(int systemIndex) {
        checkCurrent();
        return run.firstFailure(systemIndex);
    }

    @Override
    public List<SystemFailure> failures() {
        checkCurrent();
        return failuresView;
    }

    @Override
    public int commandCount() {
        checkCurrent();
        return run.merge().count();
    }

    @Override
    @SuppressWarnings("unchecked") // only the bodies of this plan, whose commands are C, recorded them
    public C command(int index) {
        checkCurrent();
        Objects.checkIndex(index, run.merge().count());
        return (C) run.merge().get(index);
    }

    @Override
    public List<C> commands() {
        checkCurrent();
        return commandsView;
    }

    @Override
    public int tasksExecuted() {
        checkCurrent();
        return tasksExecuted;
    }

    @Override
    public long durationNanos() {
        checkCurrent();
        return durationNanos;
    }

    @Override
    public String toString() {
        Plan<C> plan = run.plan();
        if (generation != run.generation()) {
            return "PhaseResult[" + plan.name() + ", stale: the plan was executed again]";
        }
        StringBuilder sb = new StringBuilder("PhaseResult[").append(plan.name()).append(", ").append(run.policy())
                .append(", ").append(run.merge().count()).append(" commands");
        for (int s = 0, n = run.systemCount(); s < n; s++) {
            sb.append(s == 0 ? ", " : " ").append(plan.system(s).name()).append('=')
                    .append(OUTCOMES[run.outcomeOrdinal(s)]);
        }
        return sb.append(']').toString();
    }
}
