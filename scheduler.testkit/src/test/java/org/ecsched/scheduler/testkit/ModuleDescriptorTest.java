package org.ecsched.scheduler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kit's tests run on the class path (see the pom), so the module descriptor is checked here, as compiled:
 * what it requires transitively, exports and opens.
 */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() {
        ModuleReference ref = ModuleFinder.of(Path.of("target/classes")).find("org.ecsched.scheduler.testkit")
                .orElseThrow(() -> new AssertionError("target/classes holds no module org.ecsched.scheduler.testkit"));
        return ref.descriptor();
    }

    @Test
    void requiresTheApiJunitAndJqwikTransitively() {
        Set<String> transitive = descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertThat(transitive).containsExactlyInAnyOrder("org.ecsched.scheduler.api", "org.junit.jupiter.api",
                "net.jqwik.api");
    }

    @Test
    void exportsTheKitsPackagesUnqualified() {
        Set<String> exports = descriptor().exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exports).containsExactlyInAnyOrder("org.ecsched.scheduler.testkit",
                "org.ecsched.scheduler.testkit.oracle", "org.ecsched.scheduler.testkit.phase",
                "org.ecsched.scheduler.testkit.rules", "org.ecsched.scheduler.testkit.stress");
    }

    @Test
    void opensOnlyTheSuitesPackageAndOnlyToJunit() {
        Map<String, Set<String>> opens = descriptor().opens().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Opens::source, ModuleDescriptor.Opens::targets));
        assertThat(opens).containsExactly(Map.entry("org.ecsched.scheduler.testkit",
                Set.of("org.junit.platform.commons")));
    }
}
