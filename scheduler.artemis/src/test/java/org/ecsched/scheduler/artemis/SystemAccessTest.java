package org.ecsched.scheduler.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.InvocationStrategy;
import com.artemis.World;
import java.util.Set;
import org.ecsched.scheduler.artemis.testworld.Components.Age;
import org.ecsched.scheduler.artemis.testworld.Components.Health;
import org.ecsched.scheduler.artemis.testworld.Components.Mass;
import org.ecsched.scheduler.artemis.testworld.Components.Position;
import org.ecsched.scheduler.artemis.testworld.Components.Shield;
import org.ecsched.scheduler.artemis.testworld.Components.Team;
import org.ecsched.scheduler.artemis.testworld.Components.Velocity;
import org.ecsched.scheduler.artemis.testworld.Systems;
import org.ecsched.scheduler.artemis.testworld.TestWorld;
import org.junit.jupiter.api.Test;

/** The access rule of {@link SystemAccess}, on the test world's systems. */
class SystemAccessTest {

    private final World world = new TestWorld(new InvocationStrategy(), 10, 1).world();

    /** Aspect components are read; a mapper field is a write. */
    @Test
    void aspectComponentsAreReadAndMapperFieldsWritten() {
        assertThat(SystemAccess.of(world.getSystem(Systems.Ageing.class), world))
                .isEqualTo(new SystemAccess(Set.of(), Set.of(Age.class)));
    }

    /** A mapper field marked {@code @ReadOnly} is a read. */
    @Test
    void readOnlyMapperFieldsAreReads() {
        assertThat(SystemAccess.of(world.getSystem(Systems.Move.class), world))
                .isEqualTo(new SystemAccess(Set.of(Velocity.class), Set.of(Position.class)));
        assertThat(SystemAccess.of(world.getSystem(Systems.Gravity.class), world))
                .isEqualTo(new SystemAccess(Set.of(Mass.class), Set.of(Velocity.class)));
    }

    /** {@code exclude} components are read too: they decide membership. */
    @Test
    void excludedComponentsAreReads() {
        // all(Health, Team), exclude(Shield), both mappers read-only.
        assertThat(SystemAccess.of(world.getSystem(Systems.ShieldUp.class), world))
                .isEqualTo(new SystemAccess(Set.of(Health.class, Shield.class, Team.class), Set.of()));
    }

    /** A component in the aspect and behind a written mapper counts as written only. */
    @Test
    void aComponentReadAndWrittenIsWritten() {
        assertThat(SystemAccess.of(world.getSystem(Systems.ShieldDrain.class), world))
                .isEqualTo(new SystemAccess(Set.of(), Set.of(Health.class, Shield.class)));
    }
}
