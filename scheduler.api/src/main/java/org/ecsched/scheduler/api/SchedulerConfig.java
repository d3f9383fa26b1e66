package org.ecsched.scheduler.api;

import java.util.Optional;

/**
 * Immutable backend configuration, made with {@link #builder()} and validated when built.
 *
 * <p>The defaults need no tuning: as many workers as available processors, and knobs sized after what
 * ForkJoinPool, Tokio and Rayon settled on. Knobs a backend has no use for are ignored by it (the blocking
 * backend neither steals nor spins).
 */
public final class SchedulerConfig {

    /** Largest accepted worker count. */
    public static final int MAX_WORKERS = 4096;

    private final int workers;
    private final int localQueueCapacity;
    private final int stealBatch;
    private final boolean lifoSlot;
    private final int spinIterations;
    private final int yieldIterations;
    private final boolean adaptiveSpin;
    private final boolean inlineSmallPhases;
    private final int minBatchSize;
    private final FailurePolicy failurePolicy;
    private final SchedulerListener listener;
    private final String threadNamePrefix;

    private SchedulerConfig(Builder b) {
        this.workers = b.workers;
        this.localQueueCapacity = b.localQueueCapacity;
        this.stealBatch = b.stealBatch;
        this.lifoSlot = b.lifoSlot;
        this.spinIterations = b.spinIterations;
        this.yieldIterations = b.yieldIterations;
        this.adaptiveSpin = b.adaptiveSpin;
        this.inlineSmallPhases = b.inlineSmallPhases;
        this.minBatchSize = b.minBatchSize;
        this.failurePolicy = b.failurePolicy;
        this.listener = b.listener;
        this.threadNamePrefix = b.threadNamePrefix;
    }

    /** {@return the defaults} */
    public static SchedulerConfig defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this configuration's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.workers = workers;
        b.localQueueCapacity = localQueueCapacity;
        b.stealBatch = stealBatch;
        b.lifoSlot = lifoSlot;
        b.spinIterations = spinIterations;
        b.yieldIterations = yieldIterations;
        b.adaptiveSpin = adaptiveSpin;
        b.inlineSmallPhases = inlineSmallPhases;
        b.minBatchSize = minBatchSize;
        b.failurePolicy = failurePolicy;
        b.listener = listener;
        b.threadNamePrefix = threadNamePrefix;
        return b;
    }

    /**
     * {@return the worker count, the calling thread included where a backend lets it take part} Default: available
     * processors.
     */
    public int workers() {
        return workers;
    }

    /**
     * {@return the capacity of each worker's local deque, a power of two} Full deques overflow to the shared
     * injector. Default 256.
     */
    public int localQueueCapacity() {
        return localQueueCapacity;
    }

    /**
     * {@return the most tasks one steal may move} Crossbeam and Tokio take half the victim's tasks, capped at 32.
     * Default 32.
     */
    public int stealBatch() {
        return stealBatch;
    }

    /**
     * {@return whether a worker keeps the task it just made ready in a LIFO slot and runs it next} Tokio's LIFO
     * slot. Default on.
     */
    public boolean lifoSlot() {
        return lifoSlot;
    }

    /**
     * {@return the idle rounds of {@code Thread.onSpinWait()} before yielding} The adaptive policy scales it.
     * Default 64.
     */
    public int spinIterations() {
        return spinIterations;
    }

    /** {@return the idle {@code Thread.yield()} rounds after spinning and before parking} Default 8. */
    public int yieldIterations() {
        return yieldIterations;
    }

    /**
     * {@return whether idling adapts} The spin budget follows the recent steal success rate, and a worker does not
     * park before it has been idle about as long as a wake-up takes (competitive spinning; backends measure it).
     * Off, a worker parks after exactly {@code spinIterations} spins and {@code yieldIterations} yields. Default on.
     */
    public boolean adaptiveSpin() {
        return adaptiveSpin;
    }

    /**
     * Whether a phase too small to gain from other threads runs on the calling thread alone: when the plan's
     * measured cost (its systems' body time in earlier phases, scaled to this phase's entity counts) is below
     * what waking a worker costs (the wake-up latency the backend measures), handing tasks to other workers
     * could only make the phase slower, so none are handed out. Phases are still measured now and then, so a
     * plan that grows goes parallel again within a few phases. Off, every phase is offered to every worker (the
     * conformance kit's concurrency tests use that to exercise the concurrent path on small phases). Default on.
     *
     * @return whether small phases run on the calling thread alone
     */
    public boolean inlineSmallPhases() {
        return inlineSmallPhases;
    }

    /** {@return the minimum range size for entity-parallel systems that declare none} Default 64. */
    public int minBatchSize() {
        return minBatchSize;
    }

    /** {@return the policy {@link SchedulerBackend#execute(Plan)} uses} Default {@link FailurePolicy#FAIL_FAST}. */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** {@return the listener the backend reports to, if any} Default none. */
    public Optional<SchedulerListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** {@return the prefix of worker thread names, or empty to let the backend name them after itself} */
    public Optional<String> threadNamePrefix() {
        return Optional.ofNullable(threadNamePrefix);
    }

    @Override
    public String toString() {
        return "SchedulerConfig[workers=" + workers + ", localQueueCapacity=" + localQueueCapacity
                + ", stealBatch=" + stealBatch + ", lifoSlot=" + lifoSlot + ", spinIterations=" + spinIterations
                + ", yieldIterations=" + yieldIterations + ", adaptiveSpin=" + adaptiveSpin
                + ", inlineSmallPhases=" + inlineSmallPhases
                + ", minBatchSize=" + minBatchSize + ", failurePolicy=" + failurePolicy
                + ", listener=" + (listener == null ? "none" : listener.getClass().getName()) + "]";
    }

    /** Collects configuration values; {@link #build()} validates them. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private int localQueueCapacity = 256;
        private int stealBatch = 32;
        private boolean lifoSlot = true;
        private int spinIterations = 64;
        private int yieldIterations = 8;
        private boolean adaptiveSpin = true;
        private boolean inlineSmallPhases = true;
        private int minBatchSize = 64;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL_FAST;
        private SchedulerListener listener;
        private String threadNamePrefix;

        private Builder() {
        }

        /**
         * Sets the worker count.
         *
         * @param workers from 1 to {@link #MAX_WORKERS}
         * @return this builder
         * @see SchedulerConfig#workers()
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Sets the capacity of each worker's local deque.
         *
         * @param capacity a power of two from 2 to 2<sup>24</sup>
         * @return this builder
         * @see SchedulerConfig#localQueueCapacity()
         */
        public Builder localQueueCapacity(int capacity) {
            this.localQueueCapacity = capacity;
            return this;
        }

        /**
         * Sets the most tasks one steal may move.
         *
         * @param tasks from 1 to 65,536
         * @return this builder
         * @see SchedulerConfig#stealBatch()
         */
        public Builder stealBatch(int tasks) {
            this.stealBatch = tasks;
            return this;
        }

        /**
         * Turns the LIFO slot on or off.
         *
         * @param enabled true for on
         * @return this builder
         * @see SchedulerConfig#lifoSlot()
         */
        public Builder lifoSlot(boolean enabled) {
            this.lifoSlot = enabled;
            return this;
        }

        /**
         * Sets the idle spin rounds.
         *
         * @param iterations from 0 to 2<sup>20</sup>
         * @return this builder
         * @see SchedulerConfig#spinIterations()
         */
        public Builder spinIterations(int iterations) {
            this.spinIterations = iterations;
            return this;
        }

        /**
         * Sets the idle yield rounds.
         *
         * @param iterations from 0 to 2<sup>20</sup>
         * @return this builder
         * @see SchedulerConfig#yieldIterations()
         */
        public Builder yieldIterations(int iterations) {
            this.yieldIterations = iterations;
            return this;
        }

        /**
         * Turns adaptive idling on or off.
         *
         * @param enabled true for on
         * @return this builder
         * @see SchedulerConfig#adaptiveSpin()
         */
        public Builder adaptiveSpin(boolean enabled) {
            this.adaptiveSpin = enabled;
            return this;
        }

        /**
         * Sets whether small phases run on the calling thread alone.
         *
         * @param enabled on (the default) or off
         * @return this builder
         * @see SchedulerConfig#inlineSmallPhases()
         */
        public Builder inlineSmallPhases(boolean enabled) {
            this.inlineSmallPhases = enabled;
            return this;
        }

        /**
         * Sets the smallest range for entity-parallel systems that declare none.
         *
         * @param entities at least 1
         * @return this builder
         * @see SchedulerConfig#minBatchSize()
         */
        public Builder minBatchSize(int entities) {
            this.minBatchSize = entities;
            return this;
        }

        /**
         * Sets the policy of {@link SchedulerBackend#execute(Plan)}.
         *
         * @param policy not null
         * @return this builder
         * @see SchedulerConfig#failurePolicy()
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = policy;
            return this;
        }

        /**
         * Sets the listener the backend reports to.
         *
         * @param listener the listener, or null to remove it
         * @return this builder
         * @see SchedulerConfig#listener()
         */
        public Builder listener(SchedulerListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Sets the prefix of worker thread names.
         *
         * @param prefix the prefix (not blank), or null to restore the backend's default
         * @return this builder
         * @see SchedulerConfig#threadNamePrefix()
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = prefix;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration (ranges are checked here, not by the setters)
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public SchedulerConfig build() {
            range("workers", workers, 1, MAX_WORKERS);
            range("localQueueCapacity", localQueueCapacity, 2, 1 << 24);
            if (Integer.bitCount(localQueueCapacity) != 1) {
                throw new IllegalArgumentException("localQueueCapacity must be a power of two but was "
                        + localQueueCapacity);
            }
            range("stealBatch", stealBatch, 1, 1 << 16);
            range("spinIterations", spinIterations, 0, 1 << 20);
            range("yieldIterations", yieldIterations, 0, 1 << 20);
            range("minBatchSize", minBatchSize, 1, Integer.MAX_VALUE);
            if (failurePolicy == null) {
                throw new IllegalArgumentException("failurePolicy must not be null");
            }
            if (threadNamePrefix != null && threadNamePrefix.isBlank()) {
                throw new IllegalArgumentException("threadNamePrefix must not be blank but was '"
                        + threadNamePrefix + "'");
            }
            return new SchedulerConfig(this);
        }

        private static void range(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "] but was " + value);
            }
        }
    }
}
