package org.ecsched.scheduler.testkit.phase;

/**
 * The command type of generated phases: a pure function of who recorded it, so that the sequential oracle can
 * predict every delivered command.
 *
 * @param system the recording system's position in the plan
 * @param entity the entity being visited, or -1 for a system that runs once
 * @param n      the command's number among those recorded for that entity (or that run)
 */
public record TestCommand(int system, int entity, int n) {

    @Override
    public String toString() {
        return "s" + system + (entity < 0 ? "" : "@" + entity) + "#" + n;
    }
}
