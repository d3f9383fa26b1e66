package org.ecsched.scheduler.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends with {@link ServiceLoader} and creates them by name.
 *
 * <pre>{@code
 * try (SchedulerBackend backend = Schedulers.createDefault(SchedulerConfig.defaults())) {
 *     PhaseResult<Cmd> result = backend.execute(plan);
 * }
 * }</pre>
 *
 * <p>The default backend is the one named by the system property {@value #BACKEND_PROPERTY} if set, else the
 * provider of highest {@link SchedulerBackendProvider#priority()}. A provider that fails to load is not
 * swallowed: it is logged (System.Logger, WARNING), listed by {@link Discovery#failures()}, and named in the
 * message when a backend cannot be found.
 */
public final class Schedulers {

    /** System property naming the default backend. */
    public static final String BACKEND_PROPERTY = "ecsched.backend";

    private static final System.Logger LOG = System.getLogger(Schedulers.class.getName());

    private Schedulers() {
    }

    /**
     * What discovery found.
     *
     * @param providers the providers that loaded, highest priority first, then by name
     * @param failures  the providers that failed to load, each naming the provider
     */
    public record Discovery(List<SchedulerBackendProvider> providers, List<ServiceConfigurationError> failures) {

        /**
         * Copies the lists.
         *
         * @param providers the providers that loaded, highest priority first, then by name
         * @param failures  the providers that failed to load
         */
        public Discovery {
            providers = List.copyOf(providers);
            failures = List.copyOf(failures);
        }

        /** {@return the names of the loaded providers, in preference order} */
        public List<String> names() {
            return providers.stream().map(SchedulerBackendProvider::name).toList();
        }
    }

    /**
     * Runs discovery with the class loader (or module layer) of this class.
     *
     * @return what was found
     */
    public static Discovery discover() {
        return discover(ServiceLoader.load(SchedulerBackendProvider.class));
    }

    /**
     * Runs discovery over a given loader (for example one built from a custom layer or class loader).
     *
     * @param loader the loader to iterate
     * @return what was found
     */
    public static Discovery discover(ServiceLoader<SchedulerBackendProvider> loader) {
        List<SchedulerBackendProvider> providers = new ArrayList<>();
        List<ServiceConfigurationError> failures = new ArrayList<>();
        Iterator<SchedulerBackendProvider> it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                // ServiceLoader's iterator moves past a provider that failed; record it and go on.
                LOG.log(System.Logger.Level.WARNING, "a scheduler backend provider failed to load: " + e.getMessage(), e);
                failures.add(e);
            }
        }
        providers.sort(Comparator.comparingInt(SchedulerBackendProvider::priority).reversed()
                .thenComparing(SchedulerBackendProvider::name));
        return new Discovery(providers, failures);
    }

    /** {@return the names of the available backends, in preference order} */
    public static List<String> availableBackends() {
        return discover().names();
    }

    /**
     * Creates the backend registered under {@code name}.
     *
     * @param name   the provider's name, for example {@code "workstealing"}
     * @param config the configuration
     * @return the backend, with its threads started
     * @throws IllegalArgumentException if no provider has that name; the message lists the names that exist and
     *                                  any provider that failed to load
     */
    public static SchedulerBackend create(String name, SchedulerConfig config) {
        return create(discover(), name, config);
    }

    /**
     * Creates a backend by name from an existing discovery.
     *
     * @param discovery what an earlier {@link #discover()} found
     * @param name      the provider's name
     * @param config    the configuration
     * @return the backend, with its threads started
     * @throws IllegalArgumentException if no provider has that name, as {@link #create(String, SchedulerConfig)}
     */
    public static SchedulerBackend create(Discovery discovery, String name, SchedulerConfig config) {
        return create(discovery, name, config, "");
    }

    private static SchedulerBackend create(Discovery discovery, String name, SchedulerConfig config, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        for (SchedulerBackendProvider p : discovery.providers()) {
            if (p.name().equals(name)) {
                return p.create(config);
            }
        }
        throw new IllegalArgumentException("no scheduler backend named '" + name + "'" + source + "; available: "
                + discovery.names() + failureNote(discovery));
    }

    /**
     * Creates the default backend: the one named by {@value #BACKEND_PROPERTY}, else the highest priority.
     *
     * @param config the configuration
     * @return the backend, with its threads started
     * @throws IllegalArgumentException if {@value #BACKEND_PROPERTY} names a backend that does not exist (a bad
     *                                  configuration value, like a bad name passed to {@link #create}); the message
     *                                  names the property and its value, lists the backends that exist, and names
     *                                  any provider that failed to load
     * @throws IllegalStateException    if the property is not set and no backend is available (naming providers
     *                                  that failed to load)
     */
    public static SchedulerBackend createDefault(SchedulerConfig config) {
        Discovery discovery = discover();
        String named = System.getProperty(BACKEND_PROPERTY);
        if (named != null && !named.isBlank()) {
            return create(discovery, named.trim(), config, " (system property " + BACKEND_PROPERTY + ")");
        }
        if (discovery.providers().isEmpty()) {
            throw new IllegalStateException("no scheduler backend found: put a backend module (for example"
                    + " org.ecsched.scheduler.workstealing) on the module path or class path" + failureNote(discovery));
        }
        return discovery.providers().get(0).create(config);
    }

    private static String failureNote(Discovery discovery) {
        if (discovery.failures().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; providers that failed to load:");
        for (ServiceConfigurationError e : discovery.failures()) {
            sb.append(" [").append(e.getMessage()).append(']');
        }
        return sb.toString();
    }
}
