package org.ecsched.scheduler.testkit.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The command-line entry point: runs named scenarios, prints one summary line each, exits 0, 1 or 2. The backend
 * is the kit's example, found by name through {@code META-INF/services} of the kit's test class path.
 */
class StressMainTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsTheNamedScenariosAndPrintsTheirSummaries() {
        int status = StressMain.run(new String[] {"--scenario=short-phases,fault-injection",
                "--backend=sequential-example", "--millis=300", "--workers=2", "--seed=7"}, out);
        assertThat(status).as(output()).isZero();
        assertThat(output()).containsPattern("stress short-phases: phases=\\d+, tasks=\\d+, failures found=0, seed=7")
                .containsPattern("stress fault-injection: phases=\\d+, tasks=\\d+, failures found=0, seed=7");
    }

    @Test
    void aQuietRunStillEndsWithTheSummary() {
        int status = StressMain.run(new String[] {"--scenario=uneven-phases", "--backend=sequential-example",
                "--millis=200", "--quiet"}, out);
        assertThat(status).as(output()).isZero();
        assertThat(output().lines()).singleElement().asString().startsWith("stress uneven-phases: phases=");
    }

    @Test
    void aBadArgumentPrintsTheUsageAndExitsWith2() {
        assertThat(StressMain.run(new String[] {"--scenario=nope"}, out)).isEqualTo(2);
        assertThat(output()).contains("unknown scenario 'nope'").contains("steal-storm: many tiny tasks");
        bytes.reset();
        assertThat(StressMain.run(new String[] {"--frobnicate"}, out)).isEqualTo(2);
    }
}
