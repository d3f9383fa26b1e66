package org.ecsched.scheduler.workstealing.internal;

/**
 * What only the thread executing a phase (worker 0) writes and others read: whether it is hungry. (The phase count
 * is the template's, {@code AbstractSchedulerBackend}'s, written once per phase.) On cache lines of its own
 * (padding before and after, as in {@link Sleeper}), so that worker 0 flipping its hunger while it waits for work
 * never invalidates the lines holding the backend's fields that every worker reads on each loop
 * ({@code injector}, {@code shutdown}, the worker array). Padding is made of bytes (see
 * {@link Padding}); {@code WorkerLayoutTest} checks it (128 bytes either side of hungry).
 */
final class CallerState extends CallerFields {
    byte b000, b001, b002, b003, b004, b005, b006, b007;
    byte b008, b009, b010, b011, b012, b013, b014, b015;
    byte b016, b017, b018, b019, b020, b021, b022, b023;
    byte b024, b025, b026, b027, b028, b029, b030, b031;
    byte b032, b033, b034, b035, b036, b037, b038, b039;
    byte b040, b041, b042, b043, b044, b045, b046, b047;
    byte b048, b049, b050, b051, b052, b053, b054, b055;
    byte b056, b057, b058, b059, b060, b061, b062, b063;
    byte b064, b065, b066, b067, b068, b069, b070, b071;
    byte b072, b073, b074, b075, b076, b077, b078, b079;
    byte b080, b081, b082, b083, b084, b085, b086, b087;
    byte b088, b089, b090, b091, b092, b093, b094, b095;
    byte b096, b097, b098, b099, b100, b101, b102, b103;
    byte b104, b105, b106, b107, b108, b109, b110, b111;
    byte b112, b113, b114, b115, b116, b117, b118, b119;
    byte b120, b121, b122, b123, b124, b125, b126, b127;
    byte b128, b129, b130, b131, b132, b133, b134, b135; // a few go into the gap after hungry

    /** Whether worker 0 found nothing the last time it looked (volatile read: splitting workers poll it). */
    boolean isHungry() {
        return hungry;
    }

    /**
     * Records worker 0's hunger, storing only on a change: a store of the same value would still take the line
     * from the workers that poll it. Worker 0 only.
     */
    void setHungry(boolean value) {
        if (hungry != value) {
            hungry = value; // volatile store: splitting workers see it on their next poll
        }
    }
}

/** The caller's fields; written by the thread executing a phase only. */
abstract class CallerFields extends Padding {
    volatile boolean hungry;
}
