package org.ecsched.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration: defaults, immutability, and a validation message naming the field and the value for every field. */
class SchedulerConfigTest {

    /** Each invalid value, with the exact message it must produce (field name and offending value). */
    static Stream<Arguments> invalidValues() {
        return Stream.of(
                invalid("workers 0", b -> b.workers(0), "workers must be in [1, 4096] but was 0"),
                invalid("workers -3", b -> b.workers(-3), "workers must be in [1, 4096] but was -3"),
                invalid("workers 4097", b -> b.workers(4097), "workers must be in [1, 4096] but was 4097"),
                invalid("localQueueCapacity 1", b -> b.localQueueCapacity(1),
                        "localQueueCapacity must be in [2, 16777216] but was 1"),
                invalid("localQueueCapacity 0", b -> b.localQueueCapacity(0),
                        "localQueueCapacity must be in [2, 16777216] but was 0"),
                invalid("localQueueCapacity 2^25", b -> b.localQueueCapacity(1 << 25),
                        "localQueueCapacity must be in [2, 16777216] but was 33554432"),
                invalid("localQueueCapacity 100", b -> b.localQueueCapacity(100),
                        "localQueueCapacity must be a power of two but was 100"),
                invalid("stealBatch 0", b -> b.stealBatch(0), "stealBatch must be in [1, 65536] but was 0"),
                invalid("stealBatch 65537", b -> b.stealBatch(65537),
                        "stealBatch must be in [1, 65536] but was 65537"),
                invalid("spinIterations -1", b -> b.spinIterations(-1),
                        "spinIterations must be in [0, 1048576] but was -1"),
                invalid("spinIterations 2^20+1", b -> b.spinIterations((1 << 20) + 1),
                        "spinIterations must be in [0, 1048576] but was 1048577"),
                invalid("yieldIterations -1", b -> b.yieldIterations(-1),
                        "yieldIterations must be in [0, 1048576] but was -1"),
                invalid("yieldIterations 2^20+1", b -> b.yieldIterations((1 << 20) + 1),
                        "yieldIterations must be in [0, 1048576] but was 1048577"),
                invalid("minBatchSize 0", b -> b.minBatchSize(0),
                        "minBatchSize must be in [1, 2147483647] but was 0"),
                invalid("minBatchSize -64", b -> b.minBatchSize(-64),
                        "minBatchSize must be in [1, 2147483647] but was -64"),
                invalid("failurePolicy null", b -> b.failurePolicy(null), "failurePolicy must not be null"),
                invalid("threadNamePrefix blank", b -> b.threadNamePrefix("  "),
                        "threadNamePrefix must not be blank but was '  '"),
                invalid("threadNamePrefix empty", b -> b.threadNamePrefix(""),
                        "threadNamePrefix must not be blank but was ''"));
    }

    private static Arguments invalid(String label, UnaryOperator<SchedulerConfig.Builder> set, String message) {
        return Arguments.of(label, set, message);
    }

    /** Every invalid field value is rejected on build with a message naming the field and the value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValuesAreRejectedNamingFieldAndValue(String label, UnaryOperator<SchedulerConfig.Builder> set,
                                                     String message) {
        assertThatThrownBy(() -> set.apply(SchedulerConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** The bounds themselves are accepted. */
    @Test
    void boundsAreAccepted() {
        SchedulerConfig low = SchedulerConfig.builder().workers(1).localQueueCapacity(2).stealBatch(1)
                .spinIterations(0).yieldIterations(0).minBatchSize(1).build();
        SchedulerConfig high = SchedulerConfig.builder().workers(SchedulerConfig.MAX_WORKERS)
                .localQueueCapacity(1 << 24).stealBatch(1 << 16).spinIterations(1 << 20).yieldIterations(1 << 20)
                .minBatchSize(Integer.MAX_VALUE).build();

        assertThat(low.workers()).isEqualTo(1);
        assertThat(low.localQueueCapacity()).isEqualTo(2);
        assertThat(high.workers()).isEqualTo(4096);
        assertThat(high.minBatchSize()).isEqualTo(Integer.MAX_VALUE);
    }

    /** The defaults need no tuning: one worker per available processor and the documented knob values. */
    @Test
    void defaults() {
        SchedulerConfig c = SchedulerConfig.defaults();

        assertThat(c.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.localQueueCapacity()).isEqualTo(256);
        assertThat(c.stealBatch()).isEqualTo(32);
        assertThat(c.lifoSlot()).isTrue();
        assertThat(c.spinIterations()).isEqualTo(64);
        assertThat(c.yieldIterations()).isEqualTo(8);
        assertThat(c.adaptiveSpin()).isTrue();
        assertThat(c.inlineSmallPhases()).isTrue();
        assertThat(c.minBatchSize()).isEqualTo(64);
        assertThat(c.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
        assertThat(c.listener()).isEmpty();
        assertThat(c.threadNamePrefix()).isEmpty();
    }

    /** toBuilder carries every field; a built config does not change when its builder does. */
    @Test
    void toBuilderRoundTripAndImmutability() {
        SchedulerListener listener = new SchedulerListener() { };
        SchedulerConfig.Builder b = SchedulerConfig.builder().workers(3).localQueueCapacity(64).stealBatch(7)
                .lifoSlot(false).spinIterations(5).yieldIterations(2).adaptiveSpin(false).inlineSmallPhases(false)
                .minBatchSize(9)
                .failurePolicy(FailurePolicy.CONTINUE).listener(listener).threadNamePrefix("w-");
        SchedulerConfig c = b.build();
        b.workers(1).threadNamePrefix(null).listener(null);

        SchedulerConfig copy = c.toBuilder().build();
        for (SchedulerConfig x : new SchedulerConfig[] {c, copy}) {
            assertThat(x.workers()).isEqualTo(3);
            assertThat(x.localQueueCapacity()).isEqualTo(64);
            assertThat(x.stealBatch()).isEqualTo(7);
            assertThat(x.lifoSlot()).isFalse();
            assertThat(x.spinIterations()).isEqualTo(5);
            assertThat(x.yieldIterations()).isEqualTo(2);
            assertThat(x.adaptiveSpin()).isFalse();
            assertThat(x.inlineSmallPhases()).isFalse();
            assertThat(x.minBatchSize()).isEqualTo(9);
            assertThat(x.failurePolicy()).isEqualTo(FailurePolicy.CONTINUE);
            assertThat(x.listener()).containsSame(listener);
            assertThat(x.threadNamePrefix()).contains("w-");
        }
        assertThat(c.toString()).contains("workers=3", "minBatchSize=9", "CONTINUE");
    }

    /** Null listener and prefix restore the defaults. */
    @Test
    void nullListenerAndPrefixRestoreDefaults() {
        SchedulerConfig c = SchedulerConfig.builder().listener(new SchedulerListener() { }).listener(null)
                .threadNamePrefix("x").threadNamePrefix(null).build();

        assertThat(c.listener()).isEmpty();
        assertThat(c.threadNamePrefix()).isEmpty();
    }
}
