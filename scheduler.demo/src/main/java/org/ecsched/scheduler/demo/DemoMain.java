package org.ecsched.scheduler.demo;

import com.artemis.InvocationStrategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;
import org.ecsched.scheduler.artemis.EcschedInvocationStrategy;
import org.ecsched.scheduler.artemis.example.ExampleWorld;
import org.ecsched.scheduler.observability.ChromeTraceRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: runs the particle simulation on each backend from the same seed, prints frame times, speedups,
 * per-worker statistics and the world checksum (which must be equal for every backend and worker count), and
 * writes a Chrome trace of a few frames of the first work-stealing run, with an SVG picture of its timeline.
 * With {@code --workload artemis}, the simulation is the example artemis-odb world of scheduler.artemis.example
 * ({@link ExampleWorld}), timed under artemis's own loop and under the strategy on each backend, with the speedup
 * over artemis's loop.
 */
@Command(name = "ecsched-demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a particle ECS simulation on the scheduler's backends and compares them.")
public final class DemoMain implements Callable<Integer> {

    /** Exit code when checksums differ between runs. */
    static final int CHECKSUM_MISMATCH = 3;

    @Option(names = "--workload", defaultValue = "particles",
            description = "particles (the simulation written on the api) or artemis (the example artemis-odb world,"
                    + " thirteen systems, run by artemis's own loop and by EcschedInvocationStrategy on each backend;"
                    + " no trace) (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--backend", defaultValue = "all",
            description = "workstealing, blocking or all (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--workers", description = "workers (default: available processors)")
    Integer workers;

    @Option(names = "--entities", defaultValue = "300000", description = "particles (default: ${DEFAULT-VALUE})")
    int entities;

    @Option(names = "--frames", defaultValue = "900", description = "frames per run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--warmup", defaultValue = "100",
            description = "untimed frames on every run's backend before any timed frame, so that JIT compilation"
                    + " (which shares the cores) does not land in the first run only (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "42", description = "world seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--trace", defaultValue = "target/ecsched-trace.json",
            description = "Chrome trace of three frames (see --trace-from) of the first work-stealing run, and its timeline as an SVG"
                    + " picture beside it (x.json gives x.svg); 'none' to skip both (default: ${DEFAULT-VALUE})")
    String trace;

    @Option(names = "--trace-from", defaultValue = "10",
            description = "first of the three traced frames, counted from 0 (default: ${DEFAULT-VALUE})")
    int traceFrom;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    private PrintWriter out;

    /** Injected by picocli: errors go through the command line that runs us (and its configured streams). */
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the demo; exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the demo with the given streams and returns the exit code (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        DemoMain demo = new DemoMain();
        demo.out = out;
        CommandLine cl = new CommandLine(demo);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    private record RunSpec(String backend, int workers) {
        String label() {
            return backend + " x" + workers;
        }
    }

    private record RunResult(RunSpec spec, long[] frameNanos, long checksum, int population, BackendStats stats) {
        double percentileMillis(double p) {
            return DemoMain.percentileMillis(frameNanos, p);
        }

        double totalMillis() {
            return DemoMain.totalMillis(frameNanos);
        }
    }

    static double percentileMillis(long[] frameNanos, double p) {
        long[] sorted = frameNanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static double totalMillis(long[] frameNanos) {
        return Arrays.stream(frameNanos).sum() / 1e6;
    }

    @Override
    public Integer call() throws IOException {
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        validate(n);
        List<RunSpec> runs = new ArrayList<>();
        if (!backend.equals("blocking")) {
            runs.add(new RunSpec("workstealing", n));
            if (n > 1) {
                runs.add(new RunSpec("workstealing", 1));
            }
        }
        if (!backend.equals("workstealing")) {
            runs.add(new RunSpec("blocking", n));
        }
        if (workload.equals("artemis")) {
            return artemis(runs);
        }
        out.printf("ecsched demo: %d particles, %d frames, seed %d, backends %s%n", entities, frames, seed,
                runs.stream().map(RunSpec::label).toList());
        if (warmup > 0) {
            if (!quiet) {
                out.printf("  warming up: %d frames on each of %d runs%n", warmup, runs.size());
            }
            for (RunSpec spec : runs) {
                warmUp(spec);
            }
        }
        List<RunResult> results = new ArrayList<>();
        Path traceTemp = null;
        for (RunSpec spec : runs) {
            boolean traced = traceTemp == null && !trace.equals("none") && spec.backend().equals("workstealing");
            RunResult r = runOne(spec, traced);
            if (traced) {
                traceTemp = r == null ? null : pendingTrace;
            }
            results.add(r);
        }
        report(results);
        if (traceTemp != null) {
            Path target = Path.of(trace).toAbsolutePath();
            Path picture = target.resolveSibling(svgName(target.getFileName().toString()));
            Files.createDirectories(target.getParent());
            Path pictureTemp = Files.createTempFile(target.getParent(), ".ecsched-trace", ".tmp");
            try {
                TraceTimelineSvg.write(traceTemp, pictureTemp);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(pictureTemp);
                Files.deleteIfExists(traceTemp);
                throw e;
            }
            Files.move(traceTemp, target, StandardCopyOption.REPLACE_EXISTING);
            Files.move(pictureTemp, picture, StandardCopyOption.REPLACE_EXISTING);
            out.printf("trace of frames %d-%d (%s): %s  (open it in https://ui.perfetto.dev)%n", traceFrom,
                    Math.min(frames - 1, traceFrom + 2), runs.get(0).label(), target);
            out.printf("its timeline as a picture: %s%n", picture);
        }
        long expected = results.get(0).checksum();
        boolean equal = results.stream().allMatch(r -> r.checksum() == expected);
        out.printf("checksum %s: %016x%n", equal ? "identical across every run" : "MISMATCH", expected);
        if (!equal) {
            for (RunResult r : results) {
                out.printf("  %-16s %016x%n", r.spec().label(), r.checksum());
            }
            return CHECKSUM_MISMATCH;
        }
        return 0;
    }

    /** The picture's file name beside the trace: {@code x.json} gives {@code x.svg}, any other name gets ".svg". */
    static String svgName(String traceName) {
        return (traceName.endsWith(".json") ? traceName.substring(0, traceName.length() - 5) : traceName) + ".svg";
    }

    private void validate(int n) {
        if (!List.of("particles", "artemis").contains(workload)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--workload must be particles or artemis but was '" + workload + "'");
        }
        if (!List.of("workstealing", "blocking", "all").contains(backend)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--backend must be workstealing, blocking or all but was '" + backend + "'");
        }
        check(n >= 1 && n <= SchedulerConfig.MAX_WORKERS, "--workers must be in [1, " + SchedulerConfig.MAX_WORKERS
                + "] but was " + n);
        check(entities >= 1, "--entities must be >= 1 but was " + entities);
        check(frames >= 1, "--frames must be >= 1 but was " + frames);
        check(warmup >= 0, "--warmup must be >= 0 but was " + warmup);
        check(traceFrom >= 0 && (traceFrom < frames || trace.equals("none")),
                "--trace-from must be in [0, " + frames + ") (a frame of the run) but was " + traceFrom);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private Path pendingTrace;

    /** Runs untimed frames of a separate world (same size, another seed) on a backend like the run's. */
    private void warmUp(RunSpec spec) {
        Simulation sim = new Simulation(entities, seed + 1, spec.workers());
        try (SchedulerBackend b = Schedulers.create(spec.backend(),
                SchedulerConfig.builder().workers(spec.workers()).build())) {
            for (int f = 0; f < warmup; f++) {
                sim.frame(b);
            }
        }
    }

    private RunResult runOne(RunSpec spec, boolean traced) throws IOException {
        ChromeTraceRecorder recorder = traced ? new ChromeTraceRecorder(spec.workers()) : null;
        SchedulerConfig.Builder config = SchedulerConfig.builder().workers(spec.workers());
        if (recorder != null) {
            config.listener(recorder);
        }
        Simulation sim = new Simulation(entities, seed, spec.workers());
        long[] frameNanos = new long[frames];
        BackendStats stats;
        try (SchedulerBackend b = Schedulers.create(spec.backend(), config.build())) {
            long lastReport = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                if (recorder != null && f == traceFrom) {
                    recorder.start();
                }
                long t0 = System.nanoTime();
                sim.frame(b);
                frameNanos[f] = System.nanoTime() - t0;
                if (recorder != null && f == traceFrom + 2) {
                    recorder.stop();
                }
                if (!quiet && System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf("  %-16s frame %d/%d, %d particles%n", spec.label(), f + 1, frames,
                            sim.world().count);
                }
            }
            stats = b.stats();
        }
        if (recorder != null) {
            Path dir = Path.of(trace).toAbsolutePath().getParent();
            Files.createDirectories(dir);
            pendingTrace = Files.createTempFile(dir, ".ecsched-trace", ".tmp"); // moved into place at the end
            recorder.writeTo(pendingTrace);
        }
        RunResult r = new RunResult(spec, frameNanos, sim.world().checksum(), sim.world().count, stats);
        if (!quiet) {
            out.printf("  %-16s done: %.0f ms, %d particles%n", spec.label(), r.totalMillis(), r.population());
        }
        return r;
    }

    private void report(List<RunResult> results) {
        out.println();
        out.printf("%-16s %10s %10s %12s %12s%n", "run", "p50 ms", "p99 ms", "total ms", "particles");
        for (RunResult r : results) {
            out.printf("%-16s %10.3f %10.3f %12.0f %12d%n", r.spec().label(), r.percentileMillis(0.5),
                    r.percentileMillis(0.99), r.totalMillis(), r.population());
        }
        RunResult ws = find(results, "workstealing", false);
        RunResult ws1 = find(results, "workstealing", true);
        RunResult blocking = find(results, "blocking", false);
        if (ws != null && blocking != null) {
            out.printf("speedup of work-stealing over blocking:   %.2fx (total frame time)%n",
                    blocking.totalMillis() / ws.totalMillis());
        }
        if (ws != null && ws1 != null) {
            out.printf("speedup of work-stealing over 1 worker:   %.2fx%n", ws1.totalMillis() / ws.totalMillis());
        }
        for (RunResult r : results) {
            out.println();
            out.print(r.stats().toTable().replaceFirst("^\\S+", r.spec().label()));
        }
        out.println();
    }

    /** A timed run of the artemis workload, under artemis's own loop or on a backend. */
    private record ArtemisResult(String label, long[] frameNanos, long checksum, int population) {
    }

    /**
     * The artemis workload: the same world run by artemis's own sequential loop, then by EcschedInvocationStrategy
     * on each backend of {@code runs}; frame times, the speedup over artemis's loop, and the checksum (which must
     * be equal for every run, artemis's own included).
     */
    private int artemis(List<RunSpec> runs) {
        out.printf("ecsched demo, artemis-odb workload: %d particles, %d frames, seed %d, artemis's own loop and %s%n",
                entities, frames, seed, runs.stream().map(RunSpec::label).toList());
        if (warmup > 0) {
            if (!quiet) {
                out.printf("  warming up: %d frames on each of %d runs%n", warmup, runs.size() + 1);
            }
            runArtemis(null, seed + 1, warmup);
            for (RunSpec spec : runs) {
                runArtemis(spec, seed + 1, warmup);
            }
        }
        List<ArtemisResult> results = new ArrayList<>();
        results.add(runArtemis(null, seed, frames));
        for (RunSpec spec : runs) {
            results.add(runArtemis(spec, seed, frames));
        }
        double baseline = totalMillis(results.get(0).frameNanos());
        out.println();
        out.printf("%-16s %10s %10s %12s %12s %22s%n", "run", "p50 ms", "p99 ms", "total ms", "entities",
                "speedup over artemis");
        for (ArtemisResult r : results) {
            double total = totalMillis(r.frameNanos());
            out.printf("%-16s %10.3f %10.3f %12.0f %12d %21.2fx%n", r.label(), percentileMillis(r.frameNanos(), 0.5),
                    percentileMillis(r.frameNanos(), 0.99), total, r.population(), baseline / total);
        }
        out.println();
        long expected = results.get(0).checksum();
        boolean equal = results.stream().allMatch(r -> r.checksum() == expected);
        out.printf("checksum %s: %016x%n", equal ? "identical across every run, artemis's own loop included"
                : "MISMATCH", expected);
        if (!equal) {
            for (ArtemisResult r : results) {
                out.printf("  %-16s %016x%n", r.label(), r.checksum());
            }
            return CHECKSUM_MISMATCH;
        }
        return 0;
    }

    /** Runs {@code frameCount} frames of a world from {@code worldSeed}: artemis's own loop if {@code spec} is null. */
    private ArtemisResult runArtemis(RunSpec spec, long worldSeed, int frameCount) {
        String label = spec == null ? "artemis loop" : spec.label();
        long[] frameNanos = new long[frameCount];
        SchedulerBackend b = spec == null ? null
                : Schedulers.create(spec.backend(), SchedulerConfig.builder().workers(spec.workers()).build());
        try {
            ExampleWorld world = new ExampleWorld(
                    b == null ? new InvocationStrategy() : new EcschedInvocationStrategy(b), entities, worldSeed);
            for (int f = 0; f < frameCount; f++) {
                long t0 = System.nanoTime();
                world.frame();
                frameNanos[f] = System.nanoTime() - t0;
            }
            ArtemisResult r = new ArtemisResult(label, frameNanos, world.hash(), world.population());
            if (!quiet && worldSeed == seed) {
                out.printf("  %-16s done: %.0f ms, %d entities%n", label, totalMillis(frameNanos), r.population());
            }
            return r;
        } finally {
            if (b != null) {
                b.close();
            }
        }
    }

    private static RunResult find(List<RunResult> results, String backend, boolean oneWorker) {
        for (RunResult r : results) {
            if (r.spec().backend().equals(backend) && (r.spec().workers() == 1) == oneWorker) {
                return r;
            }
        }
        return null;
    }
}
