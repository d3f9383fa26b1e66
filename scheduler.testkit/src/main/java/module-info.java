/**
 * The conformance kit of scheduler backends: what a backend author runs to know their backend is right.
 *
 * <p>{@code org.ecsched.scheduler.testkit} holds the suite
 * ({@link org.ecsched.scheduler.testkit.SchedulerBackendVerification}, extended once per backend) and its rules ({@link org.ecsched.scheduler.testkit.rules.Rule});
 * {@code ...testkit.phase} generates and instruments phases (plain Java and jqwik);
 * {@code ...testkit.oracle} holds the sequential oracle and the checks; {@code ...testkit.stress} the stress
 * harnesses. JUnit Jupiter and jqwik are part of the kit's API (its users extend a JUnit class and use jqwik
 * arbitraries), hence {@code requires transitive}.
 */
module org.ecsched.scheduler.testkit {
    requires transitive org.ecsched.scheduler.api;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;
    requires java.management; // per-thread CPU time, for the idle backend rule (oracle.ThreadCpu)

    exports org.ecsched.scheduler.testkit;
    exports org.ecsched.scheduler.testkit.oracle;
    exports org.ecsched.scheduler.testkit.phase;
    exports org.ecsched.scheduler.testkit.rules;
    exports org.ecsched.scheduler.testkit.stress;

    // JUnit instantiates the (package-private) timeout interceptor and invokes the suite's lifecycle methods.
    opens org.ecsched.scheduler.testkit to org.junit.platform.commons;
}
