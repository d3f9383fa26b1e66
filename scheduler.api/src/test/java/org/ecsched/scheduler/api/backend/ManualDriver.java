package org.ecsched.scheduler.api.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;

/**
 * A single-threaded test backend for {@link PhaseRun}: the {@link ReadyHandler} queues the tasks of ready systems
 * (cutting splittable systems into ranges of random lengths, none below the minimum batch except the tail), and
 * the test decides which pending task runs next and on which worker index.
 */
final class ManualDriver<C> implements ReadyHandler {

    /** A pending task. */
    record Task(int system, int start, int end) { }

    final PhaseRun<C> run;
    final Random random;
    final List<Task> pending = new ArrayList<>();
    final List<Integer> readyOrder = new ArrayList<>();
    final List<Integer> readyWorkers = new ArrayList<>();
    int phaseFinishedCalls;
    /** Tasks handed to runTask since the last {@link #start}. */
    int tasksRun;
    int phaseFinishedWorker = -1;

    ManualDriver(PhaseRun<C> run, long seed) {
        this.run = run;
        this.random = new Random(seed);
    }

    @Override
    public void ready(int worker, int system) {
        readyOrder.add(system);
        readyWorkers.add(worker);
        if (!run.isSplittable(system)) {
            pending.add(new Task(system, 0, 0));
            return;
        }
        int n = run.entityCount(system);
        int min = run.minBatchSize(system);
        int start = 0;
        while (start < n) {
            int len = min + random.nextInt(Math.max(1, min * 3));
            int end = (int) Math.min((long) start + len, n);
            pending.add(new Task(system, start, end));
            start = end;
        }
    }

    @Override
    public void phaseFinished(int worker) {
        phaseFinishedCalls++;
        phaseFinishedWorker = worker;
    }

    /** Starts the phase on worker 0. */
    void start(FailurePolicy policy) {
        pending.clear();
        readyOrder.clear();
        readyWorkers.clear();
        phaseFinishedCalls = 0;
        tasksRun = 0;
        run.start(policy, 0, this);
    }

    /** Runs the first pending task matching {@code which} on {@code worker}; returns whether its body ran. */
    boolean runOne(Predicate<Task> which, int worker) {
        for (int i = 0; i < pending.size(); i++) {
            Task t = pending.get(i);
            if (which.test(t)) {
                pending.remove(i);
                tasksRun++;
                return run.runTask(worker, t.system(), t.start(), t.end(), this);
            }
        }
        throw new AssertionError("no pending task matches; pending: " + pending);
    }

    /** Runs every pending task, in random order, on random worker indices, until none is left. */
    void drainShuffled() {
        while (!pending.isEmpty()) {
            Task t = pending.remove(random.nextInt(pending.size()));
            tasksRun++;
            run.runTask(random.nextInt(run.workerCount()), t.system(), t.start(), t.end(), this);
        }
    }

    /** Runs a whole phase in random order and returns the result. */
    PhaseResult<C> runPhase(FailurePolicy policy) {
        start(policy);
        drainShuffled();
        if (phaseFinishedCalls != 1) {
            throw new AssertionError("phaseFinished called " + phaseFinishedCalls + " times");
        }
        return run.finish();
    }
}
