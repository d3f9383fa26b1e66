package org.ecsched.scheduler.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results table reads JMH's CSV and computes the ratios the README reports. */
class ResultsTableTest {

    private static final String CSV = String.join("\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: executor\",\"Param: workers\",\"Param: workload\"",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,10.0,1.0,\"us/op\",workstealing,,fine",
            "\"org.x.PhaseBenchmark.phase:gc.alloc.rate.norm\",\"avgt\",1,3,0.25,0.1,\"B/op\",workstealing,,fine",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,19.0,1.0,\"us/op\",workstealing-1,,fine",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,15.0,1.0,\"us/op\",blocking,,fine",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,12.5,1.0,\"us/op\",forkjoin-phase,,fine",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,30.0,1.0,\"us/op\",forkjoin-system,,fine",
            "\"org.x.PhaseBenchmark.phase\",\"avgt\",1,3,20.0,1.0,\"us/op\",sequential,,fine",
            "\"org.x.IdleCpuBenchmark.idleSecond:idleCpuPercentOfCore\",\"ss\",1,3,0.042,NaN,\"#\",workstealing,8,",
            "");

    @Test
    void splitsQuotedCells() {
        assertThat(ResultsTable.split("\"a,b\",c,,\"d\"")).containsExactly("a,b", "c", "", "d");
    }

    @Test
    void reportsRatiosToEveryPeer(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("results.csv");
        Files.writeString(csv, CSV);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultsTable.from(csv).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        // ws 10; forkjoin-phase 12.5 -> 1.25x, forkjoin-system 30 -> 3.00x, blocking 15 -> 1.50x,
        // one worker 19 -> 1.90x, sequential 20 -> 2.00x
        assertThat(table).contains(
                "| fine | 10.00 | 10% | 15.00 | 12.50 | 30.00 | 20.00 | 19.00 | 1.25x | 3.00x | 1.50x | 1.90x | 2.00x | 0.25 |");
        assertThat(table).contains("| workstealing | 8 | 0.042 |");
    }
}
