package org.ecsched.scheduler.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes the example backend verbatim, from its class comment to its last brace. */
class ReadmeExampleTest {

    @Test
    void theReadmeQuotesTheExampleBackendAsItIs() throws IOException {
        String source = Files.readString(
                Path.of("src/test/java/org/ecsched/scheduler/testkit/example/SequentialExampleBackend.java"));
        String quoted = source.substring(source.indexOf("/**\n * The smallest correct backend")).strip();
        assertThat(Files.readString(Path.of("README.md"))).as("README.md must quote SequentialExampleBackend")
                .contains(quoted);
    }
}
