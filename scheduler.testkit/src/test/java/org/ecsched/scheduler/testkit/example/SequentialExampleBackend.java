package org.ecsched.scheduler.testkit.example;

import java.util.ArrayDeque;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.backend.AbstractSchedulerBackend;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.ReadyHandler;

/**
 * The smallest correct backend, the README's example of a custom backend: every task runs on the calling thread,
 * systems in the order they become ready, entity-parallel systems in ranges of their minimum batch.
 *
 * <p>{@link AbstractSchedulerBackend} does the outline (misuse checks, the per-plan run, listener events, close,
 * stats) and {@link PhaseRun} the bookkeeping (dependencies, failure policies, outcomes, the deterministic command
 * merge); the backend only decides where tasks run. {@code SequentialExampleBackendConformanceTest} verifies it
 * with the testkit.
 */
public final class SequentialExampleBackend extends AbstractSchedulerBackend<SequentialExampleBackend.Ready> {

    /** A backend with one worker: the calling thread. */
    public SequentialExampleBackend(SchedulerConfig config) {
        super("sequential-example", config, 1);
    }

    @Override
    protected Ready newPlanState(PhaseRun<?> run) {
        return new Ready();
    }

    @Override
    protected Throwable drive(PhaseRun<?> run, Ready ready) {
        boolean interrupted = false;
        while (!ready.systems.isEmpty()) {
            int system = ready.systems.poll();
            int n = run.isSplittable(system) ? run.entityCount(system) : 0;
            int size = Math.max(1, run.minBatchSize(system));
            int start = 0;
            do { // once for a system that runs once: the task [0, 0)
                int end = (int) Math.min((long) start + size, n);
                run.runTask(0, system, start, end, ready);
                // A body that interrupts itself must not leave the next body interrupted (rule 5.09): the flag is
                // the caller's, restored once the phase is over.
                interrupted |= Thread.interrupted();
                start = end;
            } while (start < n);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The systems ready to run, in the order they became ready: filled by the run, on the calling thread. */
    static final class Ready implements ReadyHandler {
        final ArrayDeque<Integer> systems = new ArrayDeque<>();

        @Override
        public void ready(int worker, int system) {
            systems.add(system);
        }

        @Override
        public void phaseFinished(int worker) {
            // nothing to wake: drive() ends when no system is ready
        }
    }
}
