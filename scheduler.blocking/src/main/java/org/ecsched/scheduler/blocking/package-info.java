/**
 * The blocking backend's provider, {@link org.ecsched.scheduler.blocking.BlockingBackendProvider}, which
 * {@link java.util.ServiceLoader} finds under the name {@code "blocking"}. The module exports nothing: users reach
 * the backend through {@code Schedulers.create("blocking", config)}.
 *
 * <p>The backend itself is in {@code org.ecsched.scheduler.blocking.internal}: start with
 * {@link org.ecsched.scheduler.blocking.internal.BlockingBackend}.
 */
package org.ecsched.scheduler.blocking;
