package org.ecsched.scheduler.testkit.example;

import java.util.ArrayDeque;
import java.util.List;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.backend.ExecutionGuard;
import org.ecsched.scheduler.api.backend.GuardedListener;
import org.ecsched.scheduler.api.backend.PhaseRun;
import org.ecsched.scheduler.api.backend.PlanRunCache;
import org.ecsched.scheduler.api.backend.ReadyHandler;
import org.ecsched.scheduler.api.backend.WorkerCounters;

/**
 * The smallest correct backend, the README's example of a custom backend: every task runs on the calling thread,
 * systems in the order they become ready, entity-parallel systems in ranges of their minimum batch.
 *
 * <p>{@link PhaseRun} does the bookkeeping (dependencies, failure policies, outcomes, the deterministic command
 * merge), {@link ExecutionGuard} rejects misuse, {@link PlanRunCache} keeps one run per plan; the backend only
 * decides where tasks run. {@code SequentialExampleBackendConformanceTest} verifies it with the testkit.
 */
public final class SequentialExampleBackend implements SchedulerBackend {

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final ExecutionGuard guard = new ExecutionGuard("sequential-example");
    private final PlanRunCache<PhaseRun<?>> runs = new PlanRunCache<>();
    private final WorkerCounters counters = new WorkerCounters(0);
    private final ArrayDeque<Integer> ready = new ArrayDeque<>();
    private final ReadyHandler handler = new ReadyHandler() {
        @Override
        public void ready(int worker, int system) {
            ready.add(system); // called back from start() and runTask(), on the calling thread
        }

        @Override
        public void phaseFinished(int worker) {
            // nothing to wake: the loop in execute() ends when no system is ready
        }
    };
    private volatile long phases;

    /** A backend with one worker: the calling thread. */
    public SequentialExampleBackend(SchedulerConfig config) {
        this.config = config;
        this.listener = GuardedListener.of(config); // a throwing listener must not break a phase (rule 6.06)
    }

    @Override
    public String name() {
        return "sequential-example";
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        guard.enter(false); // a re-entrant call comes from this same thread, which the guard recognises
        try {
            long phase = ++phases;
            @SuppressWarnings("unchecked")
            PhaseRun<C> run = (PhaseRun<C>) runs.get(plan, p -> new PhaseRun<>(p, 1, config));
            if (listener != null) {
                listener.phaseStarted(plan, phase, System.nanoTime());
            }
            ready.clear();
            run.start(policy, 0, handler);
            boolean interrupted = false;
            while (!ready.isEmpty()) {
                int system = ready.poll();
                if (!run.isSplittable(system)) {
                    interrupted |= runTask(run, system, 0, 0);
                    continue;
                }
                int n = run.entityCount(system);
                int size = run.minBatchSize(system);
                for (int start = 0; start < n; start += size) {
                    interrupted |= runTask(run, system, start, (int) Math.min((long) start + size, n));
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt(); // the flag is the caller's: restored once the phase is over
            }
            PhaseResult<C> result = run.finish();
            if (listener != null) {
                listener.phaseFinished(plan, phase, result, System.nanoTime());
            }
            return result;
        } finally {
            guard.exit();
        }
    }

    /**
     * Runs one task and returns whether the thread's interrupt flag was set after it, clearing it: a body that
     * interrupts itself must not leave the next body interrupted (rule 5.09).
     */
    private boolean runTask(PhaseRun<?> run, int system, int start, int end) {
        if (run.runTask(0, system, start, end, handler)) {
            counters.increment(WorkerCounters.TASKS_EXECUTED);
            counters.add(WorkerCounters.COMMANDS_RECORDED, run.lastTaskCommandCount(0));
        }
        return Thread.interrupted();
    }

    @Override
    public BackendStats stats() {
        return new BackendStats(name(), phases, List.of(counters.snapshot()));
    }

    @Override
    public void close() {
        guard.close(false, () -> { }); // no thread to stop: every task ran on a caller's thread
    }
}
