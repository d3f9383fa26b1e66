package org.ecsched.scheduler.testkit.stress;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.testkit.rules.TestkitSettings;
import org.ecsched.scheduler.testkit.oracle.ThreadLeaks;

/**
 * A stress run: creates a backend, executes rounds of generated phases until the duration is over, checks every
 * execution with the oracles, closes the backend and checks that no thread is left, then reports.
 *
 * <p>Each harness is an entry point of its own ({@code main}, arguments as {@link StressMain}) and a method
 * callable from tests, {@link #run(BackendFactory, StressOptions)}. Unless quiet, it prints progress every
 * {@value #PROGRESS_SECONDS} seconds and ends with {@link StressReport#summaryLine()}. A watchdog prints a warning
 * with the harness thread's stack if no phase finishes for {@value #STALL_SECONDS} seconds (scaled by the timeout
 * factor) and counts it as a failure; a stalled backend is not killed, so a test's timeout ends it.
 */
public abstract class StressHarness {

    static final int PROGRESS_SECONDS = 5;
    static final int STALL_SECONDS = 30;

    private final String name;
    private final String description;

    StressHarness(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** {@return every harness, in the order {@code --scenario=all} runs them} */
    public static List<StressHarness> all() {
        return List.of(new StealStorm(), new ShortPhases(), new UnevenPhases(), new Oversubscription(),
                new FaultInjection());
    }

    /** {@return the harness's name on the command line and in the summary, for example {@code steal-storm}} */
    public final String name() {
        return name;
    }

    /** {@return one line: what it stresses} */
    public final String description() {
        return description;
    }

    /** The configuration of the backend under stress. */
    SchedulerConfig config(StressOptions options) {
        return SchedulerConfig.builder().workers(options.workers()).build();
    }

    /** Executes one round of phases (a few to a few hundred, well under a second). */
    abstract void round(StressRun run);

    /**
     * Runs the harness against backends made by {@code factory}.
     *
     * @param factory makes the backends
     * @param options how long and how hard
     * @return what it did and found; {@link StressReport#assertNoFailures()} turns it into a test assertion
     */
    public final StressReport run(BackendFactory factory, StressOptions options) {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        Set<Thread> before = ThreadLeaks.snapshot();
        SchedulerConfig config = config(options);
        StressRun run;
        Thread watchdog;
        try (SchedulerBackend backend = factory.create(config)) {
            run = new StressRun(backend, options);
            watchdog = startWatchdog(run, Thread.currentThread());
            long nextProgress = start + TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
            try {
                do {
                    round(run);
                    long now = System.nanoTime();
                    if (!options.quiet() && now - nextProgress >= 0) {
                        options.out().printf("stress %s: %d s of %d s, phases=%d, tasks=%d, failures found=%d%n",
                                name, TimeUnit.NANOSECONDS.toSeconds(now - start), options.duration().toSeconds(),
                                run.phases, run.tasks, run.failures);
                        nextProgress = now + TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
                    }
                } while (System.nanoTime() - end < 0);
            } finally {
                watchdog.interrupt();
            }
        }
        List<Thread> leaked = ThreadLeaks.newThreadsAfter(before, TestkitSettings.scaled(Duration.ofSeconds(2)));
        leaked.remove(watchdog);
        if (!leaked.isEmpty()) {
            run.failure("[5.01 closeLeavesNoThread] " + leaked.size() + " threads alive after close():"
                    + ThreadLeaks.describe(leaked));
        }
        StressReport report = new StressReport(name, run.phases, run.tasks, run.failures, options.seed(),
                Duration.ofNanos(System.nanoTime() - start), run.firstFailures());
        if (!options.quiet()) {
            options.out().println(report.summaryLine());
        }
        return report;
    }

    private Thread startWatchdog(StressRun run, Thread harness) {
        long stallNanos = TestkitSettings.scaled(Duration.ofSeconds(STALL_SECONDS)).toNanos();
        Thread t = new Thread(() -> {
            boolean warned = false;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!warned && System.nanoTime() - run.lastProgressNanos > stallNanos) {
                    warned = true;
                    String stall = "no phase finished for " + stallNanos / 1_000_000_000L + " s; harness thread:"
                            + ThreadLeaks.describe(List.of(harness), 16);
                    run.failure("stall: " + stall);
                    run.options.out().println("stress " + name + ": WARNING " + stall);
                }
            }
        }, "ecsched-testkit-stress-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs this harness from the command line; see {@link StressMain} for the arguments. */
    static void main(StressHarness harness, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "--scenario=" + harness.name();
        System.arraycopy(args, 0, all, 1, args.length);
        StressMain.main(all);
    }
}
