/**
 * The work-stealing backend's provider, {@link org.ecsched.scheduler.workstealing.WorkStealingBackendProvider},
 * which {@link java.util.ServiceLoader} finds under the name {@code "workstealing"}, the default backend. The module
 * exports nothing: users reach the backend through {@code Schedulers.createDefault(config)} or
 * {@code Schedulers.create("workstealing", config)}.
 *
 * <p>The backend itself is in {@code org.ecsched.scheduler.workstealing.internal}: start with
 * {@link org.ecsched.scheduler.workstealing.internal.WorkStealingBackend}.
 */
package org.ecsched.scheduler.workstealing;
