package org.ecsched.scheduler.observability;

import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerListener;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.observability.internal.ParkEvent;
import org.ecsched.scheduler.observability.internal.PhaseEvent;
import org.ecsched.scheduler.observability.internal.StealEvent;
import org.ecsched.scheduler.observability.internal.SystemEvent;

/**
 * Turns scheduler events into JDK Flight Recorder events, for JDK Mission Control or {@code jfr print}.
 *
 * <table>
 *   <caption>Events (category "ECS Scheduler")</caption>
 *   <tr><th>name</th><th>one per</th><th>default</th><th>fields</th></tr>
 *   <tr><td>{@code ecsched.Phase}</td><td>phase</td><td>on</td>
 *       <td>plan, phase number, tasks executed, tasks stolen, policy, succeeded, failed and skipped systems</td></tr>
 *   <tr><td>{@code ecsched.System}</td><td>task</td><td>off</td>
 *       <td>system, plan, worker, range start and end, failed</td></tr>
 *   <tr><td>{@code ecsched.Steal}</td><td>steal</td><td>off</td><td>thief, victim (-1: injector), count</td></tr>
 *   <tr><td>{@code ecsched.Park}</td><td>park</td><td>off</td><td>worker; duration from park to wake-up</td></tr>
 * </table>
 * A recording turns events on and sets thresholds, for example with the {@code ecsched.jfc} settings file this
 * module ships (see the module's README).
 *
 * <h2>Cost</h2>
 * Each callback first reads the enabled flag of a cached {@link EventType}, which is true only while a running
 * recording enables that event. When it is false the callback returns at once and allocates nothing. An enabled
 * event allocates its event object, as every JFR event does.
 *
 * <h2>Threads</h2>
 * Duration events are begun by one callback and committed by its partner on the same thread: the phase on the
 * thread that called {@code execute}, tasks and parks on the worker's thread (as the backends in this repository
 * call them). Each thread keeps its open events in a {@link ThreadLocal}, so one listener may serve several
 * backends at once. The phase's "tasks stolen" field counts all steals reported to this listener while the phase
 * ran, so it is exact when the listener serves one backend.
 *
 * <p>Deliberate race, labelled: the enabled flag is read again when an event closes. An event whose type is
 * switched off between its open and its close is dropped; one that was already open when a recording switched
 * its type off, and whose very task (same plan, system, range and worker) closes after a later recording switched
 * it on again, would be committed with the old start. Both happen only as recordings start or stop.
 */
public final class JfrListener implements SchedulerListener {

    /** A system-event threshold that turns {@code ecsched.System} off whatever a recording says. */
    public static final long SYSTEM_EVENTS_OFF = Long.MAX_VALUE;

    private static final EventType PHASE = register(PhaseEvent.class);
    private static final EventType SYSTEM = register(SystemEvent.class);
    private static final EventType STEAL = register(StealEvent.class);
    private static final EventType PARK = register(ParkEvent.class);

    private final long systemEventThresholdNanos;
    private final ThreadLocal<OpenJfrEvents> open = ThreadLocal.withInitial(OpenJfrEvents::new);
    /** Tasks stolen so far, for the phase event's "tasks stolen" (a difference of two sums). */
    private final LongAdder tasksStolen = new LongAdder();

    /**
     * A listener that emits {@code ecsched.System} for every task that a recording's own settings (enabled,
     * threshold) let through.
     */
    public JfrListener() {
        this(0);
    }

    /**
     * A listener that, in addition to a recording's settings, never emits {@code ecsched.System} for a task shorter
     * than {@code systemEventThresholdNanos}: a floor that a recording cannot lower.
     *
     * @param systemEventThresholdNanos 0 to leave it to the recording, {@link #SYSTEM_EVENTS_OFF} to never emit
     * @throws IllegalArgumentException if negative
     */
    public JfrListener(long systemEventThresholdNanos) {
        if (systemEventThresholdNanos < 0) {
            throw new IllegalArgumentException("systemEventThresholdNanos must be >= 0 but was "
                    + systemEventThresholdNanos);
        }
        this.systemEventThresholdNanos = systemEventThresholdNanos;
    }

    /** {@return the floor below which {@code ecsched.System} is never emitted, in nanoseconds} */
    public long systemEventThresholdNanos() {
        return systemEventThresholdNanos;
    }

    /** Registers explicitly, so that the type exists (and can be enabled) before the first event is made. */
    private static EventType register(Class<? extends Event> eventClass) {
        FlightRecorder.register(eventClass);
        return EventType.getEventType(eventClass);
    }

    @Override
    public void phaseStarted(Plan<?> plan, long phaseNumber, long nanoTime) {
        if (!PHASE.isEnabled()) {
            return;
        }
        PhaseEvent e = new PhaseEvent();
        e.begin();
        open.get().openPhase(e, plan, phaseNumber, tasksStolen.sum());
    }

    @Override
    public void phaseFinished(Plan<?> plan, long phaseNumber, PhaseResult<?> result, long nanoTime) {
        if (!PHASE.isEnabled()) {
            return;
        }
        OpenJfrEvents o = open.get();
        PhaseEvent e = o.takePhase(plan, phaseNumber);
        if (e == null) {
            return; // the phase began before the event was enabled
        }
        e.end();
        if (!e.shouldCommit()) {
            return;
        }
        e.plan = plan.name();
        e.phaseNumber = phaseNumber;
        e.tasksExecuted = result.tasksExecuted();
        e.tasksStolen = tasksStolen.sum() - o.stolenAtPhaseStart();
        e.policy = result.policy().name();
        e.succeeded = result.succeeded();
        e.failedSystems = count(result, SystemOutcome.FAILED);
        e.skippedSystems = count(result, SystemOutcome.SKIPPED);
        e.commit();
    }

    private static int count(PhaseResult<?> result, SystemOutcome outcome) {
        int n = 0;
        for (int s = 0, systems = result.plan().systemCount(); s < systems; s++) {
            if (result.outcome(s) == outcome) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void taskStarted(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, long nanoTime) {
        if (systemEventThresholdNanos == SYSTEM_EVENTS_OFF || !SYSTEM.isEnabled()) {
            return;
        }
        SystemEvent e = new SystemEvent();
        e.begin();
        open.get().openTask(e, worker, plan, system, rangeStart, rangeEnd, nanoTime);
    }

    @Override
    public void taskFinished(int worker, Plan<?> plan, int system, int rangeStart, int rangeEnd, boolean failed,
                             long nanoTime) {
        if (systemEventThresholdNanos == SYSTEM_EVENTS_OFF || !SYSTEM.isEnabled()) {
            return;
        }
        OpenJfrEvents o = open.get();
        SystemEvent e = o.takeTask(worker, plan, system, rangeStart, rangeEnd);
        if (e == null || nanoTime - o.taskStartNanos() < systemEventThresholdNanos) {
            return;
        }
        e.end();
        if (!e.shouldCommit()) {
            return; // shorter than the recording's threshold
        }
        e.system = plan.system(system).name();
        e.plan = plan.name();
        e.worker = worker;
        e.rangeStart = rangeStart;
        e.rangeEnd = rangeEnd;
        e.failed = failed;
        e.commit();
    }

    @Override
    public void stolen(int thief, int victim, int count, long nanoTime) {
        if (PHASE.isEnabled()) {
            tasksStolen.add(count);
        }
        if (!STEAL.isEnabled()) {
            return;
        }
        StealEvent e = new StealEvent(); // an instant: commit without begin stamps it now, duration 0
        e.thief = thief;
        e.victim = victim;
        e.count = count;
        e.commit();
    }

    @Override
    public void parked(int worker, long nanoTime) {
        if (!PARK.isEnabled()) {
            return;
        }
        ParkEvent e = new ParkEvent();
        e.begin();
        open.get().openPark(e, worker);
    }

    @Override
    public void unparked(int worker, long nanoTime) {
        if (!PARK.isEnabled()) {
            return;
        }
        ParkEvent e = open.get().takePark(worker);
        if (e == null) {
            return;
        }
        e.end();
        if (e.shouldCommit()) {
            e.worker = worker;
            e.commit();
        }
    }

    @Override
    public String toString() {
        return "JfrListener[systemEventThreshold=" + (systemEventThresholdNanos == SYSTEM_EVENTS_OFF ? "off"
                : systemEventThresholdNanos + " ns") + "]";
    }
}
