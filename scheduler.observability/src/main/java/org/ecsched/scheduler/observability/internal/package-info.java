/**
 * Implementation of {@code org.ecsched.scheduler.observability}; not exported.
 *
 * <p>JFR event classes ({@link org.ecsched.scheduler.observability.internal.PhaseEvent},
 * {@link org.ecsched.scheduler.observability.internal.SystemEvent},
 * {@link org.ecsched.scheduler.observability.internal.StealEvent},
 * {@link org.ecsched.scheduler.observability.internal.ParkEvent}) live here although the package is not exported:
 * registering an event class gives {@code jdk.jfr} the access it needs to the class's package.
 *
 * <h2>Accessor prefixes</h2>
 * A field shared between threads is read and written only through accessors whose name says the memory ordering,
 * so that the ordering is visible at the call site:
 * <table>
 *   <caption>prefix, access, what it guarantees</caption>
 *   <tr><th>prefix</th><th>access</th><th>guarantee</th></tr>
 *   <tr><td>{@code lp}</td><td>plain load</td><td>none; only for the field's single writer</td></tr>
 *   <tr><td>{@code la}</td><td>{@code getAcquire}</td><td>LoadLoad + LoadStore after: later reads see what the
 *       matching release published</td></tr>
 *   <tr><td>{@code sr}</td><td>{@code setRelease}</td><td>LoadStore + StoreStore before: earlier writes are
 *       visible to an acquiring reader that sees this one</td></tr>
 *   <tr><td>{@code lo}</td><td>{@code getOpaque}</td><td>untorn, eventually visible, no ordering</td></tr>
 *   <tr><td>{@code so}</td><td>{@code setOpaque}</td><td>untorn, eventually visible, no ordering (note: not
 *       JCTools's "store ordered", which is {@code sr} here)</td></tr>
 * </table>
 */
package org.ecsched.scheduler.observability.internal;
