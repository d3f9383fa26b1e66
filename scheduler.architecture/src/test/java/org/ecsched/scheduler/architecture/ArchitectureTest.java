package org.ecsched.scheduler.architecture;

import static org.assertj.core.api.Assertions.assertThat;

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
 * <p>Every module the rules cover must be present (see the pom): a missing one fails
 * {@link #everyModuleIsImported}, so no rule is skipped or passes over no classes.
 */
class ArchitectureTest {

    static final String ROOT = "org.ecsched.scheduler";
    static final List<String> MODULES =
            List.of("api", "deque", "blocking", "workstealing", "testkit", "observability", "demo", "artemis",
                    "artemis.example");

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

    /** The import sees every module, and none of this module's own (test) classes. */
    @ParameterizedTest
    @MethodSource("modules")
    void everyModuleIsImported(String module) {
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

    static List<String> modules() {
        return MODULES;
    }

    static Stream<String[]> backendPairs() {
        return Stream.of(new String[] {"blocking", "workstealing"}, new String[] {"workstealing", "blocking"});
    }

    /** The two backends never depend on each other (checked from whichever side is present). */
    @ParameterizedTest(name = "{0} does not depend on {1}")
    @MethodSource("backendPairs")
    void backendsNeverDependOnEachOther(String from, String to) {
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

    /** The testkit uses only the api of ours (both packages: it checks backends). */
    @Test
    void testkitUsesOnlyTheApi() {
        ProjectRules.usesOnlyTheApi(ROOT, "testkit").check(classes);
    }

    /** Observability uses only the user's api package, not {@code api.backend}. */
    @Test
    void observabilityUsesOnlyTheUserApi() {
        ProjectRules.usesOnlyTheUserApi(ROOT, "observability").check(classes);
    }

    /**
     * The artemis-odb integration uses only the user's api package: it runs on whatever backend the game hands it,
     * and artemis itself is outside our root package.
     */
    @Test
    void artemisIntegrationUsesOnlyTheUserApi() {
        ProjectRules.usesOnlyTheUserApi(ROOT, "artemis").check(classes);
    }

    /**
     * The example artemis world uses only the user's api package and the artemis integration's exported package
     * (an example shows what a game can reach, nothing more).
     */
    @Test
    void artemisExampleUsesOnlyTheUserApiAndTheIntegration() {
        ProjectRules.usesOnlyTheUserApi(ROOT, "artemis.example", "artemis").check(classes);
    }

    /**
     * The demo uses only the user's api package and the exported packages of observability, of the artemis
     * integration and of its example world (its second workload).
     */
    @Test
    void demoUsesOnlyTheUserApiObservabilityAndTheArtemisIntegration() {
        ProjectRules.usesOnlyTheUserApi(ROOT, "demo", "observability", "artemis", "artemis.example").check(classes);
    }
}
