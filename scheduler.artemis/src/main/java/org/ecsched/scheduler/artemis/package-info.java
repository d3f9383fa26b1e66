/**
 * artemis-odb on ecsched: {@link org.ecsched.scheduler.artemis.EcschedInvocationStrategy} runs a world's
 * {@link org.ecsched.scheduler.artemis.ParallelIteratingSystem}s on a backend, entity-parallel, and everything
 * else as artemis does; structural changes go through {@link org.ecsched.scheduler.artemis.EntityCommands}, and
 * {@link org.ecsched.scheduler.artemis.ReadOnly} marks the mappers a system only reads.
 */
package org.ecsched.scheduler.artemis;
