package org.ecsched.scheduler.observability;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A recorder's output parsed with Jackson (a strict parser: invalid JSON fails the test here). */
final class ParsedTrace {

    /** Decimals read as BigDecimal, so that ts and dur keep every digit. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    final String text;
    final JsonNode root;

    private ParsedTrace(String text) {
        this.text = text;
        try {
            this.root = JACKSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON:\n" + text, e);
        }
    }

    static ParsedTrace of(ChromeTraceRecorder recorder) {
        StringWriter out = new StringWriter();
        try {
            recorder.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ParsedTrace(out.toString());
    }

    static ParsedTrace parse(String text) {
        return new ParsedTrace(text);
    }

    List<JsonNode> events(Predicate<JsonNode> filter) {
        List<JsonNode> list = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (filter.test(e)) {
                list.add(e);
            }
        });
        return list;
    }

    /** Complete ("X") events of a category. */
    List<JsonNode> slices(String category) {
        return events(e -> "X".equals(e.path("ph").asText()) && category.equals(e.path("cat").asText()));
    }

    /** The name a thread_name metadata event gives {@code tid}, or null. */
    String laneName(int tid) {
        for (JsonNode e : events(e -> "M".equals(e.path("ph").asText())
                && "thread_name".equals(e.path("name").asText()) && e.path("tid").asInt() == tid)) {
            return e.get("args").get("name").asText();
        }
        return null;
    }

    JsonNode otherData() {
        return root.get("otherData");
    }

    /** A ts or dur in nanoseconds (the file has microseconds with three decimals). */
    static long nanos(JsonNode micros) {
        return micros.decimalValue().movePointRight(3).longValueExact();
    }
}
