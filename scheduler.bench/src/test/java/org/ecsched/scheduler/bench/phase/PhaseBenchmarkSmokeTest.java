package org.ecsched.scheduler.bench.phase;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every benchmark executor runs every workload: CI compiles and exercises the suite without timing it. */
@Timeout(60)
class PhaseBenchmarkSmokeTest {

    @ParameterizedTest
    @CsvSource({"empty64", "empty1000", "frame3", "fine", "tiny", "imbalanced", "chain", "sweep"})
    void everyExecutorRunsTheWorkload(String workload) {
        for (String executor : new String[] {"workstealing", "workstealing-1", "blocking", "forkjoin", "sequential"}) {
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
}
