package org.ecsched.scheduler.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The padding that the "Padding" sections of {@link ChaseLevDeque} and {@link Injector} describe is what the JVM
 * running the tests lays out. Field offsets are read with {@code sun.misc.Unsafe.objectFieldOffset}, reached by
 * reflection (the module jdk.unsupported opens {@code sun.misc}, so no {@code requires} is needed), and must put
 * each contended index at least 128 bytes (two cache lines, for adjacent-line prefetchers) from every other field
 * it could share a line with, with at least 128 bytes of padding fields after the last one. Failure messages show
 * the whole layout, which is also how to re-measure the offsets quoted in those comments.
 */
class PaddingLayoutTest {

    private static final long APART = 128;

    @Test
    void dequeBottomAndTopEachHaveTwoCacheLinesOfTheirOwn() throws Exception {
        Map<String, Long> layout = layout(ChaseLevDeque.class);
        assertApart(layout, "bottom", List.of("buffer", "mask", "top"));
        assertApart(layout, "top", List.of("buffer", "mask", "bottom"));
        assertPaddedAfter(layout, "top");
    }

    @Test
    void injectorPositionsEachHaveTwoCacheLinesOfTheirOwn() throws Exception {
        Map<String, Long> layout = layout(Injector.class);
        List<String> cold = layout.keySet().stream()
                .filter(name -> !name.matches("p[0-9]{2}") && !name.endsWith("Pos")).toList();
        assertThat(cold).as("cold fields of Injector in %s", layout).isNotEmpty();
        assertApart(layout, "enqueuePos", concat(cold, "dequeuePos"));
        assertApart(layout, "dequeuePos", concat(cold, "enqueuePos"));
        assertPaddedAfter(layout, "dequeuePos");
    }

    /** Every instance field of the class and its superclasses, by name, with its offset. */
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
                    Long previous = byName.put(f.getName(), (Long) offset.invoke(unsafe, f));
                    assertThat(previous).as("field name %s appears twice in %s's chain", f.getName(), type).isNull();
                }
            }
        }
        return byName;
    }

    private static List<String> concat(List<String> names, String one) {
        return Stream.concat(names.stream(), Stream.of(one)).toList();
    }

    /** {@code hot} starts at least 128 bytes from where each of {@code others} starts. */
    private static void assertApart(Map<String, Long> layout, String hot, List<String> others) {
        assertThat(layout).as("layout").containsKey(hot);
        for (String other : others) {
            assertThat(Math.abs(layout.get(hot) - layout.get(other))).as("%s to %s in %s", hot, other, layout)
                    .isGreaterThanOrEqualTo(APART);
        }
    }

    /** At least 128 bytes of padding fields (longs named pNN) lie beyond {@code last}, the highest field. */
    private static void assertPaddedAfter(Map<String, Long> layout, String last) {
        long at = layout.get(last);
        assertThat(layout.values()).as("%s is the highest non-padding field in %s", last, layout)
                .allMatch(offset -> offset <= at || paddingAt(layout, offset));
        long padding = layout.entrySet().stream()
                .filter(e -> e.getKey().matches("p[0-9]{2}") && e.getValue() > at).count() * Long.BYTES;
        assertThat(padding).as("bytes of padding after %s in %s", last, layout).isGreaterThanOrEqualTo(APART);
    }

    private static boolean paddingAt(Map<String, Long> layout, long offset) {
        return layout.entrySet().stream().anyMatch(e -> e.getValue() == offset && e.getKey().matches("p[0-9]{2}"));
    }
}
