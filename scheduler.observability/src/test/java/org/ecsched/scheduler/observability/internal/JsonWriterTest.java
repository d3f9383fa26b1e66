package org.ecsched.scheduler.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tiny JSON writer: escaping, numbers and structure, checked by parsing its output with Jackson. */
class JsonWriterTest {

    /** Decimals read as BigDecimal, so that a number's every digit is compared. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static String stringDocument(String s) throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject().name(s).value(s).endObject();
        return sb.toString();
    }

    /** A string written as a name and as a value reads back equal to itself. */
    private static void assertRoundTrips(String s) throws IOException {
        String json = stringDocument(s);
        JsonNode node = JACKSON.readTree(json);
        assertThat(node.size()).isEqualTo(1);
        assertThat(node.fieldNames().next()).isEqualTo(s);
        assertThat(node.get(s).textValue()).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "quote\"d", "back\\slash", "new\nline", "cr\rtab\t", "\b\f",
            "nul\u0000 bell\u0007 esc\u001b us\u001f", "del\u007f", "slash/", "ünïcödé ✓", "emoji 😀 𝄞",
            "line\u2028para\u2029sep", "bom\ufeff"})
    void trickyStringsRoundTrip(String s) throws IOException {
        assertRoundTrips(s);
    }

    @Test
    void unpairedSurrogatesAreEscapedAndRoundTrip() throws IOException {
        String lone = "high\ud83d end, low\ude00 end, reversed\ude00\ud83d";
        assertThat(stringDocument(lone)).contains("\\ud83d end").contains("\\ude00 end")
                .contains("\\ude00\\ud83d");
        assertRoundTrips(lone);
    }

    @Test
    void escapesAreTheShortFormsWhereJsonHasThem() throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).value("\"\\\n\r\t\b\f\u0001\u2028é😀");
        assertThat(sb).hasToString("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u2028é😀\"");
    }

    /** Every UTF-16 string, lone surrogates included, round-trips. */
    @Property(tries = 300)
    void anyStringRoundTrips(@ForAll @CharRange(from = '\u0000', to = '\uffff') String s) throws IOException {
        assertRoundTrips(s);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.000", "1, 0.001", "999, 0.999", "1000, 1.000", "1234567, 1234.567", "-5, -0.005",
            "-1000, -1.000", "-1234567, -1234.567", "9223372036854775807, 9223372036854775.807",
            "-9223372036854775808, -9223372036854775.808"})
    void thousandthsAreWrittenAsExactDecimals(long thousandths, String expected) throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).valueThousandths(thousandths);
        assertThat(sb).hasToString(expected);
        assertThat(JACKSON.readTree(sb.toString()).decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal(thousandths).movePointLeft(3));
    }

    @Test
    void nestedContainersGetCommasAndColons() throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .name("a").beginArray().value(1).value(true).value((String) null).beginObject().endObject()
                .beginArray().endArray().endArray()
                .name("b").value(-7)
                .name("c").beginObject().name("d").value("e").endObject()
                .newline().endObject();
        assertThat(sb).hasToString("{\"a\":[1,true,null,{},[]],\"b\":-7,\"c\":{\"d\":\"e\"}\n}");
        assertThat(JACKSON.readTree(sb.toString()).get("c").get("d").textValue()).isEqualTo("e");
    }

    @Test
    void misuseThrowsInsteadOfWritingInvalidJson() throws IOException {
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().value(1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginArray().name("x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginArray().endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().name("x").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).value(1).value(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).endArray())
                .isInstanceOf(IllegalStateException.class);
    }
}
