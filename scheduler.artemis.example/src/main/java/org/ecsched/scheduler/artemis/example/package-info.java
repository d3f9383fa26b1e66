/**
 * An example artemis-odb world for {@code scheduler.artemis}: components, thirteen systems (eleven
 * {@code ParallelIteratingSystem}s that spawn, despawn and edit through commands, two ordinary artemis systems that
 * change the world directly), a seeded builder and a whole-world hash. The demo's artemis workload runs it; this
 * module's tests require it to come out identical under artemis's own loop and under the strategy.
 */
package org.ecsched.scheduler.artemis.example;
