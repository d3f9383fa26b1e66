package org.ecsched.scheduler.deque;

/**
 * A reusable one-element cell that receives a stolen task, so that stealing allocates nothing and the result
 * ({@link StealResult}) can tell "empty" from "lost a race" without a {@code null} that means two things.
 *
 * <p>A cell belongs to one thief thread: it is not thread-safe and need not be (its field is plain). A steal
 * into a cell that still holds a task throws {@link IllegalStateException} rather than overwrite, and so lose,
 * that task: {@link #take()} the task first.
 *
 * @param <T> the task type
 */
public final class Stolen<T> {

    /** The held task, or null. Plain: read and written only by the thread that owns this cell. */
    private T task;

    /** Creates an empty cell. */
    public Stolen() {
    }

    /**
     * Returns the held task and empties the cell.
     *
     * @return the task, or {@code null} if the cell is empty
     */
    public T take() {
        T t = task;
        task = null;
        return t;
    }

    /**
     * Returns the held task and leaves it in the cell.
     *
     * @return the task, or {@code null} if the cell is empty
     */
    public T peek() {
        return task;
    }

    /** Fills the cell; called by the steal methods, on the thread that owns the cell. */
    void set(T stolen) {
        task = stolen;
    }

    /** Throws unless the cell is empty; a steal calls this before it claims anything. */
    void requireEmpty() {
        if (task != null) {
            throw new IllegalStateException(
                    "the Stolen cell still holds a task; take() it before stealing into the cell again");
        }
    }
}
