package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.ModuleDescriptor;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the MODULE PATH (Surefire's default for a module with a {@code module-info}): the provider is
 * found through {@code provides} in the module descriptor. {@link ClassPathDiscoveryTest} checks the class path.
 */
class ModulePathDiscoveryTest {

    private static final SchedulerConfig CONFIG = SchedulerConfig.builder().workers(2).build();

    /** The premise: this run is on the module path, tests patched into the backend's named module. */
    @Test
    void runsOnTheModulePath() {
        assertThat(getClass().getModule().isNamed()).isTrue();
        assertThat(getClass().getModule().getName()).isEqualTo("org.ecsched.scheduler.blocking");
        assertThat(Schedulers.class.getModule().getName()).isEqualTo("org.ecsched.scheduler.api");
    }

    /** The module descriptor provides the backend and exports nothing (users reach it only by name). */
    @Test
    void descriptorProvidesAndExportsNothing() {
        ModuleDescriptor d = BlockingBackendProvider.class.getModule().getDescriptor();

        assertThat(d.exports()).isEmpty();
        assertThat(d.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(SchedulerBackendProvider.class.getName());
            assertThat(p.providers()).containsExactly(BlockingBackendProvider.class.getName());
        });
        assertThat(d.requires()).anySatisfy(r -> assertThat(r.name()).isEqualTo("org.ecsched.scheduler.api"));
    }

    /** Discovery lists "blocking", with no provider failing to load. */
    @Test
    void discoveryFindsTheBlockingBackend() {
        Schedulers.Discovery d = Schedulers.discover();

        assertThat(Schedulers.availableBackends()).contains("blocking");
        assertThat(d.failures()).isEmpty();
        assertThat(d.providers()).filteredOn(p -> p.name().equals("blocking")).singleElement().satisfies(p -> {
            assertThat(p).isInstanceOf(BlockingBackendProvider.class);
            assertThat(p.priority()).isEqualTo(10);
            assertThat(p.description()).isNotBlank();
        });
    }

    /** create("blocking", config) makes a working backend with that configuration. */
    @Test
    void createByName() {
        try (SchedulerBackend backend = Schedulers.create("blocking", CONFIG)) {
            assertThat(backend.name()).isEqualTo("blocking");
            assertThat(backend.config()).isSameAs(CONFIG);
            assertThat(backend.execute(Phase.<String>named("p")
                    .add(SystemSpec.<String>named("s").runs(ctx -> ctx.add("ran"))).compile()).commands())
                    .containsExactly("ran");
        }
    }

    /** An unknown name fails with a message naming it and listing the backends that exist. */
    @Test
    void unknownNameListsAvailableBackends() {
        assertThatThrownBy(() -> Schedulers.create("no-such-backend", CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no scheduler backend named 'no-such-backend'; available: [")
                .hasMessageContaining("blocking");
    }

    /** With only this backend present, it is the default; the system property can name it too. */
    @Test
    void defaultBackend() {
        try (SchedulerBackend backend = Schedulers.createDefault(CONFIG)) {
            assertThat(backend.name()).isEqualTo(Schedulers.availableBackends().get(0));
        }
        String saved = System.getProperty(Schedulers.BACKEND_PROPERTY);
        System.setProperty(Schedulers.BACKEND_PROPERTY, "blocking");
        try (SchedulerBackend backend = Schedulers.createDefault(CONFIG)) {
            assertThat(backend.name()).isEqualTo("blocking");
        } finally {
            if (saved == null) {
                System.clearProperty(Schedulers.BACKEND_PROPERTY);
            } else {
                System.setProperty(Schedulers.BACKEND_PROPERTY, saved);
            }
        }
    }
}
