/**
 * The work-stealing deque after Chase and Lev and the global injection queue.
 *
 * <p>Depends on nothing else of the scheduler; any work-stealing runtime can use it.
 */
module org.ecsched.scheduler.deque {
    exports org.ecsched.scheduler.deque;
}
