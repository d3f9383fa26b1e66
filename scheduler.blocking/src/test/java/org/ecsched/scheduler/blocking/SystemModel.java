package org.ecsched.scheduler.blocking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ecsched.scheduler.api.Phase;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SystemOutcome;
import org.ecsched.scheduler.api.SystemSpec;

/**
 * A system described as data, turned into a probed {@link SystemSpec} whose commands are predictable: a run-once
 * system records {@code name#0} and {@code name#1}; an entity-parallel one records {@code name:e} for each entity
 * in ascending order. A failing system records its commands, then throws (a run-once one always, an
 * entity-parallel one in the range that holds entity {@code failAt}).
 *
 * @param entities -1 for a run-once system, else the entity count
 * @param minBatch 0 for the configuration's default
 * @param failAt   -1 for a system that never fails
 */
record SystemModel(String name, List<String> reads, List<String> writes, List<String> before, List<String> after,
                   int entities, int minBatch, int failAt) {

    static SystemModel once(String name, List<String> reads, List<String> writes) {
        return new SystemModel(name, reads, writes, List.of(), List.of(), -1, 0, -1);
    }

    static SystemModel parallel(String name, List<String> reads, List<String> writes, int entities, int minBatch) {
        return new SystemModel(name, reads, writes, List.of(), List.of(), entities, minBatch, -1);
    }

    SystemModel before(String... names) {
        return new SystemModel(name, reads, writes, List.of(names), after, entities, minBatch, failAt);
    }

    SystemModel after(String... names) {
        return new SystemModel(name, reads, writes, before, List.of(names), entities, minBatch, failAt);
    }

    SystemModel failingAt(int entity) {
        return new SystemModel(name, reads, writes, before, after, entities, minBatch, entity);
    }

    /** Whether running this system throws (an entity-parallel system only if the failing entity exists). */
    boolean throwsWhenRun() {
        return failAt >= 0 && (entities < 0 || failAt < entities);
    }

    /** Commands this system records when it runs completely. */
    List<String> commands() {
        List<String> out = new ArrayList<>();
        if (entities < 0) {
            out.add(name + "#0");
            out.add(name + "#1");
        } else {
            for (int e = 0; e < entities; e++) {
                out.add(name + ":" + e);
            }
        }
        return out;
    }

    /** Every component any of {@code systems} declares. */
    static Set<Object> components(List<SystemModel> systems) {
        Set<Object> all = new LinkedHashSet<>();
        for (SystemModel m : systems) {
            all.addAll(m.reads());
            all.addAll(m.writes());
        }
        return all;
    }

    /** Builds the phase, every body instrumented by {@code probe}. */
    static Phase<String> phase(String phaseName, List<SystemModel> systems, Probe probe) {
        List<SystemSpec<String>> specs = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            SystemModel m = systems.get(s);
            SystemSpec.Builder<String> b = SystemSpec.<String>named(m.name())
                    .reads(m.reads().toArray()).writes(m.writes().toArray())
                    .runsBefore(m.before().toArray(String[]::new)).runsAfter(m.after().toArray(String[]::new));
            if (m.minBatch() > 0) {
                b.minBatchSize(m.minBatch());
            }
            // The probe needs the access as the spec normalises it (a read-and-written component is a write).
            SystemSpec<String> shape = SystemSpec.<String>named(m.name()).reads(m.reads().toArray())
                    .writes(m.writes().toArray()).runs(ctx -> { });
            Set<Object> reads = shape.reads();
            Set<Object> writes = shape.writes();
            int position = s;
            if (m.entities() < 0) {
                specs.add(b.runs(probe.once(position, m.name(), reads, writes, (start, end, ctx) -> {
                    ctx.add(m.name() + "#0");
                    ctx.add(m.name() + "#1");
                    if (m.failAt() >= 0) {
                        throw new IllegalStateException("system '" + m.name() + "' fails on purpose");
                    }
                })));
            } else {
                specs.add(b.forEachEntity(m.entities(), probe.ranges(position, m.name(), reads, writes,
                        (start, end, ctx) -> {
                            for (int e = start; e < end; e++) {
                                ctx.add(m.name() + ":" + e);
                            }
                            if (start <= m.failAt() && m.failAt() < end) {
                                throw new IllegalStateException("system '" + m.name() + "' fails on entity "
                                        + m.failAt());
                            }
                        })));
            }
        }
        return Phase.of(phaseName, specs);
    }

    /**
     * Outcomes under CONTINUE, from the plan's order alone: a system with any non-completed system ordered
     * before it is skipped; else it fails if it throws; else it completes.
     */
    static List<SystemOutcome> continueOutcomes(Plan<?> plan, List<SystemModel> systems) {
        int n = systems.size();
        SystemOutcome[] out = new SystemOutcome[n];
        int done = 0;
        while (done < n) {
            for (int s = 0; s < n; s++) {
                if (out[s] != null) {
                    continue;
                }
                boolean ready = true;
                boolean poisoned = false;
                for (int p = 0; p < n; p++) {
                    if (plan.isOrderedBefore(p, s)) {
                        if (out[p] == null) {
                            ready = false;
                        } else if (out[p] != SystemOutcome.COMPLETED) {
                            poisoned = true;
                        }
                    }
                }
                if (ready) {
                    out[s] = poisoned ? SystemOutcome.SKIPPED
                            : systems.get(s).throwsWhenRun() ? SystemOutcome.FAILED : SystemOutcome.COMPLETED;
                    done++;
                }
            }
        }
        return List.of(out);
    }

    /** The commands the completed systems deliver, in the deterministic order (declaration, entity, record). */
    static List<String> expectedCommands(List<SystemModel> systems, List<SystemOutcome> outcomes) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            if (outcomes.get(s) == SystemOutcome.COMPLETED) {
                out.addAll(systems.get(s).commands());
            }
        }
        return out;
    }
}
