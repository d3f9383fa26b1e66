package org.ecsched.scheduler.api;

import java.util.Arrays;

/**
 * An {@link EntitySet} backed by an {@code int[]} and a length, reused from frame to frame: {@link #clear()} and
 * {@link #add(int)} refill it without allocating once its array is large enough (it only grows, doubling).
 *
 * <p>Not thread-safe: fill it on one thread (a system's body, or the caller between phases), then let a system
 * ordered after that read it (see {@link EntitySet} for the visibility a plan gives).
 */
public final class EntityIds implements EntitySet {

    private int[] ids;
    private int size;

    /** An empty set with room for 16 ids. */
    public EntityIds() {
        this(16);
    }

    /**
     * An empty set.
     *
     * @param capacity ids it holds before it first grows, at least 0
     */
    public EntityIds(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 but was " + capacity);
        }
        this.ids = new int[capacity];
    }

    /**
     * A set of the given ids, copied; they must be strictly ascending.
     *
     * @param ids the ids, each at least 0, strictly ascending
     * @return a new set holding them, with room for exactly as many
     * @throws IllegalArgumentException if an id is negative or not greater than the one before it
     */
    public static EntityIds of(int... ids) {
        EntityIds set = new EntityIds(ids.length);
        for (int id : ids) {
            set.add(id);
        }
        return set;
    }

    /** Empties the set, keeping its capacity. */
    public void clear() {
        size = 0;
    }

    /**
     * Appends an id, which must be greater than the last one (the set stays sorted, as {@link EntitySet} requires).
     *
     * @param id the id to append, at least 0
     * @throws IllegalArgumentException if {@code id} is not greater than the last id, or negative
     */
    public void add(int id) {
        if (id < 0 || (size > 0 && id <= ids[size - 1])) {
            throw new IllegalArgumentException("entity ids must be >= 0 and strictly ascending, but " + id
                    + " follows " + (size > 0 ? String.valueOf(ids[size - 1]) : "nothing"));
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(16, size * 2));
        }
        ids[size++] = id;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int id(int position) {
        if (position < 0 || position >= size) { // the array may be longer than the set
            throw new IndexOutOfBoundsException("position " + position + " outside [0, " + size + ")");
        }
        return ids[position];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EntityIds[");
        for (int i = 0; i < Math.min(size, 16); i++) {
            sb.append(i == 0 ? "" : ", ").append(ids[i]);
        }
        return sb.append(size > 16 ? ", ... (" + size + " ids)]" : "]").toString();
    }
}
