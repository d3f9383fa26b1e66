package org.ecsched.scheduler.bench.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every benchmark executor runs every workload: CI compiles and exercises the suite without timing it. The lists
 * are read from {@link PhaseBenchmark}'s {@code @Param} annotations, so a new executor or workload is covered the
 * moment it is added there.
 */
@Timeout(60)
class PhaseBenchmarkSmokeTest {

    static Stream<String> workloads() {
        return Arrays.stream(params("workload"));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void everyExecutorRunsTheWorkload(String workload) {
        for (String executor : params("executor")) {
            PhaseBenchmark benchmark = new PhaseBenchmark();
            benchmark.workload = workload;
            benchmark.executor = executor;
            benchmark.settle = false; // a smoke run: the steady state does not matter
            benchmark.setUp();
            try {
                assertThatCode(() -> {
                    benchmark.phase();
                    benchmark.phase();
                }).as(executor + " on " + workload).doesNotThrowAnyException();
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void bothForkJoinPoolPeersAreBenchmarkedUnderTheirOwnNames() {
        assertThat(params("executor")).contains("forkjoin-phase", "forkjoin-system").doesNotContain("forkjoin");
    }

    private static String[] params(String field) {
        try {
            return PhaseBenchmark.class.getField(field).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
