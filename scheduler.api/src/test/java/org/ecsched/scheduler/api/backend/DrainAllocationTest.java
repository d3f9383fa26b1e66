package org.ecsched.scheduler.api.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerConfig;
import org.ecsched.scheduler.api.SystemSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code SystemContext.drainCommands} allocates nothing in a steady state: a phase whose exclusive systems drain
 * ranged systems' commands, run again and again on one thread through a handler that runs every task inline,
 * allocates (almost) nothing once the merge's arrays have grown.
 */
class DrainAllocationTest {

    private static final String[] COMMANDS = {"c0", "c1", "c2", "c3"};

    /** Every drained command lands here; read after the phases so that the drain is not optimised away. */
    private int drained;
    private final Consumer<Object> sink = c -> drained++;

    /** Runs each task at once, on the calling thread, as worker {@code system % 4} (what a backend may do). */
    private static final class Inline implements ReadyHandler {
        PhaseRun<Object> run;

        @Override
        public void ready(int worker, int system) {
            int w = system % run.workerCount();
            if (!run.isSplittable(system)) {
                run.runTask(w, system, 0, 0, this);
                return;
            }
            int n = run.entityCount(system);
            for (int start = 0; start < n; start += 8) {
                run.runTask(w, system, start, Math.min(n, start + 8), this);
            }
        }

        @Override
        public void phaseFinished(int worker) {
        }
    }

    private Plan<Object> plan() {
        Phase.Builder<Object> b = Phase.named("drain-nogc");
        for (String name : new String[] {"a", "b"}) {
            b.add(SystemSpec.named(name).writes(name).minBatchSize(8).forEachEntity(64, (start, end, ctx) -> {
                for (int e = start; e < end; e++) {
                    ctx.add(COMMANDS[e & 3]);
                }
            }));
        }
        b.add(SystemSpec.named("sync").exclusive().runs(ctx -> {
            ctx.add(COMMANDS[0]);
            ctx.drainCommands(sink);
        }));
        b.add(SystemSpec.named("c").minBatchSize(8).forEachEntity(32, (start, end, ctx) -> ctx.add(COMMANDS[1])));
        b.add(SystemSpec.named("sync2").exclusive().runs(ctx -> ctx.drainCommands(sink)));
        return b.compile();
    }

    private static PhaseResult<Object> phase(PhaseRun<Object> run, Inline handler) {
        run.start(FailurePolicy.FAIL_FAST, 0, handler);
        while (run.exclusivePending() >= 0) {
            run.runExclusive(0, handler);
        }
        return run.finish();
    }

    @Test
    void drainingAllocatesNothingInASteadyState() throws Exception {
        Method allocated;
        Object mx;
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            mx = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> sunMx = Class.forName("com.sun.management.ThreadMXBean");
            Assumptions.assumeTrue(sunMx.isInstance(mx), "no com.sun.management.ThreadMXBean");
            allocated = sunMx.getMethod("getCurrentThreadAllocatedBytes");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("management API not available: " + e);
            return;
        }
        PhaseRun<Object> run = new PhaseRun<>(plan(), 4, SchedulerConfig.builder().workers(4).build());
        Inline handler = new Inline();
        handler.run = run;
        for (int i = 0; i < 500; i++) {
            PhaseResult<Object> r = phase(run, handler);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.commandCount()).isZero(); // sync2 drained everything, sync's own commands included
        }
        assertThat(drained).isEqualTo(500 * (64 + 64 + 1 + 4));
        long before = (long) allocated.invoke(mx);
        long calibrate = (long) allocated.invoke(mx);
        long probeCost = calibrate - before; // the reflective call itself may allocate (boxing)
        before = (long) allocated.invoke(mx);
        for (int i = 0; i < 1_000; i++) {
            phase(run, handler);
        }
        long after = (long) allocated.invoke(mx);
        double perPhase = (after - before - probeCost) / 1_000.0;
        assertThat(perPhase).as("bytes allocated per phase (%.1f)", perPhase).isLessThan(64.0);
    }
}
