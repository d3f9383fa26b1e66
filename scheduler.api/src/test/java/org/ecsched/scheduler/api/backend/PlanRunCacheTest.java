package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/** The per-plan state cache: hits by identity, least recently used eviction, clear. */
class PlanRunCacheTest {

    private static Plan<String> plan(String name) {
        return Phase.<String>named(name).add(SystemSpec.<String>named("s").runs(ctx -> { })).compile();
    }

    private final List<String> created = new ArrayList<>();
    private final Function<Plan<String>, String> factory = p -> {
        created.add(p.name());
        return "state of " + p.name();
    };

    /** A plan seen before gets its state back without calling the factory. */
    @Test
    void hitReturnsTheSameState() {
        PlanRunCache<String> cache = new PlanRunCache<>(2);
        Plan<String> a = plan("a");

        String first = cache.get(a, factory);
        String second = cache.get(a, factory);

        assertThat(second).isSameAs(first);
        assertThat(created).containsExactly("a");
    }

    /** Plans are keyed by identity: an equal-looking plan compiled again is a different plan. */
    @Test
    void keyedByIdentity() {
        PlanRunCache<String> cache = new PlanRunCache<>(4);
        cache.get(plan("a"), factory);
        cache.get(plan("a"), factory);

        assertThat(created).containsExactly("a", "a");
    }

    /** When full, the least recently used plan is replaced. */
    @Test
    void evictsTheLeastRecentlyUsed() {
        PlanRunCache<String> cache = new PlanRunCache<>(2);
        Plan<String> a = plan("a");
        Plan<String> b = plan("b");
        Plan<String> c = plan("c");
        cache.get(a, factory);
        cache.get(b, factory);
        cache.get(a, factory); // b is now least recently used
        cache.get(c, factory); // evicts b
        cache.get(a, factory);
        cache.get(b, factory); // rebuilt, evicts c

        assertThat(created).containsExactly("a", "b", "c", "b");
    }

    /** clear forgets every plan. */
    @Test
    void clearForgets() {
        PlanRunCache<String> cache = new PlanRunCache<>();
        Plan<String> a = plan("a");
        cache.get(a, factory);
        cache.clear();
        cache.get(a, factory);

        assertThat(created).containsExactly("a", "a");
    }

    /** Capacity below one is refused with the value. */
    @Test
    void capacityAtLeastOne() {
        assertThatThrownBy(() -> new PlanRunCache<String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 but was 0");
    }
}
