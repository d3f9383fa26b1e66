package org.ecsched.scheduler.api;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * One slot per worker index, for scratch space and partial results that a system's bodies use without
 * synchronising: a body touches only the slot of its context's {@link SystemContext#workerIndex()}, and a backend
 * uses each worker index on one thread at a time, so the slots need no locks. Sized once by
 * {@link SystemContext#workerCount()} (or the backend's worker count) and reused every phase: nothing allocates in
 * a steady state.
 *
 * <p><b>What is deterministic, and what is not.</b> Which worker ran which range depends on scheduling, so what a
 * slot holds at the end of a phase differs from run to run. {@link #reduce} combines the slots in worker-index
 * order; its result is the same in every run only if the combiner is <em>associative and commutative</em> (an
 * integer sum, a min or max, a bitwise or). A floating-point sum is neither exactly: it may differ in its last
 * bits from run to run. For a result that must not depend on scheduling with a merely associative combiner (list
 * appends, string building, an exact ordered fold), collect per-range partials with {@link RangePartials}, which
 * combines them in entity order.
 *
 * <p>Visibility: a body's writes to its slot happen-before the bodies of systems ordered after it, the system's
 * end body and the return of {@code execute} (see {@link SchedulerBackend}); read the slots there.
 *
 * @param <T> the slot type
 */
public final class PerWorker<T> {

    private final Object[] slots;

    /**
     * Makes {@code workerCount} slots.
     *
     * @param workerCount the context's {@link SystemContext#workerCount()} (or the backend's configured workers)
     * @param factory     makes the slot of each worker index, in index order
     * @throws IllegalArgumentException if {@code workerCount < 1}
     */
    public PerWorker(int workerCount, IntFunction<? extends T> factory) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be >= 1 but was " + workerCount);
        }
        Objects.requireNonNull(factory, "factory");
        this.slots = new Object[workerCount];
        for (int w = 0; w < workerCount; w++) {
            slots[w] = factory.apply(w);
        }
    }

    /** {@return the number of slots} */
    public int size() {
        return slots.length;
    }

    /**
     * The slot of the worker running {@code context}'s task.
     *
     * @param context the context of the running task
     * @return the slot of its {@link SystemContext#workerIndex()}
     * @throws IndexOutOfBoundsException if the context's worker index has no slot (made for fewer workers)
     */
    @SuppressWarnings("unchecked")
    public T of(SystemContext<?> context) {
        return (T) slots[context.workerIndex()];
    }

    /**
     * The slot of a worker index.
     *
     * @param worker a worker index, in {@code [0, size())}
     * @return the slot
     * @throws IndexOutOfBoundsException if {@code worker} is outside {@code [0, size())}
     */
    @SuppressWarnings("unchecked")
    public T get(int worker) {
        return (T) slots[worker];
    }

    /**
     * Replaces the slot of a worker index (for immutable slot values such as boxed partial sums).
     *
     * @param worker a worker index, in {@code [0, size())}
     * @param value  the slot's new value
     * @throws IndexOutOfBoundsException if {@code worker} is outside {@code [0, size())}
     */
    public void set(int worker, T value) {
        slots[worker] = value;
    }

    /**
     * Combines every slot into {@code identity}, in worker-index order. The same in every run only for an
     * associative and commutative {@code combiner} (see the class comment).
     *
     * @param identity the value the slots are combined into, first
     * @param combiner combines the result so far with the next slot
     * @return the combined value; {@code identity} combined with each slot in turn
     */
    @SuppressWarnings("unchecked")
    public T reduce(T identity, BinaryOperator<T> combiner) {
        T acc = identity;
        for (Object slot : slots) {
            acc = combiner.apply(acc, (T) slot);
        }
        return acc;
    }
}
