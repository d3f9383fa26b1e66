package org.ecsched.scheduler.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: each is evaluated against the deliberately broken fixtures in
 * {@code org.ecsched.scheduler.architecture.fixture} and must report the class that breaks it. A rule that
 * passed here would be checking nothing.
 */
class RulesSelfTest {

    private static final String FIXTURES = "org.ecsched.scheduler.architecture.fixture";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as("rule must reject the fixtures: %s", rule.getDescription()).isTrue();
        return result.getFailureReport().toString();
    }

    /** Sanity: the fixtures were imported. */
    @Test
    void fixturesAreImported() {
        assertThat(fixtures.contain(FIXTURES + ".api.LeakyApi")).isTrue();
        assertThat(fixtures.contain(FIXTURES + ".cycle.b.B")).isTrue();
    }

    @Test
    void apiRuleRejectsAnApiThatKnowsABackend() {
        assertThat(violations(ProjectRules.apiDependsOnNoOtherModule(FIXTURES)))
                .contains("LeakyApi").contains("because");
    }

    @Test
    void dequeRuleRejectsADequeThatKnowsTheApi() {
        assertThat(violations(ProjectRules.dequeDependsOnNothingOfOurs(FIXTURES))).contains("LeakyDeque");
    }

    @Test
    void backendRuleRejectsBackendsThatKnowEachOther() {
        assertThat(violations(ProjectRules.backendDoesNotDependOn(FIXTURES, "blocking", "workstealing")))
                .contains("BlockingThing");
        assertThat(violations(ProjectRules.backendDoesNotDependOn(FIXTURES, "workstealing", "blocking")))
                .contains("WorkstealingThing");
    }

    @Test
    void internalsRuleRejectsUseFromOutside() {
        assertThat(violations(ProjectRules.nothingOutsideUsesInternalsOf(FIXTURES, "blocking")))
                .contains("WorkstealingThing");
        assertThat(violations(ProjectRules.nothingOutsideUsesInternalsOf(FIXTURES, "workstealing")))
                .contains("LeakyObservability");
        assertThat(violations(ProjectRules.noModuleUsesAnotherModulesInternals(FIXTURES)))
                .contains("WorkstealingThing", "LeakyObservability")
                .doesNotContain("UsesOwnInternals"); // a module may use its own internals
        assertThat(violations(ProjectRules.nothingOutsideUsesInternalsOf(FIXTURES, "blocking")))
                .doesNotContain("UsesOwnInternals");
    }

    @Test
    void cycleRuleRejectsAPackageCycle() {
        assertThat(violations(ProjectRules.noPackageCycles(FIXTURES))).contains("cycle.a", "cycle.b");
    }

    @Test
    void apiOnlyRuleRejectsClientsUsingMoreThanTheApi() {
        assertThat(violations(ProjectRules.usesOnlyTheApi(FIXTURES, "testkit"))).contains("LeakyTestkit")
                .doesNotContain("TestkitUsingBackendSpi"); // the testkit may use api.backend
        assertThat(violations(ProjectRules.usesOnlyTheApi(FIXTURES, "observability")))
                .contains("LeakyObservability");
    }

    @Test
    void userApiRuleRejectsObservabilityReachingTheBackendSpi() {
        assertThat(violations(ProjectRules.usesOnlyTheUserApi(FIXTURES, "observability")))
                .contains("ObservabilityUsingBackendSpi", "LeakyObservability")
                .doesNotContain("ObservabilityThing.api"); // the api package itself is allowed
    }

    @Test
    void userApiRuleRejectsADemoReachingTheBackendSpiOrABackend() {
        assertThat(violations(ProjectRules.usesOnlyTheUserApi(FIXTURES, "demo", "observability")))
                .contains("DemoUsingBackendSpi", "DemoUsingABackend")
                .doesNotContain("DemoThing"); // the api package and observability's root package are allowed
    }

    @Test
    void userApiRuleRejectsAnEngineIntegrationReachingABackend() {
        assertThat(violations(ProjectRules.usesOnlyTheUserApi(FIXTURES, "artemis")))
                .contains("ArtemisUsingABackend")
                .doesNotContain("ArtemisThing"); // the api package is allowed
    }

    /**
     * archunit.properties is in effect: a rule that selects no class fails instead of passing vacuously (what a
     * test-only module-info, or a missing dependency, would otherwise cause).
     */
    @Test
    void aRuleOverNoClassesFails() {
        JavaClasses none = new ClassFileImporter().importPackages("org.ecsched.no.such.package");
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> ProjectRules.apiDependsOnNoOtherModule(ArchitectureTest.ROOT).check(none))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }
}
