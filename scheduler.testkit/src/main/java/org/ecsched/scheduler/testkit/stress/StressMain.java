package org.ecsched.scheduler.testkit.stress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ecsched.scheduler.api.Schedulers;

/**
 * Runs stress harnesses from the command line against a backend found with {@link Schedulers}.
 *
 * <pre>
 * StressMain [--scenario=all|steal-storm|short-phases|uneven-phases|oversubscription|fault-injection[,...]]
 *            [--backend=NAME] [--millis=N] [--workers=N] [--seed=N] [--quiet]
 * </pre>
 *
 * Defaults: every scenario, the default backend ({@code -Decsched.backend} or the highest priority),
 * {@code -Dstress.millis} (1500) per scenario, as many workers as processors, the kit's seed
 * ({@code -Decsched.testkit.seed}, else random and printed). Exit status: 0 when nothing was found, 1 when a
 * harness found a failure, 2 on a usage error. From Maven, with the backends of the test class path:
 *
 * <pre>{@code
 * mvn -f scheduler.blocking/pom.xml exec:java -Dexec.args="--scenario=all --backend=blocking --millis=60000"
 * }</pre>
 */
public final class StressMain {

    private StressMain() {
    }

    /**
     * Parses the arguments, runs the harnesses, and exits with the status above.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Like {@link #main} but returns the status instead of exiting.
     *
     * @param args the command line
     * @param out  where to print
     * @return 0 when nothing was found, 1 when a harness found a failure, 2 on a usage error
     */
    public static int run(String[] args, PrintStream out) {
        StressOptions options = StressOptions.defaults().withOut(out);
        String scenarios = "all";
        String backend = null;
        try {
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.startsWith("--scenario=")) {
                    scenarios = value;
                } else if (arg.startsWith("--backend=")) {
                    backend = value;
                } else if (arg.startsWith("--millis=")) {
                    options = options.withDuration(Duration.ofMillis(Long.parseLong(value)));
                } else if (arg.startsWith("--workers=")) {
                    options = options.withWorkers(Integer.parseInt(value));
                } else if (arg.startsWith("--seed=")) {
                    options = options.withSeed(Long.parseLong(value));
                } else if (arg.equals("--quiet")) {
                    options = options.withQuiet(true);
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            List<StressHarness> chosen = choose(scenarios);
            BackendFactory factory = backend == null ? Schedulers::createDefault : BackendFactory.named(backend);
            long failures = 0;
            for (StressHarness h : chosen) {
                StressReport report = h.run(factory, options);
                if (options.quiet()) {
                    out.println(report.summaryLine());
                }
                for (String f : report.firstFailures()) {
                    out.println("--- " + h.name() + " failure:\n" + f);
                }
                failures += report.failuresFound();
            }
            return failures == 0 ? 0 : 1;
        } catch (IllegalArgumentException e) {
            out.println("stress: " + e.getMessage());
            out.println(usage());
            return 2;
        }
    }

    private static List<StressHarness> choose(String scenarios) {
        List<StressHarness> all = StressHarness.all();
        if (scenarios.equals("all")) {
            return all;
        }
        List<StressHarness> chosen = new ArrayList<>();
        for (String name : scenarios.split(",")) {
            StressHarness h = all.stream().filter(x -> x.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'"));
            chosen.add(h);
        }
        return chosen;
    }

    /** The usage text, listing the scenarios. */
    static String usage() {
        StringBuilder sb = new StringBuilder("usage: StressMain [--scenario=all|NAME[,NAME...]] [--backend=NAME]"
                + " [--millis=N] [--workers=N] [--seed=N] [--quiet]\nscenarios:");
        for (StressHarness h : StressHarness.all()) {
            sb.append("\n  ").append(h.name()).append(": ").append(h.description());
        }
        return sb.toString();
    }
}
