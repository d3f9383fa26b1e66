package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The description of one generated system: plain data, printable, from which {@link PhaseInstance} builds an
 * instrumented {@link org.ecsched.scheduler.api.SystemSpec}.
 *
 * <p>A system either runs once ({@code entities == -1}) or over {@code entities} entities. Its body burns
 * {@code work} iterations (per entity, or once), records commands that are a pure function of system and entity
 * ({@link TestCommand}), and throws per its {@link Fault}. Make one with {@link #once} or {@link #ranged} and the
 * {@code with...} methods.
 *
 * @param name          unique within its phase
 * @param entities      entity count, or -1 for a system that runs once
 * @param suppliedCount whether the count is given as a supplier read every phase rather than fixed
 * @param minBatch      the system's own minimum batch, or 0 to use the backend's configuration
 * @param reads         components read (a component also written counts as written)
 * @param writes        components written
 * @param runsAfter     systems that must finish before this one starts
 * @param runsBefore    systems that may start only after this one finished
 * @param work          busy-loop iterations per entity (or per run)
 * @param commands      most commands recorded per entity (or exactly this many per run)
 * @param fault         what the body throws, and where
 */
public record SystemModel(String name, int entities, boolean suppliedCount, int minBatch, List<String> reads,
                          List<String> writes, List<String> runsAfter, List<String> runsBefore, int work,
                          int commands, Fault fault) {

    /**
     * Checks and copies the fields.
     *
     * @param name          unique within its phase
     * @param entities      entity count, or -1 for a system that runs once
     * @param suppliedCount whether the count is given as a supplier read every phase rather than fixed
     * @param minBatch      the system's own minimum batch, or 0 to use the backend's configuration
     * @param reads         components read (a component also written counts as written)
     * @param writes        components written
     * @param runsAfter     systems that must finish before this one starts
     * @param runsBefore    systems that may start only after this one finished
     * @param work          busy-loop iterations per entity (or per run)
     * @param commands      most commands recorded per entity (or exactly this many per run)
     * @param fault         what the body throws, and where
     */
    public SystemModel {
        Objects.requireNonNull(name, "name");
        if (entities < -1) {
            throw new IllegalArgumentException("system '" + name + "': entities must be >= -1 but was " + entities);
        }
        if (minBatch < 0 || work < 0 || commands < 0) {
            throw new IllegalArgumentException("system '" + name + "': minBatch, work and commands must be >= 0");
        }
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        runsAfter = List.copyOf(runsAfter);
        runsBefore = List.copyOf(runsBefore);
        Objects.requireNonNull(fault, "fault");
    }

    /**
     * A system that runs once, touching nothing, recording nothing.
     *
     * @param name the system's name
     * @return the system
     */
    public static SystemModel once(String name) {
        return new SystemModel(name, -1, false, 0, List.of(), List.of(), List.of(), List.of(), 0, 0, Fault.NONE);
    }

    /**
     * An entity-parallel system over a fixed count, touching nothing, recording nothing.
     *
     * @param name     the system's name
     * @param entities the entity count
     * @return the system
     */
    public static SystemModel ranged(String name, int entities) {
        if (entities < 0) {
            throw new IllegalArgumentException("system '" + name + "': entities must be >= 0 but was " + entities);
        }
        return new SystemModel(name, entities, false, 0, List.of(), List.of(), List.of(), List.of(), 0, 0,
                Fault.NONE);
    }

    /** {@return whether the body runs over entity ranges} */
    public boolean isRanged() {
        return entities >= 0;
    }

    /**
     * This system reading the given components (replacing earlier reads).
     *
     * @param components component names
     * @return the new system
     */
    public SystemModel withReads(String... components) {
        return new SystemModel(name, entities, suppliedCount, minBatch, List.of(components), writes, runsAfter,
                runsBefore, work, commands, fault);
    }

    /**
     * This system writing the given components (replacing earlier writes).
     *
     * @param components component names
     * @return the new system
     */
    public SystemModel withWrites(String... components) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, List.of(components), runsAfter,
                runsBefore, work, commands, fault);
    }

    /**
     * This system running after the given systems (added to earlier ones).
     *
     * @param systems system names
     * @return the new system
     */
    public SystemModel withRunsAfter(String... systems) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, writes, concat(runsAfter, systems),
                runsBefore, work, commands, fault);
    }

    /**
     * This system running before the given systems (added to earlier ones).
     *
     * @param systems system names
     * @return the new system
     */
    public SystemModel withRunsBefore(String... systems) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, writes, runsAfter,
                concat(runsBefore, systems), work, commands, fault);
    }

    /**
     * This system with its own minimum batch.
     *
     * @param entitiesPerRange the minimum, or 0 for the backend's
     * @return the new system
     */
    public SystemModel withMinBatch(int entitiesPerRange) {
        return new SystemModel(name, entities, suppliedCount, entitiesPerRange, reads, writes, runsAfter,
                runsBefore, work, commands, fault);
    }

    /** {@return this system with its entity count given as a supplier} */
    public SystemModel withSuppliedCount() {
        requireRanged("a supplied count");
        return new SystemModel(name, entities, true, minBatch, reads, writes, runsAfter, runsBefore, work,
                commands, fault);
    }

    /**
     * This system burning {@code iterations} per entity (or per run).
     *
     * @param iterations busy-loop iterations
     * @return the new system
     */
    public SystemModel withWork(int iterations) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, writes, runsAfter, runsBefore,
                iterations, commands, fault);
    }

    /**
     * This system recording up to {@code perEntity} commands per entity (exactly that many per run).
     *
     * @param perEntity the most commands per entity
     * @return the new system
     */
    public SystemModel withCommands(int perEntity) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, writes, runsAfter, runsBefore, work,
                perEntity, fault);
    }

    /**
     * This system throwing per {@code f}.
     *
     * @param f the fault
     * @return the new system
     */
    public SystemModel withFault(Fault f) {
        return new SystemModel(name, entities, suppliedCount, minBatch, reads, writes, runsAfter, runsBefore, work,
                commands, f);
    }

    /**
     * Whether the fault fires when the system runs over {@code entityCount} entities (or once).
     *
     * @param entityCount the entity count of the phase, or -1 for a system that runs once
     * @return true if it fires
     */
    public boolean faultFires(int entityCount) {
        return !fault.isNone() && (!isRanged() || fault.at() < entityCount);
    }

    private void requireRanged(String what) {
        if (!isRanged()) {
            throw new IllegalStateException("system '" + name + "' runs once and cannot have " + what);
        }
    }

    private static List<String> concat(List<String> a, String[] b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return all;
    }

    /** One line: shape, access, orderings, sizes, fault. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(": ");
        if (isRanged()) {
            sb.append(entities).append(" entities");
            sb.append(minBatch == 0 ? "" : ", min batch " + minBatch);
            sb.append(suppliedCount ? " (supplied)" : "");
        } else {
            sb.append("once");
        }
        sb.append(reads.isEmpty() ? "" : ", reads " + reads);
        sb.append(writes.isEmpty() ? "" : ", writes " + writes);
        sb.append(runsAfter.isEmpty() ? "" : ", after " + runsAfter);
        sb.append(runsBefore.isEmpty() ? "" : ", before " + runsBefore);
        sb.append(work == 0 ? "" : ", work " + work + (isRanged() ? "/entity" : ""));
        sb.append(commands == 0 ? "" : ", commands " + (isRanged() ? "<=" + commands + "/entity" : commands));
        sb.append(fault.isNone() ? "" : ", throws " + (isRanged() ? fault : fault.kind()));
        return sb.toString();
    }

    /** {@return the Java source that rebuilds this system, for pasting a shrunk failure into a test} */
    public String toJava() {
        StringBuilder sb = new StringBuilder(isRanged()
                ? "SystemModel.ranged(\"" + name + "\", " + entities + ")"
                : "SystemModel.once(\"" + name + "\")");
        if (suppliedCount) {
            sb.append(".withSuppliedCount()");
        }
        if (minBatch != 0) {
            sb.append(".withMinBatch(").append(minBatch).append(')');
        }
        appendStrings(sb, "withReads", reads);
        appendStrings(sb, "withWrites", writes);
        appendStrings(sb, "withRunsAfter", runsAfter);
        appendStrings(sb, "withRunsBefore", runsBefore);
        if (work != 0) {
            sb.append(".withWork(").append(work).append(')');
        }
        if (commands != 0) {
            sb.append(".withCommands(").append(commands).append(')');
        }
        if (!fault.isNone()) {
            sb.append(".withFault(Fault.").append(fault.kind().name().toLowerCase(Locale.ROOT))
                    .append('(').append(fault.at()).append("))");
        }
        return sb.toString();
    }

    private static void appendStrings(StringBuilder sb, String method, List<String> values) {
        if (!values.isEmpty()) {
            sb.append('.').append(method).append('(')
                    .append(values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ")))
                    .append(')');
        }
    }
}
