/**
 * Not exported: the bridge that lets {@code org.ecsched.scheduler.api.backend.PlanGraph} read the DAG arrays a
 * {@code Plan} keeps private ({@link org.ecsched.scheduler.api.internal.PlanAccess}, the JDK's "shared secrets"
 * pattern), so that the user's view of a plan and the executor's view are two types.
 */
package org.ecsched.scheduler.api.internal;
