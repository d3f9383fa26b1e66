package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The conveniences of declaring a phase: class keys printed by simple name, a warning for a key only one system
 * touches, orderings by reference, chains, and a system builder typed by its phase.
 */
class PhaseDeclarationsTest {

    record Position(float x) { }

    record Velocity(float x) { }

    record Health(int hp) { }

    /** Class keys are printed by simple name in implied orderings, explanations and descriptions. */
    @Test
    void classKeysPrintBySimpleName() {
        Phase.Builder<String> phase = Phase.named("frame");
        phase.add(phase.system("move").reads(Velocity.class).writes(Position.class).runs(ctx -> { }))
                .add(phase.system("render").reads(Position.class).runs(ctx -> { }))
                .add(phase.system("heal").writes(Health.class).runs(ctx -> { }));
        Plan<String> plan = phase.compile();

        assertThat(plan.impliedOrderings()).singleElement().asString()
                .isEqualTo("move -> render (conflict on [Position])");
        assertThat(plan.explain("move", "render")).contains("both touch [Position]");
        assertThat(SystemSpec.componentName("Pos")).isEqualTo("Pos");
    }

    /** A component only one system touches gets a warning line (a likely typo); shared ones do not. */
    @Test
    void aKeyTouchedByOneSystemIsWarnedAbout() {
        Plan<String> plan = Phase.<String>named("frame")
                .add(SystemSpec.<String>named("move").writes(Position.class).reads(Velocity.class).runs(ctx -> { }))
                .add(SystemSpec.<String>named("render").reads(Position.class, "Velocty").runs(ctx -> { }))
                .compile();

        assertThat(plan.describe())
                .contains("warning: component Velocity is touched only by 'move' (a typo in its key?)")
                .contains("warning: component Velocty is touched only by 'render'")
                .doesNotContain("component Position");
    }

    /** Orderings may name systems by reference. */
    @Test
    void orderingsByReference() {
        SystemSpec<String> input = SystemSpec.<String>named("input").runs(ctx -> { });
        SystemSpec<String> ai = SystemSpec.<String>named("ai").runsAfter(input).runs(ctx -> { });
        SystemSpec<String> early = SystemSpec.<String>named("early").runsBefore(input).runs(ctx -> { });
        Plan<String> plan = Phase.<String>named("frame").add(ai).add(input).add(early).compile();

        assertThat(plan.isOrderedBefore(plan.indexOf("input"), plan.indexOf("ai"))).isTrue();
        assertThat(plan.isOrderedBefore(plan.indexOf("early"), plan.indexOf("input"))).isTrue();
        assertThatThrownBy(() -> SystemSpec.named("x").runsAfter((SystemSpec<?>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("system 'x': runsAfter contains null");
    }

    /** chain() orders its systems one after another, with the chain named as the reason. */
    @Test
    void chainOrdersItsSystemsInTurn() {
        Phase.Builder<String> phase = Phase.named("frame");
        phase.chain(phase.system("a").runs(ctx -> { }), phase.system("b").runs(ctx -> { }),
                phase.system("c").runs(ctx -> { }));
        phase.add(phase.system("free").runs(ctx -> { }));
        Plan<String> plan = phase.compile();

        assertThat(plan.isOrderedBefore(plan.indexOf("a"), plan.indexOf("b"))).isTrue();
        assertThat(plan.isOrderedBefore(plan.indexOf("b"), plan.indexOf("c"))).isTrue();
        assertThat(plan.mayRunConcurrently("free", "c")).isTrue();
        assertThat(plan.explain("a", "c")).contains("declared: chain 'a' then 'b'");
    }

    /** A chain against a declared ordering is a cycle, reported as usual. */
    @Test
    void aChainCanCloseACycle() {
        Phase.Builder<String> phase = Phase.named("frame");
        phase.chain(phase.system("a").runs(ctx -> { }), phase.system("b").runsBefore("a").runs(ctx -> { }));
        assertThatThrownBy(phase::compile).isInstanceOf(InvalidPlanException.class).hasMessageContaining("cycle");
    }
}
