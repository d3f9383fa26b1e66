package org.ecsched.scheduler.workstealing.internal;

/**
 * A unit of work in a deque: one system, or one entity range of one system, of one plan.
 *
 * <p>Tasks are reused, never allocated per phase in a steady state: each plan owns one task per system (a ready
 * system is released exactly once per phase), and range halves made by splitting come from per-worker pools
 * ({@link TaskPool}). Fields are plain: a task is written by one worker before it is published through a deque
 * or the injector (release/acquire there orders the writes before any read by the taker).
 */
final class Task {
    /** The plan's state this task belongs to; null while pooled. */
    PlanState<?> plan;
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
        return "Task[" + (plan == null ? "pooled" : plan.run.plan().system(system).name()) + " [" + start + ", "
                + end + ")]";
    }
}
