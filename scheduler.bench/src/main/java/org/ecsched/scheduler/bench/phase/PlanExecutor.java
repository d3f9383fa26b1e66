package org.ecsched.scheduler.bench.phase;

/** Something that runs a compiled plan once and waits: a backend, or one of the benchmark's peers. */
interface PlanExecutor extends AutoCloseable {

    void runPhase();

    @Override
    void close();
}
