/**
 * The work-stealing backend: persistent workers, each with a Chase-Lev deque and a LIFO slot, a shared injector,
 * batch steals from random victims, lazy splitting of entity ranges, throttled wake-ups and competitive spinning.
 * Not exported.
 *
 * <p>Read in this order: {@link org.ecsched.scheduler.workstealing.internal.WorkStealingBackend} (a phase from
 * start to end, failures, interrupts, garbage), {@link org.ecsched.scheduler.workstealing.internal.Worker} (where a
 * worker looks for work, lazy splitting, range affinity, its padded layout),
 * {@link org.ecsched.scheduler.workstealing.internal.Idle} (the park/notify protocol and why no wake-up is lost),
 * {@link org.ecsched.scheduler.workstealing.internal.PlanState} (per-plan tasks and longest-expected-first roots).
 * The rest support them: {@code Sleeper} and {@code CallerState} (idle state on cache lines of their own),
 * {@code Task} and {@code TaskPool} (garbage-free range tasks), {@code Padding}, and {@code FaultInjection} (the
 * fault points this module's tests arm).
 *
 * <p>The design document, {@code docs/design.md} in the repository, maps each technique to its class, its test and
 * its benchmark.
 */
package org.ecsched.scheduler.workstealing.internal;
