package org.ecsched.scheduler.testkit;

import org.ecsched.scheduler.testkit.rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules, the suite's test methods and the README's table cannot drift apart. */
class RuleCatalogueTest {

    private static Set<String> testMethods() {
        return Arrays.stream(SchedulerBackendVerification.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRuleHasItsTestMethodAndEveryTestMethodIsARule() {
        Set<String> fromRules = Arrays.stream(Rule.values()).map(Rule::methodName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(testMethods()).isEqualTo(fromRules);
    }

    @Test
    void testMethodsArePublicAndOverridable() throws NoSuchMethodException {
        for (Rule r : Rule.values()) {
            Method m = SchedulerBackendVerification.class.getDeclaredMethod(r.methodName());
            assertThat(Modifier.isPublic(m.getModifiers())).as(r.methodName()).isTrue();
            assertThat(Modifier.isFinal(m.getModifiers())).as(r.methodName()).isFalse();
        }
    }

    @Test
    void numbersAreUniqueAndInOrder() {
        List<String> numbers = Arrays.stream(Rule.values()).map(Rule::number).toList();
        assertThat(numbers).doesNotHaveDuplicates().isSorted();
        assertThat(numbers).allMatch(n -> n.matches("\\d\\.\\d\\d"));
    }

    @Test
    void optionalRulesSayWhenTheyAreSkippedAndOthersAreNeverSkipped() {
        for (Rule r : Rule.values()) {
            assertThat(r.skippedWhen().isPresent()).as(r.label()).isEqualTo(r.kind() == RuleKind.OPTIONAL);
            assertThat(r.causes()).as(r.label()).isNotEmpty();
            assertThat(r.methodName()).startsWith(r.kind().prefix() + "_");
        }
    }

    @Test
    void labelsAndNamesAreDerivedFromTheConstant() {
        assertThat(Rule.CONFLICTING_SYSTEMS_NEVER_OVERLAP.methodName())
                .isEqualTo("required_2_02_conflictingSystemsNeverOverlap");
        assertThat(Rule.CONFLICTING_SYSTEMS_NEVER_OVERLAP.label()).isEqualTo("2.02 conflictingSystemsNeverOverlap");
        assertThat(Rule.forMethod("optional_6_05_stealsOnImbalancedPhase")).contains(Rule.STEALS_ON_IMBALANCED_PHASE);
    }

    @Test
    void eachRuleIsStatedOnlyInRuleAndTheSuiteLinksToIt() throws IOException {
        String suite = Files.readString(
                Path.of("src/main/java/org/ecsched/scheduler/testkit/SchedulerBackendVerification.java"));
        for (Rule r : Rule.values()) {
            assertThat(suite).as("the Javadoc of %s links to its rule", r.methodName())
                    .contains("Verifies {@link Rule#" + r.name() + " rule " + r.number() + "}");
        }
        assertThat(suite).as("the suite copies no rule's checklist").doesNotContain("If this fails, check");
        for (Rule r : Rule.values()) {
            assertThat(suite).as("the suite copies the statement of %s", r.label()).doesNotContain(r.statement());
        }
    }

    @Test
    void theReadmeShowsTheCurrentRulesTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("README.md must contain Rule.markdownTable() verbatim; regenerate it")
                .contains(Rule.markdownTable());
    }

    @Test
    void aFailureIsLabelledWithTheRuleUnderTest() {
        Throwable t = RuleTimeoutExtension.labelled(Rule.ORDERINGS_HOLD.methodName(), new AssertionError("boom"));
        assertThat(t).hasMessage("[rule 2.01 orderingsHold] boom");
        Throwable thrown = RuleTimeoutExtension.labelled(Rule.ORDERINGS_HOLD.methodName(),
                new IllegalStateException("inside"));
        assertThat(thrown).hasMessageStartingWith("[rule 2.01 orderingsHold] threw")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
