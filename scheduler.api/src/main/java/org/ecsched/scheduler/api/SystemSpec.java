package org.ecsched.scheduler.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * An immutable description of one ECS system: its name, the components it reads and writes, the systems it must
 * run before or after, and its body.
 *
 * <p>Component keys are whatever the ECS uses to name a component (a {@code Class}, an enum constant, a boxed
 * int id, ...): they are compared with {@code equals}. Two systems conflict when one writes a component the other
 * reads or writes; a plan never lets conflicting systems overlap in time. A component that is both read and
 * written counts as written.
 *
 * <pre>{@code
 * SystemSpec<Cmd> move = SystemSpec.<Cmd>named("move")
 *         .reads(Velocity.class).writes(Position.class)
 *         .runsAfter("input")
 *         .forEachEntity(world::size, (start, end, ctx) -> {
 *             for (int e = start; e < end; e++) pos[e] += vel[e];
 *         });
 * }</pre>
 *
 * @param <C> the ECS's command type
 */
public final class SystemSpec<C> {

    /**
     * The component an {@link Builder#exclusive() exclusive} system conflicts through: the whole world. It is what
     * {@link #sharedConflictingComponents} (and so {@link ImpliedOrdering#components()}) lists for such a pair.
     */
    public static final Object WORLD = new Object() {
        @Override
        public String toString() {
            return "<the whole world: exclusive>";
        }
    };

    /** Marks a system whose minimum batch size is left to the backend's configuration. */
    public static final int DEFAULT_MIN_BATCH = 0;

    private final String name;
    private final Set<Object> reads;
    private final Set<Object> writes;
    private final List<String> runsBefore;
    private final List<String> runsAfter;
    private final SystemBody<C> body;
    private final RangeBody<C> rangeBody;
    private final IntSupplier entityCount;
    private final int fixedEntityCount;
    private final int minBatchSize;
    /** For a system over a sparse set: the set's supplier and the body; null otherwise. */
    private final Supplier<? extends EntitySet> entitySet;
    private final IdRangeBody<C> idRangeBody;
    /** Run once before the first range and once after the last, or null (entity-parallel systems only). */
    private final SystemBody<C> beginBody;
    private final SystemBody<C> endBody;
    /** Whether the system runs alone, on the calling thread, conflicting with every other system. */
    private final boolean exclusive;
    /** Whether the system runs this phase, asked when it becomes ready; null: always. */
    private final BooleanSupplier runCondition;

    private SystemSpec(Builder<C> b, SystemBody<C> body, RangeBody<C> rangeBody, IntSupplier entityCount,
                       int fixedEntityCount) {
        this(b, body, rangeBody, entityCount, fixedEntityCount, null, null);
    }

    private SystemSpec(Builder<C> b, SystemBody<C> body, RangeBody<C> rangeBody, IntSupplier entityCount,
                       int fixedEntityCount, Supplier<? extends EntitySet> entitySet, IdRangeBody<C> idRangeBody) {
        this.name = b.name;
        LinkedHashSet<Object> w = new LinkedHashSet<>(b.writes);
        LinkedHashSet<Object> r = new LinkedHashSet<>(b.reads);
        r.removeAll(w); // a component both read and written counts as written
        this.reads = Collections.unmodifiableSet(r);
        this.writes = Collections.unmodifiableSet(w);
        this.runsBefore = List.copyOf(b.runsBefore);
        this.runsAfter = List.copyOf(b.runsAfter);
        this.body = body;
        this.rangeBody = rangeBody;
        this.entityCount = entityCount;
        this.fixedEntityCount = fixedEntityCount;
        this.minBatchSize = b.minBatchSize;
        this.entitySet = entitySet;
        this.idRangeBody = idRangeBody;
        this.beginBody = b.begin;
        this.endBody = b.end;
        this.runCondition = b.runCondition;
        this.exclusive = b.exclusive;
        if (exclusive && (beginBody != null || endBody != null)) {
            throw new IllegalStateException("system '" + name + "': an exclusive system runs alone on one thread;"
                    + " its body can do the work of begin and end bodies");
        }
        if (body != null && (beginBody != null || endBody != null)) {
            throw new IllegalStateException("system '" + name + "': begin and end bodies are for entity-parallel"
                    + " systems; a system that runs once can do their work in its body");
        }
    }

    /**
     * Starts describing a system.
     *
     * @param name a stable name, unique within its phase, not blank
     * @param <C>  the ECS's command type
     * @return a builder
     * @throws IllegalArgumentException if the name is null or blank
     */
    public static <C> Builder<C> named(String name) {
        return new Builder<>(name);
    }

    /** {@return the system's name} */
    public String name() {
        return name;
    }

    /**
     * {@return the components this system only reads} A component it also writes is listed only in
     * {@link #writes()}.
     */
    public Set<Object> reads() {
        return reads;
    }

    /** {@return the components this system writes} */
    public Set<Object> writes() {
        return writes;
    }

    /** {@return the names of systems this one must finish before} */
    public List<String> runsBefore() {
        return runsBefore;
    }

    /** {@return the names of systems that must finish before this one starts} */
    public List<String> runsAfter() {
        return runsAfter;
    }

    /** {@return whether the body runs over entity ranges ({@link #rangeBody()}) rather than once ({@link #body()})} */
    public boolean isEntityParallel() {
        return rangeBody != null;
    }

    /** {@return the run-once body, or null for an entity-parallel system} */
    public SystemBody<C> body() {
        return body;
    }

    /**
     * {@return the range body, or null for a system that runs once} For a system over a sparse set
     * ({@link #isSparse()}) it is an adapter that reads {@link #entitySet()} and calls {@link #idRangeBody()}:
     * correct for code that knows nothing of sparse sets, provided the supplier gives the same set all phase long
     * (the backends built on {@code api.backend.PhaseRun} read the supplier once per phase and call the id body
     * directly).
     */
    public RangeBody<C> rangeBody() {
        return rangeBody;
    }

    /** {@return whether the system runs over a sparse {@link EntitySet} ({@link Builder#forEachEntityIn})} */
    public boolean isSparse() {
        return idRangeBody != null;
    }

    /** {@return the body run once per phase before the system's first range, or null} See {@link Builder#begin}. */
    public SystemBody<C> beginBody() {
        return beginBody;
    }

    /** {@return the body run once per phase after the system's last range, or null} See {@link Builder#end}. */
    public SystemBody<C> endBody() {
        return endBody;
    }

    /** {@return whether the system is exclusive} See {@link Builder#exclusive()}. */
    public boolean isExclusive() {
        return exclusive;
    }

    /** {@return the run condition, or null if the system runs in every phase} See {@link Builder#runIf}. */
    public BooleanSupplier runCondition() {
        return runCondition;
    }

    /** {@return the sparse set's supplier, or null unless {@link #isSparse()}} */
    public Supplier<? extends EntitySet> entitySet() {
        return entitySet;
    }

    /** {@return the body over positions of the sparse set, or null unless {@link #isSparse()}} */
    public IdRangeBody<C> idRangeBody() {
        return idRangeBody;
    }

    /**
     * {@return the entity count of an entity-parallel system, or null for a system that runs once} The count is
     * read once per phase when the system becomes ready (its predecessors are all done), so it may change from
     * frame to frame and may depend on what a system ordered before it built earlier in the same phase. It is read
     * on the thread that finished the system's last predecessor, or on the thread calling {@code execute} for a
     * system with no predecessor; the predecessors' bodies happen-before the read. A negative value, or a supplier
     * that throws, fails the system for that phase (FAILED, its body not called; its successors are skipped under
     * CONTINUE, and under FAIL_FAST it stops the phase like any failure). A system skipped without running (after
     * a failed predecessor, or once FAIL_FAST stopped the phase) has no count read.
     */
    public IntSupplier entityCount() {
        return entityCount;
    }

    /** {@return the entity count fixed when the system was built, or -1 if it is supplied per phase} */
    public int fixedEntityCount() {
        return fixedEntityCount;
    }

    /**
     * {@return the smallest range a backend may hand this system} The last range of a phase may be shorter;
     * {@link #DEFAULT_MIN_BATCH} means the backend's {@link SchedulerConfig#minBatchSize()}.
     */
    public int minBatchSize() {
        return minBatchSize;
    }

    /**
     * Whether this system and {@code other} may not overlap in time because of the components they touch: one
     * writes a component the other reads or writes.
     *
     * @param other another system
     * @return true if they conflict
     */
    public boolean conflictsWith(SystemSpec<?> other) {
        return !sharedConflictingComponents(other).isEmpty();
    }

    /**
     * The components through which this system and {@code other} conflict.
     *
     * @param other another system
     * @return the components, empty if none
     */
    public Set<Object> sharedConflictingComponents(SystemSpec<?> other) {
        LinkedHashSet<Object> shared = new LinkedHashSet<>();
        if (exclusive || other.exclusive) {
            shared.add(WORLD);
            return shared;
        }
        for (Object c : writes) {
            if (other.writes.contains(c) || other.reads.contains(c)) {
                shared.add(c);
            }
        }
        for (Object c : reads) {
            if (other.writes.contains(c)) {
                shared.add(c);
            }
        }
        return shared;
    }

    /**
     * How a component key is printed in plans' descriptions and explanations: a class by its simple name (its full
     * name if it has none), anything else by {@code toString()}.
     *
     * @param component a component key, or null
     * @return the key's printed name ({@code "null"} for null)
     */
    public static String componentName(Object component) {
        if (component instanceof Class<?> c) {
            return c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
        }
        return String.valueOf(component);
    }

    @Override
    public String toString() {
        return "SystemSpec[" + name + (isSparse() ? ", sparse" : isEntityParallel() ? ", entity-parallel" : "")
                + ", reads=" + reads
                + ", writes=" + writes + (runsAfter.isEmpty() ? "" : ", after=" + runsAfter)
                + (runsBefore.isEmpty() ? "" : ", before=" + runsBefore) + "]";
    }

    /**
     * Collects a system's declarations; ends with {@link #runs} or one of the {@code forEachEntity} methods.
     *
     * @param <C> the ECS's command type
     */
    public static final class Builder<C> {
        private final String name;
        private final List<Object> reads = new ArrayList<>();
        private final List<Object> writes = new ArrayList<>();
        private final List<String> runsBefore = new ArrayList<>();
        private final List<String> runsAfter = new ArrayList<>();
        private int minBatchSize = DEFAULT_MIN_BATCH;
        private SystemBody<C> begin;
        private SystemBody<C> end;
        private BooleanSupplier runCondition;
        private boolean exclusive;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("system name must not be null or blank but was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            this.name = name;
        }

        /**
         * Declares components the system reads, named by their classes (the usual key of a Java ECS): the same as
         * {@link #reads(Object...)}, typed, and printed by simple name in plans' descriptions.
         *
         * @param components the components' classes
         * @return this builder
         */
        public Builder<C> reads(Class<?>... components) {
            return reads((Object[]) components);
        }

        /**
         * Declares components the system writes (and may read), named by their classes; see {@link #reads(Class[])}.
         *
         * @param components the components' classes
         * @return this builder
         */
        public Builder<C> writes(Class<?>... components) {
            return writes((Object[]) components);
        }

        /**
         * Declares systems that may only start after this one finished, by reference (their names are what
         * counts: the plan resolves orderings by name within the phase).
         *
         * @param systems systems of the same phase
         * @return this builder
         */
        public Builder<C> runsBefore(SystemSpec<?>... systems) {
            return runsBefore(namesOf(systems, "runsBefore"));
        }

        /**
         * Declares systems that must finish before this one starts, by reference; see
         * {@link #runsBefore(SystemSpec[])}.
         *
         * @param systems systems of the same phase
         * @return this builder
         */
        public Builder<C> runsAfter(SystemSpec<?>... systems) {
            return runsAfter(namesOf(systems, "runsAfter"));
        }

        private String[] namesOf(SystemSpec<?>[] systems, String what) {
            Objects.requireNonNull(systems, what);
            String[] names = new String[systems.length];
            for (int i = 0; i < systems.length; i++) {
                if (systems[i] == null) {
                    throw new NullPointerException("system '" + name + "': " + what + " contains null");
                }
                names[i] = systems[i].name();
            }
            return names;
        }

        /**
         * Declares components the system reads.
         *
         * @param components component keys (typically their classes)
         * @return this builder
         */
        public Builder<C> reads(Object... components) {
            addAll(reads, components, "reads");
            return this;
        }

        /**
         * Declares components the system writes (and may read).
         *
         * @param components component keys (typically their classes)
         * @return this builder
         */
        public Builder<C> writes(Object... components) {
            addAll(writes, components, "writes");
            return this;
        }

        /**
         * Declares systems (by name) that may only start after this one finished.
         *
         * @param systems names of systems of the same phase
         * @return this builder
         */
        public Builder<C> runsBefore(String... systems) {
            addAll(runsBefore, systems, "runsBefore");
            return this;
        }

        /**
         * Declares systems (by name) that must finish before this one starts.
         *
         * @param systems names of systems of the same phase
         * @return this builder
         */
        public Builder<C> runsAfter(String... systems) {
            addAll(runsAfter, systems, "runsAfter");
            return this;
        }

        /**
         * Sets the smallest range the backend may hand an entity-parallel system.
         *
         * @param entities at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code entities < 1}
         */
        public Builder<C> minBatchSize(int entities) {
            if (entities < 1) {
                throw new IllegalArgumentException("system '" + name + "': minBatchSize must be >= 1 but was "
                        + entities);
            }
            this.minBatchSize = entities;
            return this;
        }

        /**
         * Makes the system exclusive (Bevy's exclusive systems, a Flecs pipeline's no-readonly system): it has the
         * whole world, so it conflicts with every other system of its phase and the plan orders it against each
         * (declaration order, unless declared otherwise): no other body of the phase runs while it does. It runs
         * on the thread that called {@code execute}, so it may touch what only that thread may (a structural
         * change of the world, a GL context): its ranges, if it is entity-parallel, run there one after another
         * as one task. A system before it and one after it in a phase cannot overlap anyway, so an exclusive system
         * costs its phase one hand-over to the calling thread and back. It cannot have begin or end bodies (its
         * body can do their work). Its body may apply the commands of the systems before it to the world first,
         * with {@link SystemContext#drainCommands} (the sync point of Bevy's {@code apply_deferred}); the other
         * commands are delivered after the phase, as usual.
         *
         * @return this builder
         */
        public Builder<C> exclusive() {
            this.exclusive = true;
            return this;
        }

        /**
         * Makes the system run in a phase only if {@code condition} says so then (Bevy's run conditions; several
         * calls combine with "and", asked in order). It is asked once per phase, when the system becomes ready:
         * after its predecessors, on the thread that finished the last of them (the one calling {@code execute}
         * for a system without predecessors), so it may depend on what they did; before the system's entity count,
         * which a disabled system never has read. A false answer costs no task and no body: the system is
         * {@link SystemOutcome#DISABLED}, records nothing, and its successors go on as if it had completed (so
         * the plan's orderings still hold among the others). A condition that throws fails the system like a body
         * would. It is not asked for a system skipped without running (after a failed predecessor, or once
         * FAIL_FAST stopped the phase). Allocate nothing in it: it is asked every phase.
         *
         * @param condition asked once per phase, when the system becomes ready: true to run it in that phase
         * @return this builder
         */
        public Builder<C> runIf(BooleanSupplier condition) {
            Objects.requireNonNull(condition, () -> "system '" + name + "': condition");
            BooleanSupplier before = runCondition;
            runCondition = before == null ? condition : () -> before.getAsBoolean() && condition.getAsBoolean();
            return this;
        }

        /**
         * Gives an entity-parallel system a body run once per phase before its first range (artemis-odb's
         * {@code begin()}): after the system's predecessors and its entity count (or set), on one of the backend's
         * threads, with the system's access (nothing conflicting runs meanwhile); its
         * {@link SystemContext#rangeStart()} and {@code rangeEnd()} are 0, and the ranges run only after it
         * returned (it happens-before them, so it may prepare plain fields they read). If it throws, the system
         * is FAILED and neither its ranges nor its end run. Its commands come before the ranges' commands.
         *
         * @param body the begin body
         * @return this builder
         * @throws IllegalStateException later, from {@link #runs}, if the system runs once
         */
        public Builder<C> begin(SystemBody<C> body) {
            this.begin = Objects.requireNonNull(body, () -> "system '" + name + "': begin");
            return this;
        }

        /**
         * Gives an entity-parallel system a body run once per phase after its last range returned (artemis-odb's
         * {@code end()}), on one of the backend's threads, with the system's access; every range happens-before
         * it, so it may combine what the ranges left in plain per-range or per-worker slots. It runs only if the
         * begin body (if any) and every range succeeded: otherwise the system is FAILED (or SKIPPED, once
         * FAIL_FAST stopped the phase) without it. If it throws, the system is FAILED and none of its commands,
         * the ranges' included, is delivered. Its commands come after the ranges' commands. The system's
         * successors start after it.
         *
         * @param body the end body
         * @return this builder
         * @throws IllegalStateException later, from {@link #runs}, if the system runs once
         */
        public Builder<C> end(SystemBody<C> body) {
            this.end = Objects.requireNonNull(body, () -> "system '" + name + "': end");
            return this;
        }

        /**
         * Finishes a system whose body runs once per phase.
         *
         * @param body the body
         * @return the system
         * @throws IllegalStateException if a {@link #begin} or {@link #end} body was given
         */
        public SystemSpec<C> runs(SystemBody<C> body) {
            Objects.requireNonNull(body, () -> "system '" + name + "': body");
            return new SystemSpec<>(this, body, null, null, -1);
        }

        /**
         * Finishes an entity-parallel system over a fixed number of entities.
         *
         * @param entityCount the number of entities, at least 0
         * @param body        the body, called with ranges of entities
         * @return the system
         * @throws IllegalArgumentException if {@code entityCount < 0}
         */
        public SystemSpec<C> forEachEntity(int entityCount, RangeBody<C> body) {
            if (entityCount < 0) {
                throw new IllegalArgumentException("system '" + name + "': entityCount must be >= 0 but was "
                        + entityCount);
            }
            Objects.requireNonNull(body, () -> "system '" + name + "': body");
            return new SystemSpec<>(this, null, body, () -> entityCount, entityCount);
        }

        /**
         * Finishes an entity-parallel system whose entity count is read in every phase, when the system becomes
         * ready (see {@link SystemSpec#entityCount()}: so it may count what a predecessor made in the same phase).
         *
         * @param entityCount the number of entities, read in every phase
         * @param body        the body, called with ranges of entities
         * @return the system
         */
        public SystemSpec<C> forEachEntity(IntSupplier entityCount, RangeBody<C> body) {
            Objects.requireNonNull(entityCount, () -> "system '" + name + "': entityCount");
            Objects.requireNonNull(body, () -> "system '" + name + "': body");
            return new SystemSpec<>(this, null, body, entityCount, -1);
        }

        /**
         * Finishes an entity-parallel system over a sparse, sorted set of entity ids, beside the dense
         * {@code forEachEntity} forms. The supplier is read once per phase, when the system becomes ready (like a
         * supplied count: see {@link SystemSpec#entityCount()}, on the same thread, with the same failure rules; a
         * null set fails the system); the set's {@link EntitySet#size()} is the system's entity count. The backend
         * splits positions {@code [0, size)} as it would split a dense range (minimum batch included) and calls
         * {@code body} with the set and a range of positions; the command order follows positions, so ids.
         *
         * @param entities the set of entities, read in every phase
         * @param body     the body, called with the set and ranges of positions in it
         * @return the system
         */
        public SystemSpec<C> forEachEntityIn(Supplier<? extends EntitySet> entities, IdRangeBody<C> body) {
            Objects.requireNonNull(entities, () -> "system '" + name + "': entities");
            Objects.requireNonNull(body, () -> "system '" + name + "': body");
            IntSupplier count = () -> entities.get().size();
            RangeBody<C> adapter = (start, end, ctx) -> body.run(entities.get(), start, end, ctx);
            return new SystemSpec<>(this, null, adapter, count, -1, entities, body);
        }

        private <T> void addAll(List<T> into, T[] items, String what) {
            Objects.requireNonNull(items, what);
            for (T item : items) {
                if (item == null) {
                    throw new NullPointerException("system '" + name + "': " + what + " contains null");
                }
                into.add(item);
            }
        }
    }
}
