package org.ecsched.scheduler.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The project's architecture rules, written once over a root package so that {@link ArchitectureTest} applies
 * them to the real modules ({@code org.ecsched.scheduler}) and {@link RulesSelfTest} to deliberately broken
 * fixtures (which every rule must reject).
 *
 * <p>Module {@code <root>.x} owns the packages {@code <root>.x..}; a package {@code <p>.internal..} belongs to
 * the module whose packages are {@code <p>..}.
 */
final class ProjectRules {

    /** The backends, which must not know each other. */
    static final String[] BACKENDS = {"blocking", "workstealing"};

    private ProjectRules() {
    }

    private static String module(String root, String name) {
        return root + "." + name + "..";
    }

    /** The api depends on no other module of ours. */
    static ArchRule apiDependsOnNoOtherModule(String root) {
        return classes().that().resideInAPackage(module(root, "api"))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAPackage(module(root, "api"))))
                .because("the api is what every module builds on: a dependency from it to a module would make"
                        + " every user of the api depend on that module too");
    }

    /** The deque depends on nothing of ours. */
    static ArchRule dequeDependsOnNothingOfOurs(String root) {
        return classes().that().resideInAPackage(module(root, "deque"))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAPackage(module(root, "deque"))))
                .because("the Chase-Lev deque is a standalone data structure that any work-stealing runtime can"
                        + " use; it must not know the scheduler");
    }

    /** Backend {@code from} does not depend on backend {@code to}. */
    static ArchRule backendDoesNotDependOn(String root, String from, String to) {
        return noClasses().that().resideInAPackage(module(root, from))
                .should().dependOnClassesThat().resideInAPackage(module(root, to))
                .because("backends are interchangeable plug-ins found through ServiceLoader; '" + from
                        + "' must not need '" + to + "' to be present");
    }

    /** Nothing outside backend {@code backend} uses its internal packages. */
    static ArchRule nothingOutsideUsesInternalsOf(String root, String backend) {
        return noClasses().that().resideOutsideOfPackage(module(root, backend))
                .should().dependOnClassesThat().resideInAPackage(root + "." + backend + ".internal..")
                .because("'" + backend + "' is reached only through the SPI (Schedulers.create by name); its"
                        + " internals are unexported and free to change");
    }

    /** No class of ours uses the internal packages of another module (any module, present or future). */
    static ArchRule noModuleUsesAnotherModulesInternals(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(notUseInternalsOfAnotherModule())
                .because("internal packages are unexported implementation details of their module");
    }

    private static ArchCondition<JavaClass> notUseInternalsOfAnotherModule() {
        return new ArchCondition<>("not use the internal packages of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int at = (target + ".").indexOf(".internal.");
                    if (at < 0) {
                        continue;
                    }
                    String owner = target.substring(0, at);
                    String from = origin.getPackageName();
                    boolean inside = from.equals(owner) || from.startsWith(owner + ".");
                    if (!inside) {
                        events.add(SimpleConditionEvent.violated(origin, d.getDescription()
                                + " uses internals of module '" + owner + "'"));
                    }
                }
            }
        };
    }

    /** No cycles between packages. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .because("a package cycle is a module boundary in disguise: neither side can be understood,"
                        + " tested or split off alone");
    }

    /**
     * Module {@code client} uses only the api of ours (besides itself), both its packages: for the testkit,
     * which checks backends and so needs the backend-facing {@code api.backend} too.
     */
    static ArchRule usesOnlyTheApi(String root, String client) {
        return classes().that().resideInAPackage(module(root, client))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAPackage(module(root, "api")))
                        .or(resideInAPackage(module(root, client))))
                .because("'" + client + "' must work with any backend, so it may see only the api (backends are"
                        + " chosen by name at run time)");
    }

    /**
     * Module {@code client} uses, of ours, only the package users build on ({@code <root>.api}, not
     * {@code api.backend}), itself, and the exported root package of each module in {@code alsoAllowed} (not
     * their subpackages): for modules that use a backend without being one.
     */
    static ArchRule usesOnlyTheUserApi(String root, String client, String... alsoAllowed) {
        DescribedPredicate<JavaClass> allowed = resideOutsideOfPackage(root + "..")
                .or(resideInAPackage(root + ".api"))
                .or(resideInAPackage(module(root, client)));
        for (String other : alsoAllowed) {
            allowed = allowed.or(resideInAPackage(root + "." + other));
        }
        return classes().that().resideInAPackage(module(root, client))
                .should().onlyDependOnClassesThat(allowed)
                .because("'" + client + "' uses a backend without being one: it needs what users see (the api"
                        + " package), not api.backend, the bookkeeping written for backend authors, and it reaches"
                        + " backends only by name at run time");
    }

    /** A predicate kept for messages: classes of module {@code name} under {@code root}. */
    static DescribedPredicate<JavaClass> inModule(String root, String name) {
        return describe("in module '" + name + "'", c -> c.getPackageName().equals(root + "." + name)
                || c.getPackageName().startsWith(root + "." + name + "."));
    }
}
