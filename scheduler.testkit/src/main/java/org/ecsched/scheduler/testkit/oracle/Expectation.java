package org.ecsched.scheduler.testkit.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.backend.PlanGraph;

/**
 * What the {@link SequentialOracle} learned about a plan: each system's own commands and throwable, and from them
 * the result a backend must produce.
 *
 * <p>Under {@link FailurePolicy#CONTINUE} the result is fully determined ({@link #outcomesUnderContinue()},
 * {@link #commandsUnderContinue()}). Under {@link FailurePolicy#FAIL_FAST} which systems complete depends on
 * timing, so the expectation gives the commands for whatever set of systems a backend reports COMPLETED
 * ({@link #commandsOf(IntPredicate)}) and the checker tests that set for consistency.
 *
 * @param <C> the command type
 */
public final class Expectation<C> {

    private final Plan<C> plan;
    private final int[] order;
    private final List<List<C>> commands;
    private final Throwable[] thrown;
    private final boolean[] countFailed;
    private final int[] counts;
    private final List<List<Integer>> predecessors;

    Expectation(Plan<C> plan, int[] order, List<List<C>> commands, Throwable[] thrown, boolean[] countFailed,
                int[] counts) {
        this.plan = plan;
        this.order = order;
        this.commands = commands;
        this.thrown = thrown;
        this.countFailed = countFailed;
        this.counts = counts;
        this.predecessors = new ArrayList<>();
        for (int s = 0; s < plan.systemCount(); s++) {
            predecessors.add(new ArrayList<>());
        }
        PlanGraph graph = PlanGraph.of(plan);
        for (int u = 0; u < graph.systemCount(); u++) {
            for (int k = 0; k < graph.successorCount(u); k++) {
                predecessors.get(graph.successor(u, k)).add(u);
            }
        }
    }

    /** {@return the plan} */
    public Plan<C> plan() {
        return plan;
    }

    /** {@return the topological order the oracle ran} */
    public int[] order() {
        return order.clone();
    }

    /**
     * The commands a system records when it runs to completion.
     *
     * @param system the system's position in the plan
     * @return its commands, in record order
     */
    public List<C> commandsOf(int system) {
        return commands.get(system);
    }

    /**
     * What the system throws when it runs.
     *
     * @param system the system's position in the plan
     * @return the throwable, or null
     */
    public Throwable thrown(int system) {
        return thrown[system];
    }

    /**
     * Whether the system fails whenever it runs.
     *
     * @param system the system's position in the plan
     * @return true if its body or its entity count fails
     */
    public boolean wouldFail(int system) {
        return thrown[system] != null;
    }

    /**
     * Whether the failure is the entity count's (negative, or the supplier threw) rather than the body's.
     *
     * @param system the system's position in the plan
     * @return true for a failure of the count
     */
    public boolean countFailed(int system) {
        return countFailed[system];
    }

    /** {@return whether any system fails} */
    public boolean anyFails() {
        for (Throwable t : thrown) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entity count the oracle read.
     *
     * @param system the system's position in the plan
     * @return the count, or -1 for a system that runs once or whose supplier threw
     */
    public int entityCount(int system) {
        return counts[system];
    }

    /**
     * The systems that must finish directly before {@code system} starts (the plan's reduced edges).
     *
     * @param system the system's position in the plan
     * @return the positions of its direct predecessors
     */
    public List<Integer> predecessors(int system) {
        return List.copyOf(predecessors.get(system));
    }

    /**
     * {@return the outcomes under CONTINUE, by position} A system after a FAILED or SKIPPED one is SKIPPED; else
     * one that throws is FAILED; else COMPLETED.
     */
    public SystemOutcome[] outcomesUnderContinue() {
        SystemOutcome[] out = new SystemOutcome[plan.systemCount()];
        for (int s : order) {
            boolean poisoned = false;
            for (int p : predecessors.get(s)) {
                poisoned |= out[p] != SystemOutcome.COMPLETED;
            }
            out[s] = poisoned ? SystemOutcome.SKIPPED
                    : thrown[s] != null ? SystemOutcome.FAILED : SystemOutcome.COMPLETED;
        }
        return out;
    }

    /**
     * The commands to deliver when the systems accepted by {@code completed} are the COMPLETED ones.
     *
     * @param completed accepts the positions of the COMPLETED systems
     * @return the commands in delivery order
     */
    public List<C> commandsOf(IntPredicate completed) {
        List<C> all = new ArrayList<>();
        for (int s = 0; s < plan.systemCount(); s++) {
            if (completed.test(s)) {
                all.addAll(commands.get(s));
            }
        }
        return all;
    }

    /** {@return the commands to deliver under CONTINUE} */
    public List<C> commandsUnderContinue() {
        SystemOutcome[] out = outcomesUnderContinue();
        return commandsOf(s -> out[s] == SystemOutcome.COMPLETED);
    }
}
