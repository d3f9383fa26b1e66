package org.ecsched.scheduler.api;

import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * Partial results of an entity-parallel system, one per range, combined in entity (range-start) order whoever
 * computed them: a reduction whose result does not depend on scheduling, for any <em>associative</em> combiner
 * (commutativity is not needed). The backend cuts ranges differently from run to run; associativity is exactly
 * what makes {@code fold([a, c)) = fold([a, b)) + fold([b, c))} for every cut, so the combined result is that of
 * one sequential pass. (A floating-point sum is not associative: it may still differ in its last bits between
 * cuttings; sum in integers or fixed point where that matters.)
 *
 * <pre>{@code
 * RangePartials<Long> sums = new RangePartials<>(config.workers());
 * SystemSpec.<Cmd>named("sum").begin(ctx -> sums.clear())
 *         .end(ctx -> total = sums.reduce(0L, Long::sum))
 *         .forEachEntity(n, (start, end, ctx) -> {
 *             long s = 0;
 *             for (int e = start; e < end; e++) s += hp[e];
 *             sums.add(ctx, s);
 *         });
 * }</pre>
 *
 * <p>Each worker index records into its own buffers (plain: a backend uses a worker index on one thread at a time),
 * which keep their capacity, so a steady state allocates nothing but what the values themselves cost (boxing, for
 * primitive partials). {@link #reduce} and {@link #clear} run where every range happens-before them: the system's
 * end body, a system ordered after it, or the caller after {@code execute}.
 *
 * @param <T> the partial result type
 */
public final class RangePartials<T> {

    private final long[][] starts;
    private final Object[][] values;
    private final int[] sizes;
    /** Scratch of {@link #reduce}: sort keys, and the partials in the order the keys' low halves name. */
    private long[] order = new long[16];
    private Object[] flat = new Object[16];

    /**
     * Makes an empty set of partials, with buffers for {@code workerCount} worker indices.
     *
     * @param workerCount the context's {@link SystemContext#workerCount()} (or the backend's configured workers)
     * @throws IllegalArgumentException if {@code workerCount < 1}
     */
    public RangePartials(int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be >= 1 but was " + workerCount);
        }
        this.starts = new long[workerCount][8];
        this.values = new Object[workerCount][8];
        this.sizes = new int[workerCount];
    }

    /**
     * Records the partial result of the range {@code context} describes (its {@code rangeStart()} is the key).
     * Call once per range body.
     *
     * @param context the context of the range body
     * @param partial the range's partial result
     */
    public void add(SystemContext<?> context, T partial) {
        int w = context.workerIndex();
        int n = sizes[w];
        if (n == starts[w].length) {
            starts[w] = Arrays.copyOf(starts[w], n * 2);
            values[w] = Arrays.copyOf(values[w], n * 2);
        }
        starts[w][n] = context.rangeStart();
        values[w][n] = partial;
        sizes[w] = n + 1;
    }

    /** {@return the number of partials recorded since the last {@link #clear()}} */
    public int count() {
        int total = 0;
        for (int n : sizes) {
            total += n;
        }
        return total;
    }

    /**
     * Folds every partial into {@code identity} in range-start order (see the class comment for the guarantee).
     * The partials stay recorded until {@link #clear()}.
     *
     * @param identity the value the partials are combined into, first
     * @param combiner an associative function combining the result so far with the next partial
     * @return {@code identity} combined with each partial in range-start order
     */
    @SuppressWarnings("unchecked")
    public T reduce(T identity, BinaryOperator<T> combiner) {
        int total = count();
        if (order.length < total) {
            order = new long[Math.max(total, order.length * 2)];
        }
        if (flat.length < total) {
            flat = new Object[Math.max(total, flat.length * 2)];
        }
        int k = 0;
        for (int w = 0; w < sizes.length; w++) {
            for (int i = 0; i < sizes[w]; i++) {
                flat[k] = values[w][i];
                order[k] = (starts[w][i] << 32) | k; // range start (high half, never negative), then slot
                k++;
            }
        }
        Arrays.sort(order, 0, total); // primitive sort: allocates nothing for the usual few hundred ranges
        T acc = identity;
        for (int j = 0; j < total; j++) {
            acc = combiner.apply(acc, (T) flat[(int) order[j]]);
        }
        Arrays.fill(flat, 0, total, null);
        return acc;
    }

    /** Forgets the partials (keeping the buffers), for example in the system's begin body. */
    public void clear() {
        for (int w = 0; w < sizes.length; w++) {
            Arrays.fill(values[w], 0, sizes[w], null);
            sizes[w] = 0;
        }
    }
}
