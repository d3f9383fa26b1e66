package org.ecsched.scheduler.testkit.phase;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The raw random choices for one system, shared by {@link RandomPhases} and {@link PhaseArbitraries}; every
 * combination of values assembles into a valid (acyclic) phase, so that jqwik may shrink each value freely.
 *
 * <p>Orderings are links to earlier-declared systems ({@code links} holds offsets: 1 is the previous system);
 * an offset past the first system is ignored. A link's direction follows {@code rank}, then declaration order:
 * the system of lower (rank, position) runs first. That order is total, so the orderings are acyclic, and with a
 * rank spread some run against declaration order.
 */
record SystemDraft(int rank, Set<Integer> reads, Set<Integer> writes, List<Integer> links, boolean ranged,
                   int entities, int minBatch, boolean supplied, int work, int commands, Fault.Kind faultKind,
                   int faultAt) {

    static PhaseModel assemble(String name, String origin, List<SystemDraft> drafts) {
        int n = drafts.size();
        List<List<String>> after = new ArrayList<>();
        List<List<String>> before = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            after.add(new ArrayList<>());
            before.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int offset : new LinkedHashSet<>(drafts.get(i).links())) {
                int j = i - offset;
                if (offset < 1 || j < 0) {
                    continue;
                }
                boolean jFirst = drafts.get(j).rank() <= drafts.get(i).rank();
                int first = jFirst ? j : i;
                int second = jFirst ? i : j;
                // Declare half of the orderings on each side, so that both runsAfter and runsBefore are used.
                if ((offset + i) % 2 == 0) {
                    addOnce(after.get(second), "s" + first);
                } else {
                    addOnce(before.get(first), "s" + second);
                }
            }
        }
        List<SystemModel> systems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SystemDraft d = drafts.get(i);
            List<String> writes = d.writes().stream().sorted().map(c -> "C" + c).toList();
            List<String> reads = d.reads().stream().sorted().filter(c -> !d.writes().contains(c)).map(c -> "C" + c)
                    .toList();
            int entities = d.ranged() ? d.entities() : -1;
            Fault fault = d.faultKind() == Fault.Kind.NONE ? Fault.NONE
                    : new Fault(d.faultKind(), d.ranged() && entities > 0 ? d.faultAt() % entities : 0);
            systems.add(new SystemModel("s" + i, entities, d.ranged() && d.supplied(), d.ranged() ? d.minBatch() : 0,
                    reads, writes, after.get(i), before.get(i), d.work(), d.commands(), fault));
        }
        return new PhaseModel(name, origin, systems);
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
