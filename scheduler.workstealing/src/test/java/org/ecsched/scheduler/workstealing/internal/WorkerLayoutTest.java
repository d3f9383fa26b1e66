package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No false sharing between owner-hot and shared fields: the field offsets of the padded classes, read with
 * {@code sun.misc.Unsafe.objectFieldOffset} (through reflection, as jdk.unsupported opens it), put every field that
 * other threads write or read on its own cache lines, at least 128 bytes (two lines, for adjacent-line prefetchers)
 * from every field the owner writes. Every assertion's description holds the measured layout, so that a failure
 * shows the numbers to check the class comments against on the JVM at hand. (This test found that JDK 17 put the
 * caller's hunger flag into the gap after the object header, ahead of padding made of longs; the padding is made
 * of bytes since.)
 */
class WorkerLayoutTest {

    private static final long APART = 128;

    @Test
    void sleeperStateIsTwoLinesFromTheOwnersIdleFields() throws Exception {
        Map<String, Long> layout = layout(Sleeper.class);
        assertApart(layout, List.of("state", "wakeRequestedAt", "thread", "index"),
                List.of("searching", "idleSteps", "idleSince", "wakeLatencyNanos", "stealSuccessRate"));
        assertPaddedBefore(layout, List.of("state", "wakeRequestedAt", "thread", "index"));
    }

    @Test
    void workerDequeIsTwoLinesFromTheOwnersHotFields() throws Exception {
        Map<String, Long> layout = layout(Worker.class);
        assertApart(layout, List.of("deque", "index", "sleeper", "backend"),
                List.of("lifo", "lifoRuns", "random", "backoff", "callerInterrupted", "busy", "busySince"));
    }

    @Test
    void callersHungerFlagIsOnLinesOfItsOwn() throws Exception {
        Map<String, Long> layout = layout(CallerState.class);
        assertPaddedBefore(layout, List.of("hungry"));
        assertPaddedAfter(layout, List.of("hungry"));
        Map<String, Long> counts = layout(Idle.Counts.class);
        assertPaddedBefore(counts, List.of("value"));
        assertPaddedAfter(counts, List.of("value"));
    }

    /** Every field of the class and its superclasses, by offset. */
    private static Map<String, Long> layout(Class<?> type) throws Exception {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        Method offset = unsafeClass.getMethod("objectFieldOffset", Field.class);
        Map<String, Long> byName = new TreeMap<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    byName.put(f.getName(), (Long) offset.invoke(unsafe, f));
                }
            }
        }
        return byName;
    }

    private static void assertApart(Map<String, Long> layout, List<String> shared, List<String> owner) {
        for (String s : shared) {
            for (String o : owner) {
                assertThat(Math.abs(layout.get(s) - layout.get(o))).as("%s to %s in %s", s, o, layout)
                        .isGreaterThanOrEqualTo(APART);
            }
        }
    }

    /** At least 128 bytes of padding fields below the lowest of {@code fields} (the object header side). */
    private static void assertPaddedBefore(Map<String, Long> layout, List<String> fields) {
        long lowest = fields.stream().mapToLong(layout::get).min().orElseThrow();
        assertThat(paddingBetween(layout, 0, lowest)).as("padding before %s in %s", fields, layout)
                .isGreaterThanOrEqualTo(APART);
    }

    /** At least 128 bytes of padding fields above the highest of {@code fields}. */
    private static void assertPaddedAfter(Map<String, Long> layout, List<String> fields) {
        long highest = fields.stream().mapToLong(layout::get).max().orElseThrow();
        assertThat(paddingBetween(layout, highest + 1, Long.MAX_VALUE)).as("padding after %s in %s", fields, layout)
                .isGreaterThanOrEqualTo(APART);
    }

    private static long paddingBetween(Map<String, Long> layout, long from, long to) {
        List<Long> pads = new ArrayList<>();
        layout.forEach((name, at) -> {
            if (name.matches("[abc][0-9]{3}") && at >= from && at < to) {
                pads.add(at);
            }
        });
        return pads.size(); // one byte each
    }
}
