package org.ecsched.scheduler.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import com.artemis.InvocationStrategy;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import java.util.Set;
import org.ecsched.scheduler.artemis.testworld.AccessProbes;
import org.ecsched.scheduler.artemis.testworld.AccessProbes.A;
import org.ecsched.scheduler.artemis.testworld.AccessProbes.B;
import org.ecsched.scheduler.artemis.testworld.AccessProbes.C;
import org.junit.jupiter.api.Test;

/** The access rule of {@link SystemAccess}, on systems that declare access each way it is read. */
class SystemAccessTest {

    private final World world = new World(new WorldConfigurationBuilder()
            .with(new AccessProbes.WritesA(), new AccessProbes.WritesAReadsB(), new AccessProbes.ExcludesC(),
                    new AccessProbes.ReadsAndWritesAC())
            .register(new InvocationStrategy()).build());

    /** Aspect components are read; a mapper field is a write. */
    @Test
    void aspectComponentsAreReadAndMapperFieldsWritten() {
        assertThat(SystemAccess.of(world.getSystem(AccessProbes.WritesA.class), world))
                .isEqualTo(new SystemAccess(Set.of(), Set.of(A.class)));
    }

    /** A mapper field marked {@code @ReadOnly} is a read. */
    @Test
    void readOnlyMapperFieldsAreReads() {
        assertThat(SystemAccess.of(world.getSystem(AccessProbes.WritesAReadsB.class), world))
                .isEqualTo(new SystemAccess(Set.of(B.class), Set.of(A.class)));
    }

    /** {@code exclude} components are read too: they decide membership. */
    @Test
    void excludedComponentsAreReads() {
        assertThat(SystemAccess.of(world.getSystem(AccessProbes.ExcludesC.class), world))
                .isEqualTo(new SystemAccess(Set.of(A.class, B.class, C.class), Set.of()));
    }

    /** A component in the aspect and behind a written mapper counts as written only. */
    @Test
    void aComponentReadAndWrittenIsWritten() {
        assertThat(SystemAccess.of(world.getSystem(AccessProbes.ReadsAndWritesAC.class), world))
                .isEqualTo(new SystemAccess(Set.of(), Set.of(A.class, C.class)));
    }
}
