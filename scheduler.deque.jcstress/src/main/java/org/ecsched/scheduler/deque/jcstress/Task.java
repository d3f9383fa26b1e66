package org.ecsched.scheduler.deque.jcstress;

/**
 * The task object the tests push, steal and offer. Its fields are deliberately plain (not final, not volatile):
 * the only thing that may make them visible to a thief is the queue's own publication ordering (the release store
 * of {@code bottom}, or the release store of an injector cell's sequence number). Final fields would be published
 * by the JVM's final-field rule and hide a missing release.
 *
 * <p>{@link #id} identifies the task in outcomes (1, 2, 3, ...); {@link #bit()} is its bit in the masks that the
 * exactly-once tests report. {@link #a}..{@link #d} are the payload whose partial visibility the publication tests
 * look for.
 */
final class Task {

    /** The task's number in outcomes; plain, written once before the task is shared. */
    int id;
    /** Payload, plain. */
    int a;
    /** Payload, plain. */
    int b;
    /** Payload, plain. */
    int c;
    /** Payload, plain. */
    int d;

    /** A task with all fields zero: the publication tests fill it in right before the push. */
    Task() {
    }

    /** A task with the given number and no payload. */
    Task(int id) {
        this.id = id;
    }

    /** A task with the given number and payload, all written by plain stores in this constructor. */
    Task(int id, int a, int b, int c, int d) {
        this.id = id;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /** This task's bit in an exactly-once mask: task 1 is bit 0 (value 1), task 2 is value 2, task 3 is 4, ... */
    int bit() {
        return 1 << (id - 1);
    }
}
