package org.ecsched.scheduler.api;

/**
 * A sparse set of entity ids, sorted ascending, read by position: what an entity-parallel system over a sparse
 * set ({@link SystemSpec.Builder#forEachEntityIn}) runs over. Flecs calls the dense variant a table, artemis an
 * aspect's subscription; here it is only {@code size()} and {@code id(position)}, so an ECS can hand over its own
 * structure (a bitset's compacted ids, a sparse set's dense array) without copying.
 *
 * <p><b>Positions and ids.</b> The scheduler splits a sparse system over positions {@code [0, size())}, never
 * over ids: ranges of positions are what bodies, {@link SystemContext#rangeStart()}, the command merge and
 * {@link SystemFailure#rangeStart()} speak of; {@link #id(int)} turns a position into an id, and
 * {@link SystemFailure#firstEntityId()} reports ids. Ids sorted ascending make "position order" the same as "id
 * order", so commands recorded in position order are delivered in id order.
 *
 * <p><b>Lifetime.</b> The system's supplier is read once per phase, when the system becomes ready; the set it
 * returns must not change until the system's last body has returned. Implementations need not be thread-safe
 * beyond that: the scheduler only reads the set, from several threads at once, after the read that
 * happens-before every body of the system (a set filled by the system's predecessors in the same phase is fine).
 * {@link EntityIds} is a reusable array-backed implementation.
 */
public interface EntitySet {

    /** {@return the number of ids in the set (at least 0)} */
    int size();

    /**
     * The id at a position.
     *
     * @param position in {@code [0, size())}
     * @return the id; ids increase strictly with position
     */
    int id(int position);
}
