package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of a generated (or hand-written) phase: its systems in declaration order, and where it came
 * from. Plain data; {@link #toString()} prints it readably, {@link #toJava()} prints code that rebuilds it, and
 * {@link PhaseInstance#of} turns it into an instrumented, compiled plan.
 *
 * @param name    the phase's name
 * @param origin  how to get it again, for example {@code RandomPhases.generate(42L, PhaseShape.typical())}
 * @param systems the systems in declaration order
 */
public record PhaseModel(String name, String origin, List<SystemModel> systems) {

    /**
     * Checks and copies the fields.
     *
     * @param name    the phase's name
     * @param origin  how to get it again, for example {@code RandomPhases.generate(42L, PhaseShape.typical())}
     * @param systems the systems in declaration order
     */
    public PhaseModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        systems = List.copyOf(systems);
    }

    /**
     * A hand-written phase.
     *
     * @param name    the phase's name
     * @param systems its systems, in declaration order
     * @return the model
     */
    public static PhaseModel of(String name, SystemModel... systems) {
        return new PhaseModel(name, "hand-written", List.of(systems));
    }

    /** {@return the number of systems} */
    public int size() {
        return systems.size();
    }

    /**
     * The system at a position.
     *
     * @param index the position
     * @return the system
     */
    public SystemModel system(int index) {
        return systems.get(index);
    }

    /**
     * The position of a named system.
     *
     * @param systemName the name
     * @return its position
     */
    public int indexOf(String systemName) {
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i).name().equals(systemName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("phase '" + name + "' has no system '" + systemName + "'");
    }

    /** {@return whether any system has a fault} */
    public boolean hasFaults() {
        return systems.stream().anyMatch(s -> !s.fault().isNone());
    }

    /**
     * {@return the total tasks-worth of entities} The sum of entity counts, each system that runs once counting
     * one.
     */
    public long weight() {
        long w = 0;
        for (SystemModel s : systems) {
            w += s.isRanged() ? s.entities() : 1;
        }
        return w;
    }

    /**
     * The same phase with one system replaced.
     *
     * @param index  the replaced system's position
     * @param system the new system
     * @return the new phase
     */
    public PhaseModel withSystem(int index, SystemModel system) {
        List<SystemModel> copy = new ArrayList<>(systems);
        copy.set(index, system);
        return new PhaseModel(name, origin, copy);
    }

    /** {@return every component key any system touches, in first-seen order} */
    public List<String> components() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (SystemModel s : systems) {
            s.writes().forEach(c -> seen.put(c, true));
            s.reads().forEach(c -> seen.put(c, true));
        }
        return List.copyOf(seen.keySet());
    }

    /** Map from system name to position. */
    Map<String, Integer> indexByName() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            m.put(systems.get(i).name(), i);
        }
        return m;
    }

    /** Multi-line: a header with the origin, then one line per system. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("phase '").append(name).append("', ").append(systems.size())
                .append(systems.size() == 1 ? " system" : " systems").append(" (").append(origin).append(")");
        for (SystemModel s : systems) {
            sb.append("\n  ").append(s);
        }
        return sb.toString();
    }

    /** {@return the Java source that rebuilds this phase} */
    public String toJava() {
        StringBuilder sb = new StringBuilder("PhaseModel.of(\"").append(name).append('"');
        for (SystemModel s : systems) {
            sb.append(",\n        ").append(s.toJava());
        }
        return sb.append(')').toString();
    }
}
