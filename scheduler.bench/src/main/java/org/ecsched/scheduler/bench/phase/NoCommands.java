package org.ecsched.scheduler.bench.phase;

import org.ecsched.scheduler.api.SystemContext;

/**
 * The context the benchmark's own peers ({@link ForkJoinPerPhaseExecutor}, {@link ForkJoinPerSystemExecutor},
 * {@link SequentialPlanExecutor}) hand to every body: the workloads record no commands, so the peers collect none,
 * and a body that tried would fail loudly rather than have its commands dropped.
 */
final class NoCommands implements SystemContext<Object> {

    /** The one instance; it holds no state. */
    static final NoCommands CONTEXT = new NoCommands();

    private NoCommands() {
    }

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
