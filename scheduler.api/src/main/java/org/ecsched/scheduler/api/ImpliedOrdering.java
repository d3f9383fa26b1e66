package org.ecsched.scheduler.api;

import java.util.Set;

/**
 * An ordering the plan added only because two systems conflict and nothing else ordered them: {@code first} was
 * declared earlier, so it runs first. These are what Bevy calls ambiguities: if the order matters to you, declare
 * it with {@code runsBefore}/{@code runsAfter}.
 *
 * @param first      the system that runs first (declared earlier)
 * @param second     the system that waits for it
 * @param components the components through which they conflict
 */
public record ImpliedOrdering(String first, String second, Set<Object> components) {

    /**
     * Copies the component set.
     *
     * @param first      the system that runs first (declared earlier)
     * @param second     the system that waits for it
     * @param components the components through which they conflict
     */
    public ImpliedOrdering {
        components = Set.copyOf(components);
    }

    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (Object c : components) {
            names.append(names.length() == 0 ? "" : ", ").append(SystemSpec.componentName(c));
        }
        return first + " -> " + second + " (conflict on [" + names + "])";
    }
}
