package org.ecsched.scheduler.api.discoveryfixture;

import java.util.List;
import org.ecsched.scheduler.api.BackendStats;
import org.ecsched.scheduler.api.FailurePolicy;
import org.ecsched.scheduler.api.PhaseResult;
import org.ecsched.scheduler.api.Plan;
import org.ecsched.scheduler.api.SchedulerBackend;
import org.ecsched.scheduler.api.SchedulerConfig;

/** A do-nothing backend made by the discovery fixtures: only its name and configuration matter. */
public final class FixtureBackend implements SchedulerBackend {

    private final String name;
    private final SchedulerConfig config;

    FixtureBackend(String name, SchedulerConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    @Override
    public <C> PhaseResult<C> execute(Plan<C> plan, FailurePolicy policy) {
        throw new UnsupportedOperationException("fixture backend '" + name + "' runs nothing");
    }

    @Override
    public BackendStats stats() {
        return new BackendStats(name, 0, List.of());
    }

    @Override
    public void close() {
    }
}
