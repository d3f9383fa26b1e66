package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a failure reads: a range for a range task, "(whole system)" otherwise, never an empty range. */
class SystemFailureTest {

    @Test
    void aRangeTaskNamesItsRange() {
        SystemFailure f = new SystemFailure("move", 1, 128, 256, 2, new IllegalStateException("boom"));

        assertThat(f).hasToString("system 'move' [128, 256) on worker 2 threw java.lang.IllegalStateException: boom");
    }

    /** A system that runs once has range accessors of 0 (documented) but does not print as the empty range. */
    @Test
    void aSystemThatRunsOnceReadsAsTheWholeSystem() {
        SystemFailure f = new SystemFailure("input", 0, 0, 0, 3, new IllegalStateException("boom"));

        assertThat(f.rangeStart()).isZero();
        assertThat(f.rangeEnd()).isZero();
        assertThat(f.toString()).isEqualTo(
                "system 'input' (whole system) on worker 3 threw java.lang.IllegalStateException: boom")
                .doesNotContain("[0, 0)");
        assertThat(new PhaseFailedException("p", List.of(f)).getMessage()).contains("system 'input' (whole system)")
                .doesNotContain("[0, 0)");
    }
}
