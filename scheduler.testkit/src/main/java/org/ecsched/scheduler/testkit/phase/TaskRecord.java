package org.ecsched.scheduler.testkit.phase;

/**
 * One body invocation as the {@link PhaseProbe} saw it. Ticks come from one logical clock shared by the phase's
 * tasks, taken after a task acquired its component guards and before it released them: if task {@code a}'s exit
 * happened before task {@code b}'s entry, then {@code a.exitTick() < b.enterTick()}.
 *
 * @param system    the system's position in the plan
 * @param start     range start (0 for a system that runs once)
 * @param end       range end, exclusive (0 for a system that runs once)
 * @param worker    the worker index the context reported
 * @param enterTick logical time of entry
 * @param exitTick  logical time of exit
 * @param threw     whether the body threw
 */
public record TaskRecord(int system, int start, int end, int worker, long enterTick, long exitTick,
                         boolean threw) {

    /** {@return the number of entities visited} */
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "s" + system + " [" + start + ", " + end + ") on worker " + worker + (threw ? " (threw)" : "");
    }
}
