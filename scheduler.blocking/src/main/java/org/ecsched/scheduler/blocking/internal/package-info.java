/**
 * The blocking backend: a fixed pool of platform threads taking fixed ranges of ready systems from one shared
 * blocking queue. The obviously correct baseline that every benchmark compares with, and with one worker the
 * sequential oracle of the work-stealing backend's tests.
 *
 * <p>Start with {@link org.ecsched.scheduler.blocking.internal.BlockingBackend}: its class comment says how a phase
 * runs and how pool threads survive anything. {@link org.ecsched.scheduler.blocking.internal.BlockingFaults} lets
 * this module's tests inject faults into the backend's own code. Not exported.
 */
package org.ecsched.scheduler.blocking.internal;
