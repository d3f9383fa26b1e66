package org.ecsched.scheduler.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerBackendProvider;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the CLASS PATH: run only by the second Surefire execution of this module's pom
 * ({@code <useModulePath>false</useModulePath>}), excluded from the default (module path) one. There the module
 * descriptors are ignored, so the backend is found only through its {@code META-INF/services} entry.
 */
class ClassPathDiscoveryTest {

    private static final String SERVICE_FILE = "META-INF/services/" + SchedulerBackendProvider.class.getName();

    /** The premise: this run is on the class path, every class in an unnamed module. */
    @Test
    void runsOnTheClassPath() {
        assertThat(getClass().getModule().isNamed()).as("test module named: not a class-path run").isFalse();
        assertThat(Schedulers.class.getModule().isNamed()).isFalse();
        assertThat(BlockingBackendProvider.class.getModule().isNamed()).isFalse();
    }

    /** The services file names the provider class. */
    @Test
    void servicesFileNamesTheProvider() throws Exception {
        List<String> providers = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SERVICE_FILE))) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                    StandardCharsets.UTF_8))) {
                providers.addAll(in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .collect(Collectors.toList()));
            }
        }
        assertThat(providers).contains(BlockingBackendProvider.class.getName());
    }

    /** Discovery finds "blocking" through META-INF/services, with no failures, and creates a working backend. */
    @Test
    void discoveryFindsTheBlockingBackend() {
        Schedulers.Discovery d = Schedulers.discover();

        assertThat(d.names()).contains("blocking");
        assertThat(d.failures()).isEmpty();
        try (SchedulerBackend backend = Schedulers.create("blocking", SchedulerConfig.builder().workers(2).build())) {
            assertThat(backend.name()).isEqualTo("blocking");
            assertThat(backend.execute(Phase.<String>named("p")
                    .add(SystemSpec.<String>named("s").runs(ctx -> ctx.add("ran"))).compile()).commands())
                    .containsExactly("ran");
        }
    }

    /** An unknown name lists the backends that exist, on the class path as well. */
    @Test
    void unknownNameListsAvailableBackends() {
        assertThatThrownBy(() -> Schedulers.create("no-such-backend", SchedulerConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-such-backend'")
                .hasMessageContaining("blocking");
    }
}
