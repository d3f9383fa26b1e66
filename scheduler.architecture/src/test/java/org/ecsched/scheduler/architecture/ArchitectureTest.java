package org.ecsched.scheduler.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The architecture of the real modules: ArchUnit rules ({@link ProjectRules}) over the production classes of
 * every module jar on this module's class path (test classes excluded).
 *
 * <p>The api, the deque and the blocking backend must be present (their absence fails
 * {@link #requiredModulesAreImported}); a rule about a module that is not on the class path yet (see the pom)
 * is skipped, saying so.
 */
class ArchitectureTest {

    static final String ROOT = "org.ecsched.scheduler";
    static final List<String> REQUIRED = List.of("api", "deque", "blocking");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static boolean present(String module) {
        return classes.stream().anyMatch(ProjectRules.inModule(ROOT, module)::test);
    }

    private static void assumePresent(String module) {
        assumeTrue(present(module), () -> "module '" + ROOT + "." + module + "' is not on the class path of"
                + " scheduler.architecture yet (uncomment its dependency in the pom); rule skipped");
    }

    /** The import sees the required modules, and none of this module's own (test) classes. */
    @ParameterizedTest
    @ValueSource(strings = {"api", "deque", "blocking"})
    void requiredModulesAreImported(String module) {
        assertThat(present(module)).as("classes of module '%s' imported", module).isTrue();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".architecture")))
                .as("test classes are not part of the import").isEmpty();
    }

    /** The api depends on no other module of ours. */
    @Test
    void apiDependsOnNoOtherModule() {
        ProjectRules.apiDependsOnNoOtherModule(ROOT).check(classes);
    }

    /** scheduler.deque depends on nothing of ours. */
    @Test
    void dequeDependsOnNothingOfOurs() {
        ProjectRules.dequeDependsOnNothingOfOurs(ROOT).check(classes);
    }

    static Stream<String[]> backendPairs() {
        return Stream.of(new String[] {"blocking", "workstealing"}, new String[] {"workstealing", "blocking"});
    }

    /** The two backends never depend on each other (checked from whichever side is present). */
    @ParameterizedTest(name = "{0} does not depend on {1}")
    @MethodSource("backendPairs")
    void backendsNeverDependOnEachOther(String from, String to) {
        assumePresent(from);
        ProjectRules.backendDoesNotDependOn(ROOT, from, to).check(classes);
    }

    /** Nothing outside a backend uses its internals. */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "workstealing"})
    void nothingOutsideABackendUsesItsInternals(String backend) {
        ProjectRules.nothingOutsideUsesInternalsOf(ROOT, backend).check(classes);
    }

    /** No module uses another module's internal packages (the general form, for every module). */
    @Test
    void noModuleUsesAnotherModulesInternals() {
        ProjectRules.noModuleUsesAnotherModulesInternals(ROOT).check(classes);
    }

    /** No cycles between packages. */
    @Test
    void noCyclesBetweenPackages() {
        ProjectRules.noPackageCycles(ROOT).check(classes);
    }

    /** testkit, observability and demo use only the api packages of ours. */
    @ParameterizedTest
    @ValueSource(strings = {"testkit", "observability", "demo"})
    void clientsUseOnlyTheApi(String client) {
        assumePresent(client);
        ProjectRules.usesOnlyTheApi(ROOT, client).check(classes);
    }
}
