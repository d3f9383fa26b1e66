package org.ecsched.scheduler.testkit.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every rule the conformance kit checks, in one place: number, kind, the sentence a backend must satisfy, when
 * an optional rule is skipped, and what to look at when it fails.
 *
 * <p>Each rule is checked by the test method of {@link org.ecsched.scheduler.testkit.SchedulerBackendVerification}
 * named {@link #methodName()}, for example {@code required_2_02_conflictingSystemsNeverOverlap}; a failure
 * message starts with the rule's {@link #label()}. The kit's own tests check that the rules and the test methods
 * match one to one, and that the testkit README's table is {@link #markdownTable()}.
 */
public enum Rule {

    // 1. Tasks and ranges
    /** Rule 1.01, required. */
    EVERY_SYSTEM_RUNS_EXACTLY_ONCE(RuleKind.REQUIRED, "1.01",
            "A system that runs once has its body called exactly once in a phase where it is COMPLETED, and never"
                    + " more than once in any phase.",
            null, "a task lost or run twice when a queue overflows or is stolen from",
            "a system reported ready twice", "a COMPLETED outcome for a system whose task never ran"),
    /** Rule 1.02, required. */
    ENTITY_RANGES_COVER_EXACTLY_ONCE(RuleKind.REQUIRED, "1.02",
            "The ranges an entity-parallel system is called on are disjoint, lie within [0, n), and cover [0, n)"
                    + " exactly once when the system is COMPLETED (and under CONTINUE also when it FAILED).",
            null, "off-by-one range cutting", "both halves of a split range running the middle",
            "a range lost or duplicated by a steal"),
    /** Rule 1.03, required. */
    RANGES_RESPECT_MINIMUM_BATCH(RuleKind.REQUIRED, "1.03",
            "No range is shorter than the system's minimum batch (its own, else SchedulerConfig.minBatchSize()),"
                    + " except the range that ends at n.",
            null, "splitting that ignores PhaseRun.minBatchSize(system)", "adaptive splitting below the minimum"),
    /** Rule 1.04, required. */
    EMPTY_PHASES_COMPLETE(RuleKind.REQUIRED, "1.04",
            "A plan without systems, and a system over zero entities, complete: the zero-entity system is"
                    + " COMPLETED, releases its successors, and its body is never called on a non-empty range.",
            null, "waiting for a range task that is never made", "dividing by the entity count"),
    /** Rule 1.05, required. */
    ENTITY_COUNT_READ_EVERY_PHASE(RuleKind.REQUIRED, "1.05",
            "An entity count given as a supplier is read in every phase (when the system becomes ready, see 1.08)"
                    + " and the ranges follow it; a"
                    + " negative count, or a supplier that throws, fails only that system in only that phase.",
            null, "caching PhaseRun.entityCount across phases", "a count failure that hangs or kills the phase"),
    /** Rule 1.06, required. */
    CONTEXT_DESCRIBES_THE_TASK(RuleKind.REQUIRED, "1.06",
            "The SystemContext handed to a body names the task's system and range, reports a worker count in"
                    + " [1, workers] and a worker index in [0, workerCount()), and no worker index is used by two"
                    + " threads at the same time.",
            null, "two threads sharing a worker index (PhaseRun's per-worker command logs then corrupt)",
            "the calling thread taking part with an index already owned by a pool thread"),
    /** Rule 1.07, required. */
    EXECUTE_RETURNS_AFTER_EVERY_TASK(RuleKind.REQUIRED, "1.07",
            "execute returns only after every task of the phase finished: no body is running when it returns.",
            null, "signalling completion when the last task starts rather than when it ends",
            "a missed count-down on a skipped task"),
    /** Rule 1.08, required. */
    ENTITY_COUNT_READ_WHEN_READY(RuleKind.REQUIRED, "1.08",
            "A supplied entity count is read once per phase, when the system becomes ready: after its predecessors'"
                    + " bodies, on the thread that ran its last predecessor's last task (on the thread calling"
                    + " execute for a system without predecessors), so a count made by a predecessor in the same"
                    + " phase gives exactly that many entities; a system skipped after a failed predecessor has no"
                    + " count read, and a count that fails there fails only its system.",
            null, "reading every count at the start of the phase (PhaseRun reads them when ready)",
            "reading a count twice (once to plan, once to cut ranges)",
            "a successor released by another thread than the one that finished its predecessor"),
    /** Rule 1.09, required. */
    SPARSE_SETS_RUN_OVER_THEIR_IDS(RuleKind.REQUIRED, "1.09",
            "A system over a sparse EntitySet has its set read once per phase, when it becomes ready; every range"
                    + " gets that set and a range of positions (the context's rangeStart/rangeEnd, its entitySet()"
                    + " the same set); the ranges cover [0, size) exactly once, none below the minimum batch but"
                    + " the last; the commands come in id order; a failing range's SystemFailure names the ids at"
                    + " its first and last position.",
            null, "reading the set again per range (through SystemSpec.rangeBody(), the adapter for code that"
                    + " knows no sparse set) instead of once",
            "splitting ids instead of positions", "a failure reported with positions but no ids"),
    /** Rule 1.10, required. */
    BEGIN_AND_END_BRACKET_THE_RANGES(RuleKind.REQUIRED, "1.10",
            "An entity-parallel system's begin body runs once before any of its ranges and its end body once after"
                    + " all of them returned (what begin wrote is seen by the ranges, what the ranges wrote by end),"
                    + " with the system's access; a begin that throws fails the system with no range and no end run,"
                    + " a failed range means no end; the commands are begin's, the ranges', then end's.",
            null, "running end when the last range starts, or the range ending at n ends, instead of the last range",
            "running begin inside the first range task while other ranges start",
            "merging begin's and end's commands by range start 0 (PhaseRun merges them under -1 and MAX_VALUE)"),
    /** Rule 1.11, required. */
    RUN_CONDITIONS_DECIDE_WHEN_READY(RuleKind.REQUIRED, "1.11",
            "A run condition is asked once per phase, when its system becomes ready (after its predecessors, on the"
                    + " thread that ran the last of them, the calling thread for a root); a false one means no task"
                    + " and no body: the system is DISABLED, delivers nothing, the phase still succeeds and its"
                    + " successors run after its predecessors; a condition that throws fails the system.",
            null, "asking every condition at the start of the phase",
            "running a task for a disabled system (or reporting it COMPLETED)",
            "poisoning the successors of a disabled system as if it had failed"),
    /** Rule 1.12, required. */
    EXCLUSIVE_SYSTEMS_RUN_ALONE_ON_THE_CALLER(RuleKind.REQUIRED, "1.12",
            "An exclusive system runs on the thread that called execute, while no other body of its phase runs"
                    + " (before it: every system declared before it; after it: every one declared after), all its"
                    + " entities in that one place; its commands keep their plan order.",
            null, "running it on a pool thread like any other system (AbstractSchedulerBackend runs it on the"
                    + " caller when PhaseRun.exclusivePending() says so; a backend of its own must too)",
            "a drive that does not return when the run pauses for it (ReadyHandler.phaseFinished)"),
    /** Rule 1.13, required. */
    BEFORE_EACH_RUN_HOOKS_RUN_FIRST(RuleKind.REQUIRED, "1.13",
            "A phase's before-each-run hooks run once per execute, in order, on the calling thread, before any body"
                    + " or entity-count supplier of the phase (what they write is seen by the bodies); a hook that"
                    + " throws makes execute throw it with no body run, and the next execute works.",
            null, "not calling Plan.runBeforeEachRun() (AbstractSchedulerBackend does, first thing after its guard)",
            "running the hooks in a task, on another thread, or after the roots were handed out"),
    /** Rule 1.14, required. */
    EXCLUSIVE_SYSTEMS_DRAIN_THE_COMMANDS_BEFORE_THEM(RuleKind.REQUIRED, "1.14",
            "An exclusive system's SystemContext.drainCommands hands its sink, on the calling thread, every command"
                    + " of the completed systems before it in the phase, in the result's order (plan position, range"
                    + " start, recording order), once: none of them is delivered again, by a later drain or in the"
                    + " result, which keeps the exclusive system's own commands and those after it; called from a"
                    + " body that is not exclusive, it throws IllegalStateException.",
            null, "a context of its own whose drainCommands hands over nothing (the commands arrive late, in the"
                    + " result) or does not remove what it handed over (they arrive twice); PhaseRun's contexts drain",
            "a drain that merges in completion or worker order instead of the result's order"),

    // 2. Ordering and isolation
    /** Rule 2.01, required. */
    ORDERINGS_HOLD(RuleKind.REQUIRED, "2.01",
            "When the plan orders system a before system b (runsBefore/runsAfter, transitively, or implied by a"
                    + " conflict), every task of a finishes before any task of b starts.",
            null, "releasing successors when a system's first range ends instead of its last",
            "a ready queue that ignores predecessor counts", "a race in the predecessor count-down"),
    /** Rule 2.02, required. */
    CONFLICTING_SYSTEMS_NEVER_OVERLAP(RuleKind.REQUIRED, "2.02",
            "Two systems of which one writes a component the other reads or writes never run at the same time"
                    + " (seen by component guards inside the bodies, not by timing).",
            null, "running systems without waiting for Plan's edges",
            "handing every system of a phase to the pool at once, before their predecessors end"),
    /** Rule 2.03, required. */
    HAPPENS_BEFORE_ALONG_ORDERINGS(RuleKind.REQUIRED, "2.03",
            "Plain (non-volatile) fields are enough along the plan: what the caller wrote before execute is seen by"
                    + " every body, what a system's bodies wrote is seen by the bodies of every system ordered after"
                    + " it, and what every body wrote is seen by the caller when execute returns; checked over"
                    + " hundreds of phases for every worker count of rule 3.03.",
            null, "a body still running (or not yet run) when execute returns: completion signalled when a task is"
                    + " handed out or started, not when it ends",
            "a task handed to another thread through a plain field or a queue that is not thread-safe",
            "successors released before the last range of their predecessor ended"),

    // 3. Commands
    /** Rule 3.01, required. */
    COMMANDS_IN_DETERMINISTIC_ORDER(RuleKind.REQUIRED, "3.01",
            "The delivered commands are exactly those of the COMPLETED systems, ordered by system position in the"
                    + " plan, then range start, then recording order: equal to the sequential oracle's.",
            null, "merging per-worker buffers in worker order or completion order",
            "delivering commands of FAILED or SKIPPED systems", "dropping commands when a buffer is full"),
    /** Rule 3.02, required. */
    COMMANDS_SAME_OVER_REPEATED_RUNS(RuleKind.REQUIRED, "3.02",
            "Executing the same plan again and again (100 times by default) delivers the oracle's commands every"
                    + " time.",
            null, "per-plan state (buffers, counters) not reset between phases", "stale commands of the last run"),
    /** Rule 3.03, required. */
    COMMANDS_SAME_FOR_EVERY_WORKER_COUNT(RuleKind.REQUIRED, "3.03",
            "The delivered commands equal the oracle's for every worker count (1, 2, 3, 4, 8 by default).",
            null, "an order that depends on which worker ran or stole a task"),
    /** Rule 3.04, required. */
    NO_COMMAND_DROPPED(RuleKind.REQUIRED, "3.04",
            "A task may record any number of commands (tens of thousands): none is dropped or duplicated.",
            null, "a fixed-size command buffer that silently drops what does not fit"),
    /** Rule 3.05, required. */
    RESULT_VALID_UNTIL_SAME_PLAN_RUNS_AGAIN(RuleKind.REQUIRED, "3.05",
            "A result stays valid, outcomes and commands unchanged, while other plans execute; only executing the"
                    + " same plan again may reuse it.",
            null, "one result object shared by all plans of a backend"),
    /** Rule 3.06, required. */
    STALE_RESULT_THROWS(RuleKind.REQUIRED, "3.06",
            "A result used after its plan was executed again on the same backend throws IllegalStateException"
                    + " (its command and failure lists too) instead of showing the newer phase; a copy taken"
                    + " before stays as it was.",
            null, "a reused result object without a generation check (PhaseRun's results have one)",
            "a result view that forwards to the plan's latest result"),

    // 4. Failures
    /** Rule 4.01, required. */
    FAIL_FAST_STOPS_NEW_TASKS(RuleKind.REQUIRED, "4.01",
            "Under FAIL_FAST a throwing system is FAILED with its failure (system, range, throwable) reported, no"
                    + " system ordered after it starts, every system that did not complete is SKIPPED or FAILED,"
                    + " and only the COMPLETED systems' commands are delivered.",
            null, "a phase that hangs when a body throws (its task never counted down)",
            "successors released after a failure", "the throwable lost or wrapped"),
    /** Rule 4.02, required. */
    CONTINUE_SKIPS_ONLY_DEPENDENTS(RuleKind.REQUIRED, "4.02",
            "Under CONTINUE a throwing system is FAILED, every system ordered after it is SKIPPED without running,"
                    + " and every other system runs, is COMPLETED and delivers its commands.",
            null, "the failure policy ignored (FAIL_FAST always)", "poison not passed on transitively"),
    /** Rule 4.03, required. */
    ERRORS_ARE_FAILURES_TOO(RuleKind.REQUIRED, "4.03",
            "An Error (and a checked exception) thrown by a body is caught and reported like a RuntimeException"
                    + " under both policies, and no worker thread dies of it.",
            null, "catch (Exception e) where catch (Throwable t) is needed", "a worker loop that dies on Error"),
    /** Rule 4.04, required. */
    RANGE_FAILURE_FAILS_THE_SYSTEM(RuleKind.REQUIRED, "4.04",
            "When one range of an entity-parallel system throws, the system is FAILED, the failure names a range"
                    + " containing the throwing entity, and none of the system's commands, from any range, is"
                    + " delivered.",
            null, "commands of the other ranges delivered", "the failure recorded with the wrong range"),
    /** Rule 4.05, required. */
    REUSABLE_AFTER_FAILURES(RuleKind.REQUIRED, "4.05",
            "After phases that failed (exceptions and errors, both policies), the backend executes the next phases"
                    + " correctly.",
            null, "state of the failed phase left behind (a stop flag, a counter)", "a worker lost to a failure"),

    // 5. Lifecycle and misuse
    /** Rule 5.01, required. */
    CLOSE_LEAVES_NO_THREAD(RuleKind.REQUIRED, "5.01",
            "After close() returns, no thread the backend started is alive.",
            null, "threads signalled but not joined (even one that ends a moment after close returns)",
            "a helper thread (timer, monitor) forgotten by close"),
    /** Rule 5.02, required. */
    CLOSE_IS_IDEMPOTENT(RuleKind.REQUIRED, "5.02",
            "Calling close() again returns at once without throwing.",
            null, "joining or signalling twice", "an exception on the second close"),
    /** Rule 5.03, required. */
    EXECUTE_AFTER_CLOSE_REJECTED(RuleKind.REQUIRED, "5.03",
            "execute on a closed backend throws IllegalStateException whose message says it is closed.",
            null, "no closed check before queueing work to stopped threads (the caller then waits forever)"),
    /** Rule 5.04, required. */
    CONCURRENT_EXECUTE_REJECTED(RuleKind.REQUIRED, "5.04",
            "execute while another thread's phase runs throws IllegalStateException at once, saying \"concurrent\";"
                    + " the running phase is unaffected.",
            null, "no ExecutionGuard (or equivalent) around execute", "the guard released too early"),
    /** Rule 5.05, required. */
    REENTRANT_EXECUTE_REJECTED(RuleKind.REQUIRED, "5.05",
            "execute called from inside a running system throws IllegalStateException at once, saying"
                    + " \"re-entrant\"; the outer phase completes.",
            null, "ExecutionGuard.enter(false) called from a worker thread", "a nested execute that deadlocks"),
    /** Rule 5.06, required. */
    INTERRUPT_KEEPS_FLAG_AND_COMPLETES(RuleKind.REQUIRED, "5.06",
            "If the calling thread is interrupted during a phase, the phase completes normally and the interrupt"
                    + " flag is set when execute returns.",
            null, "returning early from the wait on InterruptedException", "swallowing the interrupt"),
    /** Rule 5.07, required. */
    CLOSE_WAITS_FOR_RUNNING_PHASE(RuleKind.REQUIRED, "5.07",
            "close() called while another thread's phase runs returns only after that phase completed, and the"
                    + " phase completes normally.",
            null, "stopping workers under a running phase", "close not waiting for the execution guard"),
    /** Rule 5.08, required. */
    CLOSE_FROM_INSIDE_FAILS_FAST(RuleKind.REQUIRED, "5.08",
            "close() called from inside a running system throws IllegalStateException at once, its message"
                    + " mentioning close, also while another thread is already closing the backend (waiting for that"
                    + " phase): the phase completes, the other close() returns after it, and a backend nobody else"
                    + " closes stays usable.",
            null, "close() synchronized, or holding any lock while it waits for the phase: a system's close()"
                    + " blocks on that lock before it can be rejected, and the phase never ends (a deadlock)",
            "the from-inside check made after waiting instead of first (ExecutionGuard.close checks first)",
            "the calling thread, running a system as a worker, not recognised as inside its own phase"),
    /** Rule 5.09, required. */
    BODY_INTERRUPT_STAYS_IN_BODY(RuleKind.REQUIRED, "5.09",
            "When a body sets its own thread's interrupt flag and returns, the flag goes no further: no other"
                    + " body, in that phase or a later one, starts on a thread whose interrupt flag is set.",
            null, "a pool thread that does not clear its interrupt flag (Thread.interrupted()) after a task",
            "the calling thread's flag, set by a body it ran, not cleared before its next task (remember it and"
                    + " restore it when execute returns)",
            "a worker whose flag stays set also spins, since LockSupport.park returns at once (rule 5.10)"),
    /** Rule 5.10, required. */
    IDLE_BACKEND_USES_NO_CPU(RuleKind.REQUIRED, "5.10",
            "The threads a backend started use less than 1% of one core while it is idle, measured as their CPU"
                    + " time over a 1 s window (in at least one of five consecutive windows), right after creation"
                    + " and again after a burst of short phases (some of whose bodies interrupt themselves); where"
                    + " the JVM measures thread CPU time.",
            null, "idle workers that spin or yield instead of parking, or spin too long before parking",
            "a worker whose interrupt flag stays set: LockSupport.park returns at once, so its park loop spins",
            "a short timed park or poll in an idle loop (periodic wake-ups)", "a helper thread that polls"),

    // 6. Capabilities
    /** Rule 6.01, optional. */
    STATS_AGREE_WITH_WHAT_RAN(RuleKind.OPTIONAL, "6.01",
            "PhaseResult.tasksExecuted() counts the bodies that ran; BackendStats.tasksExecuted() grows by as much,"
                    + " phases() by one per execute, and commandsRecorded() by the commands the bodies recorded.",
            "countsTasks() is false", "counting skipped tasks", "counters updated after the phase is signalled done"),
    /** Rule 6.02, optional. */
    LISTENER_EVENTS_BALANCED(RuleKind.OPTIONAL, "6.02",
            "A configured listener gets phaseStarted and phaseFinished once per execute, numbered 1, 2, 3, ...;"
                    + " every taskStarted has a taskFinished on the same worker between them; their number equals"
                    + " tasksExecuted and the failed flags equal the failures.",
            "supportsListener() is false", "phase events not sent by the backend (PhaseRun sends only task events)",
            "phaseFinished sent before the last task finished"),
    /** Rule 6.03, optional. */
    INDEPENDENT_SYSTEMS_RUN_IN_PARALLEL(RuleKind.OPTIONAL, "6.03",
            "With two or more workers, two systems that neither conflict nor are ordered run at the same time (each"
                    + " waits for the other at a barrier).",
            "runsSystemsInParallel() is false, or the configuration has one worker",
            "a worker that never wakes up (a missed signal)", "everything queued to one worker"),
    /** Rule 6.04, optional. */
    SPLITS_LARGE_SYSTEMS(RuleKind.OPTIONAL, "6.04",
            "A system of many entities with a minimum batch of 1 is cut into more than one range.",
            "splitsEntityRanges() is false", "PhaseRun.isSplittable(system) ignored"),
    /** Rule 6.05, optional. */
    STEALS_ON_IMBALANCED_PHASE(RuleKind.OPTIONAL, "6.05",
            "With two or more workers, phases with a large entity-parallel system make BackendStats.tasksStolen()"
                    + " grow, and the steal counters agree (successes <= attempts, stolen >= successes).",
            "supportsStealing() is false, or the configuration has one worker",
            "idle workers parking without trying to steal", "steal counters not updated"),
    /** Rule 6.06, optional. */
    THROWING_LISTENER_LOSES_ONLY_EVENTS(RuleKind.OPTIONAL, "6.06",
            "A listener that throws from every callback loses its events, nothing else: phases (including ones with"
                    + " throwing systems) still pass every check of rules 1 to 4, and close() leaves no thread.",
            "supportsListener() is false", "listener calls outside a try (wrap it: api.backend.GuardedListener)",
            "a worker thread killed by a listener, so its tasks never finish"),

    // 7. Random phases and stress
    /** Rule 7.01, stochastic. */
    RANDOM_PHASES_MATCH_ORACLE(RuleKind.STOCHASTIC, "7.01",
            "Random phases of every preset shape pass every check of rules 1 to 4, under both policies.",
            null, "the first finding printed; replay its phase with the printed seed"),
    /** Rule 7.02, stochastic. */
    RANDOM_FAULTY_PHASES_MATCH_ORACLE(RuleKind.STOCHASTIC, "7.02",
            "Random phases with throwing systems (exceptions and errors) pass every check, under both policies.",
            null, "the first finding printed; replay its phase with the printed seed"),
    /** Rule 7.03, stochastic. */
    STEAL_STORM(RuleKind.STOCHASTIC, "7.03",
            "Stress: phases of many tiny tasks, all workers hungry, pass every check for the whole run.",
            null, "lost or doubled tasks under steal contention", "missed wake-ups (a phase that stalls)"),
    /** Rule 7.04, stochastic. */
    SHORT_PHASES_BACK_TO_BACK(RuleKind.STOCHASTIC, "7.04",
            "Stress: many short phases of a few plans back to back pass every check for the whole run.",
            null, "state carried from one phase to the next", "a wake-up lost between phases"),
    /** Rule 7.05, stochastic. */
    LONG_UNEVEN_PHASES(RuleKind.STOCHASTIC, "7.05",
            "Stress: phases with one long system beside short ones pass every check for the whole run.",
            null, "idle workers that never pick up the long system's ranges"),
    /** Rule 7.06, stochastic. */
    OVERSUBSCRIPTION(RuleKind.STOCHASTIC, "7.06",
            "Stress: far more workers than cores (32 or more) pass every check for the whole run.",
            null, "spinning that starves the thread holding the work", "preemption inside a critical section"),
    /** Rule 7.07, stochastic. */
    FAULT_INJECTION(RuleKind.STOCHASTIC, "7.07",
            "Stress: random phases where systems throw, under alternating policies, pass every check for the whole"
                    + " run, and clean phases in between succeed.",
            null, "state of a failed phase leaking into the next", "a worker lost to an Error");

    private final RuleKind kind;
    private final String number;
    private final String statement;
    private final String skippedWhen;
    private final String[] causes;

    Rule(RuleKind kind, String number, String statement, String skippedWhen, String... causes) {
        this.kind = kind;
        this.number = number;
        this.statement = statement;
        this.skippedWhen = skippedWhen;
        this.causes = causes;
    }

    /** {@return the kind: required, optional or stochastic} */
    public RuleKind kind() {
        return kind;
    }

    /** {@return the rule's number, for example {@code 2.02}: group, then rule} */
    public String number() {
        return number;
    }

    /** {@return what a backend must do} */
    public String statement() {
        return statement;
    }

    /** {@return when an optional rule is skipped (the capability hook and its value), if it can be} */
    public Optional<String> skippedWhen() {
        return Optional.ofNullable(skippedWhen);
    }

    /** {@return the likely causes when the rule fails} */
    public List<String> causes() {
        return List.of(causes);
    }

    /** {@return the rule's name in lower camel case, for example {@code conflictingSystemsNeverOverlap}} */
    public String camelName() {
        StringBuilder sb = new StringBuilder();
        for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
            sb.append(sb.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return sb.toString();
    }

    /**
     * {@return the name of the verification method checking this rule} For example
     * {@code required_2_02_conflictingSystemsNeverOverlap}.
     */
    public String methodName() {
        return kind.prefix() + "_" + number.replace('.', '_') + "_" + camelName();
    }

    /** {@return the number and name, for messages: {@code 2.02 conflictingSystemsNeverOverlap}} */
    public String label() {
        return number + " " + camelName();
    }

    /** {@return the statement with the checklist, as printed under a failure} */
    public String explain() {
        return "rule " + label() + ": " + statement + "\nif this fails, check: " + String.join("; ", causes);
    }

    /**
     * The rule a verification method checks.
     *
     * @param methodName the method's name
     * @return the rule, if the method is a rule's
     */
    public static Optional<Rule> forMethod(String methodName) {
        return Arrays.stream(values()).filter(r -> r.methodName().equals(methodName)).findFirst();
    }

    /** {@return the rules table of the testkit's README, in Markdown} */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| rule | test method | what a backend must do | skipped when |\n")
                .append("| --- | --- | --- | --- |\n");
        for (Rule r : values()) {
            sb.append("| ").append(r.number).append(" | `").append(r.methodName()).append("` | ")
                    .append(r.statement.replace("|", "\\|")).append(" | ")
                    .append(r.skippedWhen == null ? "never" : r.skippedWhen).append(" |\n");
        }
        return sb.toString();
    }
}
