package org.ecsched.scheduler.workstealing.internal;

/**
 * A unit of work in a deque: one system, one entity range of one system, or a span of the phase's roots that run
 * once ({@link #ROOT_SPAN}), of one plan.
 *
 * <p>Tasks are reused, never allocated per phase in a steady state: each plan owns one task per system (a ready
 * system is released exactly once per phase), and range halves made by splitting come from per-worker pools
 * ({@link TaskPool}). Fields are plain: a task is written by one worker before it is published through a deque
 * or the injector (release/acquire there orders the writes before any read by the taker).
 */
final class Task {
    /**
     * {@link #system} of a span of roots: the task runs {@code PlanState.root(start)} to {@code root(end - 1)}, run-once
     * systems all, one after another ({@code Worker.executeRootSpan}).
     */
    static final int ROOT_SPAN = -1;

    /** The plan's state this task belongs to; null while pooled. */
    PlanState<?> plan;
    /** The system, or {@link #ROOT_SPAN}. */
    int system;
    int start;
    int end;
    /** True for pool-owned range halves; false for a plan's per-system tasks, which are never pooled. */
    final boolean pooled;
    /** Next free task while pooled. */
    Task nextFree;

    Task(boolean pooled) {
        this.pooled = pooled;
    }

    Task set(PlanState<?> plan, int system, int start, int end) {
        this.plan = plan;
        this.system = system;
        this.start = start;
        this.end = end;
        return this;
    }

    @Override
    public String toString() {
        String what = plan == null ? "pooled" : system == ROOT_SPAN ? "roots" : plan.run.plan().system(system).name();
        return "Task[" + what + " [" + start + ", " + end + ")]";
    }
}
