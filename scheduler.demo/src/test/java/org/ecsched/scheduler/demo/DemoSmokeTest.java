package org.ecsched.scheduler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI's smoke run of the main job: a few frames on every backend, checksums equal; bad options rejected. */
class DemoSmokeTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DemoMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aFewFramesOnEveryBackendGiveOneChecksumAndATrace() throws Exception {
        Path trace = dir.resolve("trace.json");
        Run r = run("--frames", "15", "--entities", "5000", "--workers", "2", "--quiet", "--trace", trace.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("checksum identical across every run")
                .contains("workstealing x2").contains("workstealing x1").contains("blocking x2")
                .contains("speedup of work-stealing over blocking");
        assertThat(Files.readString(trace)).startsWith("{").contains("traceEvents").contains("gravity");
        assertThat(Files.readString(dir.resolve("trace.svg"))).startsWith("<?xml").contains("<svg").contains("gravity");
        assertThat(r.out()).contains("its timeline as a picture: " + dir.resolve("trace.svg").toAbsolutePath());
        try (var files = Files.list(dir)) { // no temporary file left behind
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("trace.json", "trace.svg");
        }
    }

    @Test
    void checksumsMatchAcrossWorkerCounts() {
        Run four = run("--frames", "8", "--entities", "3000", "--workers", "4", "--quiet", "--trace", "none");
        Run one = run("--frames", "8", "--entities", "3000", "--workers", "1", "--quiet", "--trace", "none");
        assertThat(four.code()).isZero();
        assertThat(one.code()).isZero();
        assertThat(lastLine(four.out())).isEqualTo(lastLine(one.out()));
    }

    /** The artemis workload: artemis's own loop and the strategy on every backend give one checksum. */
    @Test
    void theArtemisWorkloadGivesArtemisOwnChecksumOnEveryBackend() {
        Run r = run("--workload", "artemis", "--frames", "12", "--warmup", "2", "--entities", "5000", "--workers", "2",
                "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("artemis loop", "workstealing x2", "workstealing x1", "blocking x2",
                "speedup over artemis", "checksum identical across every run, artemis's own loop included");
        Run bad = run("--workload", "nope");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--workload must be particles or artemis but was 'nope'");
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void badOptionsGiveAMessageAndANonZeroExitAndWriteNothing() {
        Path trace = dir.resolve("bad.json");
        Run r = run("--workers", "0", "--trace", trace.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--workers must be in [1, 4096] but was 0");
        assertThat(Files.exists(trace)).isFalse();
        Run b = run("--backend", "nope");
        assertThat(b.code()).isNotZero();
        assertThat(b.err()).contains("--backend must be workstealing, blocking or all but was 'nope'");
        Run late = run("--frames", "5", "--trace-from", "5", "--trace", trace.toString());
        assertThat(late.code()).isNotZero();
        assertThat(late.err()).contains("--trace-from must be in [0, 5) (a frame of the run) but was 5");
        assertThat(Files.exists(trace)).isFalse();
        Run cold = run("--warmup", "-1");
        assertThat(cold.code()).isNotZero();
        assertThat(cold.err()).contains("--warmup must be >= 0 but was -1");
        Run unknown = run("--frobnicate");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("Unknown option");
    }
}
