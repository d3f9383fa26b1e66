package org.ecsched.scheduler.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each module's {@code module-info}, read from its jar (or classes directory) with {@link ModuleFinder}: a real
 * named module named after its root package, exporting only its API packages (the api: its two packages; the
 * deque: its one package; the backends: nothing), never an {@code internal} package, opening nothing to
 * everyone, and requiring of ours only what the architecture allows.
 */
class ModuleDescriptorsTest {

    private static final String ROOT = ArchitectureTest.ROOT;
    private static final String SPI = ROOT + ".api.SchedulerBackendProvider";

    /** Exported packages of the modules whose API is fixed; other modules are checked for "no internals". */
    private static final Map<String, Set<String>> EXPORTS = Map.of(
            "api", Set.of(ROOT + ".api", ROOT + ".api.backend"),
            "deque", Set.of(ROOT + ".deque"),
            "blocking", Set.of(),
            "workstealing", Set.of(),
            "artemis", Set.of(ROOT + ".artemis"));

    /** Modules of ours each module may require. */
    private static final Map<String, Set<String>> REQUIRES = Map.of(
            "api", Set.of(),
            "deque", Set.of(),
            "blocking", Set.of(ROOT + ".api"),
            "workstealing", Set.of(ROOT + ".api", ROOT + ".deque"),
            "testkit", Set.of(ROOT + ".api"),
            "observability", Set.of(ROOT + ".api"),
            "artemis", Set.of(ROOT + ".api"));

    /** Module name -> descriptor, for every module of ours found on the class path. */
    private static final Map<String, ModuleDescriptor> descriptors = new LinkedHashMap<>();

    @BeforeAll
    static void readDescriptors() throws Exception {
        Set<Path> locations = new LinkedHashSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT)) {
            locations.add(location(c.getName()));
        }
        for (ModuleReference ref : ModuleFinder.of(locations.toArray(Path[]::new)).findAll()) {
            descriptors.put(ref.descriptor().name(), ref.descriptor());
        }
    }

    private static Path location(String className) throws ClassNotFoundException, URISyntaxException {
        CodeSource source = Class.forName(className, false, ModuleDescriptorsTest.class.getClassLoader())
                .getProtectionDomain().getCodeSource();
        return Path.of(source.getLocation().toURI());
    }

    private static ModuleDescriptor descriptor(String module) {
        String name = ROOT + "." + module;
        assertThat(descriptors).as("module descriptors found: %s", descriptors.keySet()).containsKey(name);
        return descriptors.get(name);
    }

    private static Set<String> unqualifiedExports(ModuleDescriptor d) {
        return d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }

    /**
     * A real (not automatic, not open) module named after its root package, exporting exactly its API
     * packages, qualified exports only to modules of ours, no {@code internal} package exported, nothing opened
     * to everyone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"api", "deque", "blocking", "workstealing", "testkit", "observability", "artemis"})
    void exportsOnlyItsApiPackages(String module) {
        ModuleDescriptor d = descriptor(module);

        assertThat(d.isAutomatic()).as("%s has a module-info", d.name()).isFalse();
        assertThat(d.isOpen()).as("%s is an open module", d.name()).isFalse();
        assertThat(d.packages()).as("%s is named after its root package", d.name()).contains(d.name());
        if (EXPORTS.containsKey(module)) {
            assertThat(unqualifiedExports(d)).as("exports of %s", d.name())
                    .containsExactlyInAnyOrderElementsOf(EXPORTS.get(module));
        }
        assertThat(d.exports()).as("exports of %s", d.name())
                .allSatisfy(e -> assertThat(e.source()).doesNotContain(".internal"))
                .filteredOn(ModuleDescriptor.Exports::isQualified)
                .allSatisfy(e -> assertThat(e.targets()).allMatch(t -> t.startsWith(ROOT)));
        assertThat(d.opens()).as("opens of %s", d.name()).allMatch(ModuleDescriptor.Opens::isQualified);
    }

    /** A module requires, of ours, only what the architecture allows. */
    @ParameterizedTest
    @ValueSource(strings = {"api", "deque", "blocking", "workstealing", "testkit", "observability", "artemis"})
    void requiresOnlyAllowedModulesOfOurs(String module) {
        ModuleDescriptor d = descriptor(module);
        Set<String> ours = d.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(n -> n.startsWith(ROOT)).collect(Collectors.toSet());

        assertThat(REQUIRES.get(module)).as("modules of ours %s may require", d.name()).containsAll(ours);
    }

    /** The api declares the service; each backend provides it (how discovery finds it on the module path). */
    @ParameterizedTest
    @ValueSource(strings = {"api", "blocking", "workstealing"})
    void serviceIsDeclaredAndProvided(String module) {
        ModuleDescriptor d = descriptor(module);
        if (module.equals("api")) {
            assertThat(d.uses()).contains(SPI);
        } else {
            Optional<ModuleDescriptor.Provides> provides = d.provides().stream()
                    .filter(p -> p.service().equals(SPI)).findFirst();
            assertThat(provides).as("%s provides %s", d.name(), SPI).isPresent();
            assertThat(provides.get().providers()).allMatch(p -> p.startsWith(d.name() + "."));
        }
    }

    /**
     * The demo is an application started on the class path ({@code exec:exec} with {@code -classpath}), so it has
     * no {@code module-info} for the checks above; ArchitectureTest's rules cover its classes instead. Should it
     * become a named module, this fails: add it to the lists above.
     */
    @Test
    void demoIsAClassPathApplicationWithoutADescriptor() throws Exception {
        Path demo = location(ROOT + ".demo.DemoMain");
        assertThat(descriptors).as("module descriptors found: %s", descriptors.keySet())
                .doesNotContainKey(ROOT + ".demo");
        boolean hasDescriptor;
        if (Files.isDirectory(demo)) {
            hasDescriptor = Files.exists(demo.resolve("module-info.class"));
        } else {
            try (JarFile jar = new JarFile(demo.toFile())) {
                hasDescriptor = jar.getEntry("module-info.class") != null;
            }
        }
        assertThat(hasDescriptor).as("%s has a module-info.class", demo).isFalse();
    }
}
