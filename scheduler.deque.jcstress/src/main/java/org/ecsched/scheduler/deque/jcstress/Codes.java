package org.ecsched.scheduler.deque.jcstress;

import org.ecsched.scheduler.deque.StealResult;

/**
 * How the tests turn what a thread got into the integers of a jcstress outcome. One encoding for the whole suite,
 * so that an outcome line reads the same in every test:
 *
 * <table>
 *   <caption>Outcome encoding</caption>
 *   <tr><th>value</th><th>meaning</th></tr>
 *   <tr><td>{@code n >= 1}</td><td>got the task with id {@code n} (a pop or poll, or a steal with SUCCESS)</td></tr>
 *   <tr><td>{@code 0}</td><td>got nothing: pop/poll returned null, or the steal returned EMPTY</td></tr>
 *   <tr><td>{@code -1}</td><td>the steal returned RETRY (it saw a task but lost the race for it)</td></tr>
 *   <tr><td>{@code -9}</td><td>nonsense: SUCCESS with an empty cell, or a failure with a task in the cell;
 *       always FORBIDDEN (falls to each test's catch-all outcome)</td></tr>
 * </table>
 *
 * <p>Masks (in the exactly-once tests) are the OR of {@link Task#bit()} over the tasks a side got.
 */
final class Codes {

    /** Got nothing: null, or EMPTY. */
    static final int NOTHING = 0;
    /** Lost a race: RETRY. */
    static final int RETRY = -1;
    /** An impossible combination of result and cell content. */
    static final int NONSENSE = -9;

    private Codes() {
    }

    /** The code of a pop or poll result: the task's id, or {@link #NOTHING} for null. */
    static int taken(Task task) {
        return task == null ? NOTHING : task.id;
    }

    /** The code of a steal: the stolen task's id on SUCCESS, {@link #NOTHING} on EMPTY, {@link #RETRY} on RETRY. */
    static int stolen(StealResult result, Task inCell) {
        switch (result) {
            case SUCCESS:
                return inCell == null ? NONSENSE : inCell.id;
            case EMPTY:
                return inCell == null ? NOTHING : NONSENSE;
            case RETRY:
                return inCell == null ? RETRY : NONSENSE;
            default:
                return NONSENSE;
        }
    }

    /** The code of a steal's result alone: 1 = SUCCESS, 0 = EMPTY, -1 = RETRY. */
    static int result(StealResult result) {
        switch (result) {
            case SUCCESS:
                return 1;
            case EMPTY:
                return NOTHING;
            case RETRY:
                return RETRY;
            default:
                return NONSENSE;
        }
    }

    /** The mask bit of a task, or 0 for null. */
    static int bit(Task task) {
        return task == null ? 0 : task.bit();
    }
}
