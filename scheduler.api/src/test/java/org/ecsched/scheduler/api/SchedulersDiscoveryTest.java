package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.ecsched.scheduler.api.discoveryfixture.AlphaProvider;
import org.ecsched.scheduler.api.discoveryfixture.BetaProvider;
import org.ecsched.scheduler.api.discoveryfixture.FixtureBackend;
import org.ecsched.scheduler.api.discoveryfixture.FixtureProvider;
import org.ecsched.scheduler.api.discoveryfixture.GammaProvider;
import org.ecsched.scheduler.api.discoveryfixture.ThrowingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through {@link Schedulers}: providers listed in a {@code META-INF/services} file of a class loader
 * built here, some that load and some that do not (a class that does not exist, a constructor that throws).
 *
 * <p>The fixture classes are test classes of this (named) module; a provider in a named module listed in a
 * services file is ignored by {@code ServiceLoader}, so {@link FixtureLoader} defines its own copies of them in
 * its unnamed module, as a class-path jar would.
 */
class SchedulersDiscoveryTest {

    private static final String SERVICE_FILE = "META-INF/services/" + SchedulerBackendProvider.class.getName();
    private static final String MISSING = "does.not.Exist";
    private static final List<Class<?>> FIXTURES = List.of(FixtureProvider.class, FixtureBackend.class,
            AlphaProvider.class, BetaProvider.class, GammaProvider.class, ThrowingProvider.class);

    @TempDir
    Path dir;

    /** A loader whose services file lists {@code providers}, defining the fixture classes itself (child first). */
    static final class FixtureLoader extends URLClassLoader {
        private static final String FIXTURE_PACKAGE = FixtureProvider.class.getPackageName() + ".";

        FixtureLoader(Path root) throws MalformedURLException {
            super(new URL[] {root.toUri().toURL()}, SchedulersDiscoveryTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(FIXTURE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }

    private FixtureLoader loader(String... providerLines) throws IOException {
        Path services = dir.resolve(SERVICE_FILE);
        Files.createDirectories(services.getParent());
        Files.write(services, List.of(providerLines));
        for (Class<?> c : FIXTURES) {
            String resource = c.getName().replace('.', '/') + ".class";
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = SchedulersDiscoveryTest.class.getResourceAsStream("/" + resource)) {
                assertThat(in).as("class file of %s", c.getName()).isNotNull();
                Files.copy(in, target);
            }
        }
        return new FixtureLoader(dir);
    }

    private FixtureLoader mixedLoader() throws IOException {
        return loader("# providers for the discovery test", AlphaProvider.class.getName(), MISSING,
                ThrowingProvider.class.getName(), BetaProvider.class.getName(), GammaProvider.class.getName());
    }

    private static Schedulers.Discovery discover(ClassLoader loader) {
        return Schedulers.discover(ServiceLoader.load(SchedulerBackendProvider.class, loader));
    }

    /** Runs {@code body} with {@code loader} as the context class loader (what {@link Schedulers#discover()} uses). */
    private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread me = Thread.currentThread();
        ClassLoader saved = me.getContextClassLoader();
        me.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            me.setContextClassLoader(saved);
        }
    }

    /** Runs {@code body} with the backend system property set to {@code value}, restoring it after. */
    private static <T> T withBackendProperty(String value, Callable<T> body) throws Exception {
        String saved = System.getProperty(Schedulers.BACKEND_PROPERTY);
        System.setProperty(Schedulers.BACKEND_PROPERTY, value);
        try {
            return body.call();
        } finally {
            if (saved == null) {
                System.clearProperty(Schedulers.BACKEND_PROPERTY);
            } else {
                System.setProperty(Schedulers.BACKEND_PROPERTY, saved);
            }
        }
    }

    /** The fixture providers really come from the unnamed module of the fixture loader (the test's premise). */
    @Test
    void fixturesAreDefinedByTheirOwnLoader() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            Class<?> alpha = l.loadClass(AlphaProvider.class.getName());
            assertThat(alpha).isNotSameAs(AlphaProvider.class);
            assertThat(alpha.getClassLoader()).isSameAs(l);
            assertThat(alpha.getModule().isNamed()).isFalse();
        }
    }

    /** Providers that load are listed by priority (highest first), then by name. */
    @Test
    void providersAreOrderedByPriorityThenName() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            Schedulers.Discovery d = discover(l);

            assertThat(d.names()).containsExactly("beta", "alpha", "gamma");
        }
    }

    /**
     * A provider that fails to load -- a class that does not exist, a constructor that throws -- is reported by
     * name in {@code failures()}, and discovery goes on past it.
     */
    @Test
    void failingProvidersAreReportedByName() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            Schedulers.Discovery d = discover(l);

            assertThat(d.failures()).hasSize(2);
            assertThat(d.failures()).allSatisfy(e -> assertThat(e).isInstanceOf(ServiceConfigurationError.class));
            assertThat(d.failures().get(0).getMessage()).contains(MISSING);
            ServiceConfigurationError throwing = d.failures().get(1);
            assertThat(throwing.getMessage()).contains(ThrowingProvider.class.getName());
            assertThat(rootCause(throwing)).isInstanceOf(IllegalStateException.class)
                    .hasMessage(ThrowingProvider.MESSAGE);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** create by name returns that provider's backend with the given configuration. */
    @Test
    void createByName() throws Exception {
        SchedulerConfig config = SchedulerConfig.builder().workers(3).build();
        try (FixtureLoader l = mixedLoader()) {
            SchedulerBackend backend = Schedulers.create(discover(l), "gamma", config);

            assertThat(backend.name()).isEqualTo("gamma");
            assertThat(backend.config()).isSameAs(config);
        }
    }

    /**
     * An unknown name fails with a message naming it, listing the backends that exist and naming the
     * providers that failed to load.
     */
    @Test
    void unknownNameListsAvailableBackendsAndFailures() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            Schedulers.Discovery d = discover(l);

            assertThatThrownBy(() -> Schedulers.create(d, "delta", SchedulerConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no scheduler backend named 'delta'; available: [beta, alpha, gamma]")
                    .hasMessageContaining("providers that failed to load")
                    .hasMessageContaining(MISSING)
                    .hasMessageContaining(ThrowingProvider.class.getName());
        }
    }

    /** A backend whose provider failed to load is "not found", and the message says why. */
    @Test
    void onlyFailingProvidersMeansNoneAvailable() throws Exception {
        try (FixtureLoader l = loader(MISSING)) {
            Schedulers.Discovery d = discover(l);

            assertThat(d.providers()).isEmpty();
            assertThatThrownBy(() -> Schedulers.create(d, "blocking", SchedulerConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no scheduler backend named 'blocking'; available: []")
                    .hasMessageContaining(MISSING);
            assertThatThrownBy(() -> withContextLoader(l, () -> Schedulers.createDefault(SchedulerConfig.defaults())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no scheduler backend found")
                    .hasMessageContaining(MISSING);
        }
    }

    /** The default backend is the highest priority; availableBackends lists the context loader's providers. */
    @Test
    void defaultBackendIsTheHighestPriority() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            assertThat(withContextLoader(l, Schedulers::availableBackends)).containsExactly("beta", "alpha", "gamma");
            try (SchedulerBackend b = withContextLoader(l, () -> Schedulers.createDefault(SchedulerConfig.defaults()))) {
                assertThat(b.name()).isEqualTo("beta");
            }
            try (SchedulerBackend b = withContextLoader(l, () -> Schedulers.create("alpha", SchedulerConfig.defaults()))) {
                assertThat(b.name()).isEqualTo("alpha");
            }
        }
    }

    /**
     * The system property names the default backend (surrounding blanks ignored); an unknown one is a bad
     * configuration value: IllegalArgumentException, naming the property, its value and the backends that exist.
     */
    @Test
    void systemPropertyNamesTheDefault() throws Exception {
        try (FixtureLoader l = mixedLoader()) {
            SchedulerBackend b = withBackendProperty(" gamma ",
                    () -> withContextLoader(l, () -> Schedulers.createDefault(SchedulerConfig.defaults())));
            assertThat(b.name()).isEqualTo("gamma");
            assertThatThrownBy(() -> withBackendProperty("nope",
                    () -> withContextLoader(l, () -> Schedulers.createDefault(SchedulerConfig.defaults()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no scheduler backend named 'nope' (system property ecsched.backend);"
                            + " available: [beta, alpha, gamma]");
        }
    }

    /** With nothing registered (the api alone), there is no backend, and the message says what to add. */
    @Test
    void apiAloneHasNoBackend() {
        assertThat(Schedulers.availableBackends()).isEmpty();
        assertThatThrownBy(() -> Schedulers.createDefault(SchedulerConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no scheduler backend found");
    }

    /** Null name or configuration is refused. */
    @Test
    void nullArguments() {
        Schedulers.Discovery none = new Schedulers.Discovery(List.of(), List.of());
        assertThatThrownBy(() -> Schedulers.create(none, null, SchedulerConfig.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Schedulers.create(none, "x", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("config");
    }

    static {
        // Fail early and clearly if a fixture's class file cannot be read (the copy above depends on it).
        for (Class<?> c : FIXTURES) {
            try (InputStream in = SchedulersDiscoveryTest.class.getResourceAsStream(
                    "/" + c.getName().replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("cannot read the class file of " + c.getName());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
