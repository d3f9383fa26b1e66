package org.ecsched.scheduler.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of systems that run together in one step of a frame.
 *
 * <p>Declaration order matters: it is the deterministic tie-break that directs the ordering between two
 * conflicting systems that nothing else orders, and it is the order in which commands are delivered.
 * {@link #compile()} turns a phase into a reusable {@link Plan}; compile once, execute every frame.
 *
 * @param <C> the ECS's command type
 */
public final class Phase<C> {

    private final String name;
    private final List<SystemSpec<C>> systems;
    /** Orderings added by {@link Builder#chain}: pairs {first, second} of names. */
    private final List<String[]> chainedPairs;

    /** Run by {@code execute} before each run of the plan, in order ({@link Builder#beforeEachRun}). */
    private final List<Runnable> beforeEachRun;

    private Phase(String name, List<SystemSpec<C>> systems) {
        this(name, systems, List.of(), List.of());
    }

    private Phase(String name, List<SystemSpec<C>> systems, List<String[]> chainedPairs,
                  List<Runnable> beforeEachRun) {
        this.name = name;
        this.beforeEachRun = List.copyOf(beforeEachRun);
        this.systems = List.copyOf(systems);
        List<String[]> pairs = new ArrayList<>();
        for (String[] p : chainedPairs) {
            pairs.add(p.clone());
        }
        this.chainedPairs = List.copyOf(pairs);
    }

    /** {@return the hooks run before each run of the plan, in order} See {@link Builder#beforeEachRun}. */
    public List<Runnable> beforeEachRun() {
        return beforeEachRun;
    }

    /** Orderings added by {@link Builder#chain}, as pairs {@code {first, second}} of system names (copies). */
    List<String[]> chainedPairs() {
        return chainedPairs;
    }

    /**
     * Makes a phase from systems in declaration order.
     *
     * @param <C>     the command type of the systems
     * @param name    the phase's name, used in messages, results and traces
     * @param systems the systems, in declaration order
     * @return the phase, not yet compiled
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if a system is null
     */
    public static <C> Phase<C> of(String name, List<SystemSpec<C>> systems) {
        checkName(name);
        Objects.requireNonNull(systems, "systems");
        return new Phase<>(name, systems);
    }

    /**
     * Starts a phase to which systems are added in declaration order.
     *
     * @param <C>  the command type of the systems
     * @param name the phase's name, used in messages, results and traces
     * @return a builder holding no system yet
     */
    public static <C> Builder<C> named(String name) {
        checkName(name);
        return new Builder<>(name);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("phase name must not be null or blank but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /** {@return the phase's name, used in messages, results and traces} */
    public String name() {
        return name;
    }

    /** {@return the systems in declaration order} */
    public List<SystemSpec<C>> systems() {
        return systems;
    }

    /**
     * Compiles the phase into a plan: checks names and orderings, interns component keys, and builds the DAG of
     * explicit orderings plus one ordering per unordered conflicting pair (directed by declaration order).
     *
     * @return the plan, to be executed any number of times on any backend
     * @throws InvalidPlanException naming the problem: duplicate system names, an ordering ({@code runsBefore} or
     *                              {@code runsAfter}) that names an unknown system or the system itself (a
     *                              self-ordering), an ordering cycle (with the systems on it)
     */
    public Plan<C> compile() {
        return PlanCompiler.compile(this);
    }

    @Override
    public String toString() {
        return "Phase[" + name + ", " + systems.size() + " systems]";
    }

    /**
     * Collects the systems of a phase in declaration order.
     *
     * @param <C> the ECS's command type
     */
    public static final class Builder<C> {
        private final String name;
        private final List<SystemSpec<C>> systems = new ArrayList<>();
        private final List<String[]> chainedPairs = new ArrayList<>();
        private final List<Runnable> beforeEachRun = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Appends a system.
         *
         * @param system the system, declared after those added before it
         * @return this builder
         */
        public Builder<C> add(SystemSpec<C> system) {
            systems.add(Objects.requireNonNull(system, "system"));
            return this;
        }

        /**
         * Starts describing a system of this phase's command type, so that no type witness is needed:
         * {@code phase.add(phase.system("move").reads(Vel.class).runs(...))}. Adds nothing by itself.
         *
         * @param name a stable name, unique within the phase, not blank
         * @return a builder of the system
         * @throws IllegalArgumentException if the name is null or blank
         * @see SystemSpec#named(String)
         */
        public SystemSpec.Builder<C> system(String name) {
            return SystemSpec.named(name);
        }

        /**
         * Appends systems that run one after another in the given order (Bevy's {@code chain()}): each is ordered
         * after the one before it, as if it declared {@code runsAfter} it, in addition to its own orderings.
         *
         * @param chained the systems, in the order they run
         * @return this builder
         * @throws NullPointerException if a system is null
         */
        @SafeVarargs
        public final Builder<C> chain(SystemSpec<C>... chained) {
            Objects.requireNonNull(chained, "chained");
            for (int i = 0; i < chained.length; i++) {
                add(chained[i]);
                if (i > 0) {
                    chainedPairs.add(new String[] {chained[i - 1].name(), chained[i].name()});
                }
            }
            return this;
        }

        /**
         * Adds a hook that {@code execute} runs on the calling thread before each run of the plan (after its
         * misuse checks, before the phase is numbered or any body or entity-count supplier runs; artemis-odb's
         * {@code begin()} of a world step, a Flecs pre-frame): swap double buffers, snapshot input, reset
         * per-frame counters. Several hooks run in the order added. What a hook does happens-before every body of
         * the phase. If a hook throws, {@code execute} throws it and the phase does not run (no body, no event,
         * no phase counted); the backend stays usable. Allocate nothing in it: it runs every phase.
         *
         * @param hook run before each run of the plan
         * @return this builder
         */
        public Builder<C> beforeEachRun(Runnable hook) {
            beforeEachRun.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** {@return the phase, not yet compiled} */
        public Phase<C> build() {
            return new Phase<>(name, systems, chainedPairs, beforeEachRun);
        }

        /**
         * Makes the phase and compiles it; see {@link Phase#compile()}.
         *
         * @return the plan
         * @throws InvalidPlanException as {@link Phase#compile()} does
         */
        public Plan<C> compile() {
            return build().compile();
        }
    }
}
