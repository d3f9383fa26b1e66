package org.ecsched.scheduler.testkit.phase;

import java.util.Locale;
import java.util.Objects;

/**
 * What a generated system throws, and where: nothing, a {@link RuntimeException}, a checked exception or an
 * {@link Error}, at one entity of an entity-parallel system (after recording that entity's commands) or at the
 * end of a system that runs once. A fault at an entity the system does not have never fires.
 *
 * @param kind what is thrown
 * @param at   the entity at which it is thrown (ignored for a system that runs once)
 */
public record Fault(Kind kind, int at) {

    /** No fault. */
    public static final Fault NONE = new Fault(Kind.NONE, 0);

    /** What a fault throws. */
    public enum Kind {
        /** Nothing. */
        NONE,
        /** An {@link InjectedRuntimeException}. */
        RUNTIME,
        /** An {@link InjectedCheckedException}. */
        CHECKED,
        /** An {@link InjectedError}: schedulers must survive errors too. */
        ERROR
    }

    /**
     * Checks the fields.
     *
     * @param kind what is thrown
     * @param at   the entity at which it is thrown (ignored for a system that runs once)
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (at < 0) {
            throw new IllegalArgumentException("fault entity must be >= 0 but was " + at);
        }
    }

    /**
     * A runtime exception at an entity.
     *
     * @param at the entity
     * @return the fault
     */
    public static Fault runtime(int at) {
        return new Fault(Kind.RUNTIME, at);
    }

    /**
     * A checked exception at an entity.
     *
     * @param at the entity
     * @return the fault
     */
    public static Fault checked(int at) {
        return new Fault(Kind.CHECKED, at);
    }

    /**
     * An error at an entity.
     *
     * @param at the entity
     * @return the fault
     */
    public static Fault error(int at) {
        return new Fault(Kind.ERROR, at);
    }

    /** {@return whether this is no fault at all} */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** Makes the throwable for a system at an entity (-1 for a system that runs once). */
    Throwable newThrowable(String system, int entity) {
        String where = "injected " + kind.name().toLowerCase(Locale.ROOT) + " in system '" + system + "'"
                + (entity < 0 ? "" : " at entity " + entity);
        return switch (kind) {
            case RUNTIME -> new InjectedRuntimeException(where);
            case CHECKED -> new InjectedCheckedException(where);
            case ERROR -> new InjectedError(where);
            case NONE -> throw new IllegalStateException("no fault to throw");
        };
    }

    /**
     * Whether {@code t} is what this fault throws for a system at an entity (same class, same message).
     *
     * @param t      a throwable a backend reported
     * @param system the system's name
     * @param entity the entity
     * @return true if it matches
     */
    public boolean matches(Throwable t, String system, int entity) {
        if (t == null || isNone()) {
            return false;
        }
        Throwable expected = newThrowable(system, entity);
        return t.getClass() == expected.getClass() && Objects.equals(t.getMessage(), expected.getMessage());
    }

    @Override
    public String toString() {
        return isNone() ? "none" : kind + " at entity " + at;
    }

    /** Thrown by a generated system with a {@link Kind#RUNTIME} fault. */
    public static final class InjectedRuntimeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedRuntimeException(String message) {
            super(message);
        }
    }

    /** Thrown by a generated system with a {@link Kind#CHECKED} fault. */
    public static final class InjectedCheckedException extends Exception {
        private static final long serialVersionUID = 1L;

        InjectedCheckedException(String message) {
            super(message);
        }
    }

    /** Thrown by a generated system with a {@link Kind#ERROR} fault. */
    public static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError(String message) {
            super(message);
        }
    }
}
