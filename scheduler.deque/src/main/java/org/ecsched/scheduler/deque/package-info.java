/**
 * The work-stealing deque after Chase and Lev ({@link org.ecsched.scheduler.deque.ChaseLevDeque}) and the global
 * injection queue after Vyukov ({@link org.ecsched.scheduler.deque.Injector}); nothing else of the scheduler.
 *
 * <p>Both structures are bounded and allocate nothing per operation. A worker owns one deque: it pushes and pops
 * at the bottom; other workers steal from the top. When its deque is full, a worker offers the task to the
 * shared injector instead; idle workers take batches from the injector into their own deques.
 *
 * <p>Start with {@link org.ecsched.scheduler.deque.ChaseLevDeque}: its implementation overview (a block comment at
 * the top of the class body) states the invariants and why each memory ordering suffices, and the table below
 * defines the accessor prefixes it uses. {@link org.ecsched.scheduler.deque.Injector} follows the same plan.
 *
 * <h2>Accessor prefixes</h2>
 *
 * <p>Every shared field and array element is read and written through a small accessor whose name starts with
 * the memory ordering it uses (after JCTools), so that the ordering is visible at the call site. Each maps to
 * one {@link java.lang.invoke.VarHandle} access mode:
 *
 * <table>
 *   <caption>Prefix, VarHandle mode, and what it guarantees</caption>
 *   <tr><th>prefix</th><th>VarHandle mode</th><th>C11 analogue</th><th>guarantee (barrier)</th></tr>
 *   <tr><td>{@code lp} / {@code sp}</td><td>{@code get} / {@code set} (plain)</td><td>non-atomic</td>
 *       <td>none; used only where no other thread writes concurrently, or where another access supplies the
 *       ordering and the comment says which</td></tr>
 *   <tr><td>{@code lo}</td><td>{@code getOpaque}</td><td>relaxed load</td>
 *       <td>none, but coherent per variable and never cached by the compiler (a loop really re-reads)</td></tr>
 *   <tr><td>{@code la}</td><td>{@code getAcquire}</td><td>acquire load</td>
 *       <td>LoadLoad + LoadStore after the load: later accesses stay after it</td></tr>
 *   <tr><td>{@code so}</td><td>{@code setRelease} ("store ordered", JCTools' name)</td><td>release store</td>
 *       <td>LoadStore + StoreStore before the store: earlier accesses stay before it</td></tr>
 *   <tr><td>{@code cas}</td><td>{@code compareAndSet}</td><td>seq_cst CAS</td>
 *       <td>atomic; full (volatile) ordering on both sides</td></tr>
 *   <tr><td>{@code rcas}</td><td>{@code weakCompareAndSetPlain}</td><td>relaxed weak CAS</td>
 *       <td>atomic only; no ordering; may fail spuriously, so only used in a retry loop</td></tr>
 * </table>
 *
 * <p>The one explicit fence is {@link java.lang.invoke.VarHandle#fullFence()} (a C11 {@code seq_cst} fence,
 * the only one that orders an earlier store before a later load: StoreLoad). A release store read by an acquire
 * load orders everything the writer did before the store before everything the reader does after the load; the
 * comments call that "happens-before through X".
 */
package org.ecsched.scheduler.deque;
