package org.ecsched.scheduler.bench.phase;

import java.util.List;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.Schedulers;

/**
 * A tuning aid, not a benchmark: runs one workload on a backend for a while and prints the mean frame time and
 * the per-worker statistics (busy time against wall time shows where workers wait).
 *
 * <pre>java -cp scheduler.bench/target/benchmarks.jar org.ecsched.scheduler.bench.phase.WorkloadProbe \
 *     imbalanced workstealing 2 3</pre>
 * Arguments: workload, backend, workers, seconds (after as long again of warm-up).
 */
public final class WorkloadProbe {

    private WorkloadProbe() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "imbalanced";
        String backendName = args.length > 1 ? args[1] : "workstealing";
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        List<Plan<Object>> frame = Workloads.of(workload, true);
        try (SchedulerBackend backend = Schedulers.create(backendName,
                SchedulerConfig.builder().workers(workers).build())) {
            run(backend, frame, seconds); // warm-up
            BackendStats before = backend.stats();
            long frames = run(backend, frame, seconds);
            BackendStats after = backend.stats();
            System.out.printf("%s on %s x%d: %.1f us/frame over %d frames%n", workload, backendName, workers,
                    seconds * 1e6 / frames, frames);
            System.out.println("warm-up included in the table; busy ms in the measured part per worker:");
            for (int w = 0; w < workers; w++) {
                long busy = after.workers().get(w).busyNanos() - before.workers().get(w).busyNanos();
                System.out.printf("  worker %d busy %.1f%% of wall%n", w, 100.0 * busy / (seconds * 1e9));
            }
            System.out.println(after.toTable());
        }
    }

    private static long run(SchedulerBackend backend, List<Plan<Object>> frame, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long frames = 0;
        while (System.nanoTime() < end) {
            for (Plan<Object> plan : frame) {
                backend.execute(plan).throwIfFailed();
            }
            frames++;
        }
        return frames;
    }
}
