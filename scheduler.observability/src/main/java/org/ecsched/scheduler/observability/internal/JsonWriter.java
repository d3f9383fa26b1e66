package org.ecsched.scheduler.observability.internal;

import java.io.IOException;

/**
 * A minimal streaming JSON writer (RFC 8259): objects, arrays, strings, integers, booleans and fixed-point
 * decimals with three fraction digits. It places commas and colons itself; a misuse (a value where a name is due,
 * an unbalanced end) throws {@link IllegalStateException} rather than writing invalid JSON.
 *
 * <p>Strings are escaped as the RFC requires ({@code "}, {@code \}, and every control character below U+0020),
 * plus U+2028 and U+2029 (valid JSON, but line terminators in JavaScript) and unpaired surrogates (which have no
 * UTF-8 encoding and would otherwise turn into {@code ?}). Every other character is written as is, so the output
 * must be encoded as UTF-8.
 *
 * <p>Not thread-safe; one writer per output.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_DEPTH = 64;

    private final Appendable out;
    /** Per open container, from the outside in: whether it is an object, and whether it has a member yet. */
    private final boolean[] isObject = new boolean[MAX_DEPTH];
    private final boolean[] hasMember = new boolean[MAX_DEPTH];
    private int depth;
    /** In an object: a name was written and its value is due. */
    private boolean nameWritten;
    /** A complete top-level value was written; nothing may follow. */
    private boolean done;
    /** {@link #newline()} was called: break the line before the next member or closing bracket. */
    private boolean newlinePending;

    /** @param out where the JSON text goes */
    public JsonWriter(Appendable out) {
        this.out = out;
    }

    /** Opens an object. */
    public JsonWriter beginObject() throws IOException {
        beforeValue();
        out.append('{');
        push(true);
        return this;
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() throws IOException {
        pop(true);
        lineBreakIfPending();
        out.append('}');
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() throws IOException {
        beforeValue();
        out.append('[');
        push(false);
        return this;
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() throws IOException {
        pop(false);
        lineBreakIfPending();
        out.append(']');
        return this;
    }

    /** Writes a member name in the innermost object; its value must follow. */
    public JsonWriter name(String name) throws IOException {
        if (depth == 0 || !isObject[depth - 1] || nameWritten) {
            throw new IllegalStateException("a name is allowed only in an object, before each value");
        }
        comma();
        string(name);
        out.append(':');
        nameWritten = true;
        return this;
    }

    /** Writes a string value (null writes {@code null}). */
    public JsonWriter value(String value) throws IOException {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** Writes an integer value. */
    public JsonWriter value(long value) throws IOException {
        beforeValue();
        out.append(Long.toString(value));
        return this;
    }

    /** Writes a boolean value. */
    public JsonWriter value(boolean value) throws IOException {
        beforeValue();
        out.append(value ? "true" : "false");
        return this;
    }

    /**
     * Writes {@code thousandths / 1000} as a decimal with exactly three fraction digits: 1234567 gives
     * {@code 1234.567}, -5 gives {@code -0.005}. Used for microseconds given in nanoseconds, exactly.
     */
    public JsonWriter valueThousandths(long thousandths) throws IOException {
        beforeValue();
        // Work on the negated value: every long's negation fits in a non-positive long (MIN_VALUE included).
        long negated = thousandths > 0 ? -thousandths : thousandths;
        if (thousandths < 0) {
            out.append('-');
        }
        long whole = -(negated / 1000);
        int fraction = (int) -(negated % 1000);
        out.append(Long.toString(whole)).append('.')
                .append((char) ('0' + fraction / 100))
                .append((char) ('0' + fraction / 10 % 10))
                .append((char) ('0' + fraction % 10));
        return this;
    }

    /**
     * Starts the next member, or the closing bracket, on a new line (after the comma that separates members), to
     * keep long arrays readable. Whitespace only: the JSON value is unchanged.
     */
    public JsonWriter newline() {
        newlinePending = true;
        return this;
    }

    /** Writes the line break asked for by {@link #newline()}, if any. */
    private void lineBreakIfPending() throws IOException {
        if (newlinePending) {
            out.append('\n');
            newlinePending = false;
        }
    }

    /** Checks that a value may come here and writes the comma due before it. */
    private void beforeValue() throws IOException {
        if (depth == 0) {
            if (done) {
                throw new IllegalStateException("the top-level value is complete");
            }
            done = true; // a scalar or a container at top level: nothing may follow it
        } else if (isObject[depth - 1]) {
            if (!nameWritten) {
                throw new IllegalStateException("a value in an object needs a name first");
            }
            nameWritten = false; // name() already wrote the comma
        } else {
            comma();
        }
    }

    /** Writes the comma due before the innermost container's second and later members, and notes the member. */
    private void comma() throws IOException {
        if (hasMember[depth - 1]) {
            out.append(',');
        }
        lineBreakIfPending();
        hasMember[depth - 1] = true;
    }

    private void push(boolean object) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("nesting deeper than " + MAX_DEPTH);
        }
        isObject[depth] = object;
        hasMember[depth] = false;
        depth++;
    }

    private void pop(boolean object) {
        if (depth == 0 || isObject[depth - 1] != object || nameWritten) {
            throw new IllegalStateException("no open " + (object ? "object" : "array") + " to close here");
        }
        depth--;
    }

    private void string(String s) throws IOException {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i)); // a valid pair: one supplementary character
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c); // unpaired: no UTF-8 form, so escape it
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) throws IOException {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
