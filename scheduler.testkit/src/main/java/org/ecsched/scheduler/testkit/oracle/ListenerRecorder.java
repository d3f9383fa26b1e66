package org.ecsched.scheduler.testkit.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.testkit.rules.Findings;
import org.ecsched.scheduler.testkit.rules.Rule;

/**
 * A listener that checks the balance of what it hears: phases start and finish in turn with numbers 1, 2, 3, ...;
 * every {@code taskStarted} is followed by one {@code taskFinished} of the same task on the same worker, both
 * inside a phase. Install it in the configuration, execute, then call {@link #checkPhase} after every execute.
 */
public final class ListenerRecorder implements SchedulerListener {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failedFlags = new AtomicInteger();
    private final AtomicInteger phasesStarted = new AtomicInteger();
    private final AtomicInteger phasesFinished = new AtomicInteger();
    private final AtomicLong lastPhaseNumber = new AtomicLong();
    private volatile boolean inPhase;
    private volatile int reportedTasks = -1;

    /** A new recorder; phase numbers are expected from 1 (install it in a new backend). */
    public ListenerRecorder() {
    }

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        if (inPhase) {
            problems.add("phaseStarted(" + phaseNumber + ") while phase " + lastPhaseNumber.get() + " runs");
        }
        long previous = lastPhaseNumber.getAndSet(phaseNumber);
        if (phaseNumber != previous + 1) {
            problems.add("phaseStarted numbered " + phaseNumber + " after " + previous + " (expected "
                    + (previous + 1) + ")");
        }
        phasesStarted.incrementAndGet();
        inPhase = true;
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        if (!inPhase) {
            problems.add("phaseFinished(" + phaseNumber + ") without phaseStarted");
        }
        if (phaseNumber != lastPhaseNumber.get()) {
            problems.add("phaseFinished numbered " + phaseNumber + " but the phase started as "
                    + lastPhaseNumber.get());
        }
        int stillOpen = openTasks();
        if (stillOpen != 0) {
            problems.add("phaseFinished while " + stillOpen + " tasks had started and not finished");
        }
        reportedTasks = result == null ? -1 : result.tasksExecuted();
        phasesFinished.incrementAndGet();
        inPhase = false;
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        if (!inPhase) {
            problems.add("taskStarted for system " + system + " outside a phase");
        }
        open.computeIfAbsent(key(worker, system, rangeStart, rangeEnd), k -> new AtomicInteger()).incrementAndGet();
        started.incrementAndGet();
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        if (!inPhase) {
            problems.add("taskFinished for system " + system + " outside a phase");
        }
        String key = key(worker, system, rangeStart, rangeEnd);
        AtomicInteger count = open.get(key);
        if (count == null || count.decrementAndGet() < 0) {
            problems.add("taskFinished without taskStarted: " + key);
        }
        finished.incrementAndGet();
        if (failed) {
            failedFlags.incrementAndGet();
        }
    }

    private static String key(int worker, int system, int start, int end) {
        return "system " + system + " [" + start + ", " + end + ") on worker " + worker;
    }

    private int openTasks() {
        int total = 0;
        for (AtomicInteger c : open.values()) {
            total += Math.max(0, c.get());
        }
        return total;
    }

    /**
     * Checks the events of the phase just executed against its result, then starts counting afresh.
     *
     * @param result       what execute returned
     * @param taskFailures failures of the phase that came from task bodies (not from entity counts)
     * @return what disagrees, empty if nothing
     */
    public Findings checkPhase(PhaseResult<?> result, int taskFailures) {
        Findings f = new Findings();
        Rule r = Rule.LISTENER_EVENTS_BALANCED;
        List<String> seen = new ArrayList<>(problems);
        seen.forEach(p -> f.add(r, p));
        if (phasesStarted.get() != 1 || phasesFinished.get() != 1) {
            f.add(r, "one execute produced " + phasesStarted.get() + " phaseStarted and " + phasesFinished.get()
                    + " phaseFinished events");
        }
        if (started.get() != finished.get() || openTasks() != 0) {
            f.add(r, started.get() + " taskStarted but " + finished.get() + " taskFinished events");
        }
        if (result.tasksExecuted() != 0 && started.get() != result.tasksExecuted()) {
            f.add(r, started.get() + " taskStarted events but tasksExecuted() is " + result.tasksExecuted());
        }
        if (reportedTasks >= 0 && reportedTasks != result.tasksExecuted()) {
            f.add(r, "the result passed to phaseFinished said " + reportedTasks + " tasks, execute's says "
                    + result.tasksExecuted());
        }
        if (failedFlags.get() != taskFailures) {
            f.add(r, failedFlags.get() + " taskFinished events were flagged failed, but " + taskFailures
                    + " tasks failed");
        }
        problems.clear();
        open.clear();
        started.set(0);
        finished.set(0);
        failedFlags.set(0);
        phasesStarted.set(0);
        phasesFinished.set(0);
        reportedTasks = -1;
        return f;
    }
}
