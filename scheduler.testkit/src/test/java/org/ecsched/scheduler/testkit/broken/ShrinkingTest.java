package org.ecsched.scheduler.testkit.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A failing jqwik property over generated phases shrinks to a small phase and prints it readably. */
class ShrinkingTest {

    @Test
    void aFailingPropertyShrinksToASmallReadablePhase() {
        AtomicReference<TestExecutionResult> result = new AtomicReference<>();
        // jqwik prints a failing property's report on the console unless it goes to the launcher's listeners, where
        // nobody prints it here: the test reads the failure's message instead.
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ShrinkDemoProperties.class))
                .configurationParameter("jqwik.reporting.usejunitplatform", "true").build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                        if (id.isTest()) {
                            result.set(r);
                        }
                    }
                });
        assertThat(result.get()).isNotNull();
        assertThat(result.get().getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        String message = result.get().getThrowable().orElseThrow().getMessage();
        Matcher m = Pattern.compile("phase 'generated', (\\d+) systems? \\(jqwik").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("systems in the shrunk phase of:%n%s", message)
                .isLessThanOrEqualTo(3);
        assertThat(message).as("a shrunk failure, as a user sees it")
                .contains("[3.01 commandsInDeterministicOrder]").contains("PhaseModel.of(\"generated\"");
    }
}
