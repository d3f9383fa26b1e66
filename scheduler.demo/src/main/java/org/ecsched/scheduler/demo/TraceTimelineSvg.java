package org.ecsched.scheduler.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws a Chrome trace, as {@code ChromeTraceRecorder} writes it, as a static SVG timeline (a picture for a README,
 * where no trace viewer runs): one lane per worker labelled with its thread name; a rectangle per task, coloured by
 * system, with a legend; a thin grey bar per park; a steal as a triangle on the thief's lane with a line from the
 * victim's lane (from above for the shared injector); each phase's start (solid) and end (dashed) as thin vertical
 * lines named after the phase; a time axis in microseconds from the trace's first event.
 *
 * <p>Slices of category "phase" become the vertical lines and their lane is not drawn; every other lane is a worker
 * lane. The picture depends only on the file: colours follow the sorted system names, numbers are formatted in
 * {@link Locale#ROOT}, lines end with a line feed on every platform. A window {@code [fromMicros, toMicros)} keeps
 * only the events that begin inside it (for a trace too long to read at one width).
 */
final class TraceTimelineSvg {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Tableau 10 without its grey (kept for parks), then lighter tints: one colour for each of the demo's thirteen
     * systems (more systems reuse colours in order).
     */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#a0cbe8", "#ffbe7d", "#8cd17d", "#d4a6c8"};
    private static final String PARK_COLOUR = "#bab0ac";
    private static final int WIDTH = 1200, LEFT = 90, RIGHT = 20, TOP = 52, LANE = 26, GAP = 8;

    private record Slice(int tid, String name, double ts, double dur, boolean failed) {
        double end() {
            return ts + dur;
        }
    }

    private record Steal(int thief, int victim, int count, double ts) {
    }

    private TraceTimelineSvg() {
    }

    /** Reads the trace file and writes the timeline of all of it to {@code svg} (UTF-8), replacing the file. */
    static void write(Path traceJson, Path svg) throws IOException {
        write(traceJson, svg, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Reads the trace file and writes the timeline of the events beginning in {@code [fromMicros, toMicros)}. */
    static void write(Path traceJson, Path svg, double fromMicros, double toMicros) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(traceJson)) {
            root = JSON.readTree(in);
        }
        Files.writeString(svg, render(root, fromMicros, toMicros), StandardCharsets.UTF_8);
    }

    /** The SVG document for the events of a parsed trace that begin in {@code [fromMicros, toMicros)}. */
    static String render(JsonNode trace, double fromMicros, double toMicros) {
        Map<Integer, String> threadNames = new TreeMap<>();
        Set<Integer> phaseTids = new HashSet<>();
        List<Slice> tasks = new ArrayList<>();
        List<Slice> parks = new ArrayList<>();
        List<Slice> phases = new ArrayList<>();
        List<Steal> steals = new ArrayList<>();
        for (JsonNode e : trace.path("traceEvents")) {
            String ph = e.path("ph").asText();
            String cat = e.path("cat").asText();
            int tid = e.path("tid").asInt();
            double ts = e.path("ts").asDouble();
            if (ph.equals("M") && e.path("name").asText().equals("thread_name")) {
                threadNames.put(tid, e.path("args").path("name").asText("tid " + tid));
            } else if (ph.equals("X") && cat.equals("phase")) {
                phaseTids.add(tid); // even when outside the window: the phases lane is never a worker lane
            }
            if (ts < fromMicros || ts >= toMicros || !(ph.equals("X") || ph.equals("i"))) {
                continue;
            }
            if (ph.equals("i")) {
                steals.add(new Steal(tid, e.path("args").path("victim").asInt(-1), e.path("args").path("count").asInt(),
                        ts));
                continue;
            }
            Slice s = new Slice(tid, e.path("name").asText(), ts, e.path("dur").asDouble(),
                    e.path("args").path("failed").asBoolean());
            (cat.equals("phase") ? phases : cat.equals("park") ? parks : tasks).add(s);
        }

        TreeSet<Integer> laneTids = new TreeSet<>(threadNames.keySet());
        tasks.forEach(s -> laneTids.add(s.tid()));
        parks.forEach(s -> laneTids.add(s.tid()));
        steals.forEach(s -> laneTids.add(s.thief()));
        laneTids.removeAll(phaseTids);
        List<Integer> lanes = new ArrayList<>(laneTids);
        phases.sort(Comparator.comparingDouble(Slice::ts)); // labels alternate between two rows in time order
        TreeSet<String> systems = new TreeSet<>();
        tasks.forEach(s -> systems.add(s.name()));
        List<String> systemOrder = new ArrayList<>(systems);

        double t0 = Double.POSITIVE_INFINITY, t1 = Double.NEGATIVE_INFINITY;
        for (List<Slice> list : List.of(tasks, parks, phases)) {
            for (Slice s : list) {
                t0 = Math.min(t0, s.ts());
                t1 = Math.max(t1, s.end());
            }
        }
        for (Steal s : steals) {
            t0 = Math.min(t0, s.ts());
            t1 = Math.max(t1, s.ts());
        }
        if (t0 > t1) { // nothing in the window
            t0 = 0;
            t1 = 1;
        }
        double origin = t0, span = Math.max(t1 - t0, 1e-3), plot = WIDTH - LEFT - RIGHT;
        DoubleUnaryOperator x = t -> LEFT + (t - origin) * plot / span;
        int lanesBottom = TOP + lanes.size() * (LANE + GAP);

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
                LEFT, xml(String.format(Locale.ROOT, "%d tasks, %d steals, %d phases on %d worker lanes in %s \u00b5s",
                        tasks.size(), steals.size(), phases.size(), lanes.size(), num(span, 1)))));
        for (int i = 0; i < lanes.size(); i++) {
            int y = laneY(i);
            b.append(String.format(Locale.ROOT, "<rect class=\"lane\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\""
                    + " fill=\"#f3f3f3\"/>\n", LEFT, y, num(plot, 1), LANE));
            b.append(String.format(Locale.ROOT, "<text class=\"lane-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s"
                    + "</text>\n", LEFT - 6, y + LANE / 2 + 4, xml(threadNames.getOrDefault(lanes.get(i),
                    "tid " + lanes.get(i)))));
        }
        for (int i = 0; i < phases.size(); i++) {
            Slice p = phases.get(i);
            String x0 = num(x.applyAsDouble(p.ts()), 1), x1 = num(x.applyAsDouble(p.end()), 1);
            b.append(String.format(Locale.ROOT, "<line class=\"phase\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\""
                    + " stroke=\"#333\" stroke-width=\"0.8\"/>\n", x0, TOP - 24 + (i % 2) * 12, x0, lanesBottom));
            b.append(String.format(Locale.ROOT, "<line class=\"phase-end\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\""
                    + " stroke=\"#999\" stroke-width=\"0.8\" stroke-dasharray=\"3,2\"/>\n", x1, TOP - 4, x1,
                    lanesBottom));
            b.append(String.format(Locale.ROOT, "<text class=\"phase-label\" x=\"%s\" y=\"%d\" font-size=\"10\">%s"
                    + "<title>%s</title></text>\n", num(x.applyAsDouble(p.ts()) + 2, 1), TOP - 16 + (i % 2) * 12,
                    xml(p.name()), xml(p.name() + ": " + num(p.dur(), 1) + " \u00b5s")));
        }
        for (Slice s : tasks) {
            int y = laneY(lanes.indexOf(s.tid())) + 2;
            String colour = PALETTE[systemOrder.indexOf(s.name()) % PALETTE.length];
            b.append(String.format(Locale.ROOT, "<rect class=\"task\" x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\""
                    + " fill=\"%s\"%s><title>%s</title></rect>\n", num(x.applyAsDouble(s.ts()), 2),
                    y, num(Math.max(0.3, s.dur() * plot / span), 2), LANE - 4, colour,
                    s.failed() ? " stroke=\"#d00\" stroke-width=\"1.5\"" : "",
                    xml(s.name() + ": " + num(s.dur(), 1) + " \u00b5s at " + num(s.ts(), 1) + " \u00b5s")));
        }
        for (Slice s : parks) {
            b.append(String.format(Locale.ROOT, "<rect class=\"park\" x=\"%s\" y=\"%d\" width=\"%s\" height=\"4\""
                    + " fill=\"%s\"/>\n", num(x.applyAsDouble(s.ts()), 2), laneY(lanes.indexOf(s.tid())) + LANE - 6,
                    num(Math.max(0.3, s.dur() * plot / span), 2), PARK_COLOUR));
        }
        for (Steal s : steals) {
            int thief = lanes.indexOf(s.thief()), victim = lanes.indexOf(s.victim());
            double sx = x.applyAsDouble(s.ts());
            boolean fromBelow = victim > thief;
            int edge = fromBelow ? laneY(thief) + LANE : laneY(thief); // the side of the thief's lane facing the victim
            int tip = fromBelow ? edge - 6 : edge + 6;
            if (victim >= 0) {
                b.append(String.format(Locale.ROOT, "<line class=\"steal-line\" x1=\"%s\" y1=\"%d\" x2=\"%s\""
                        + " y2=\"%d\" stroke=\"#000\" stroke-opacity=\"0.45\" stroke-width=\"0.7\"/>\n", num(sx, 2),
                        laneY(victim) + LANE / 2, num(sx, 2), edge));
            }
            b.append(String.format(Locale.ROOT, "<polygon class=\"steal\" points=\"%s,%d %s,%d %s,%d\" fill=\"#000\">"
                    + "<title>%s</title></polygon>\n", num(sx - 3, 2), edge, num(sx + 3, 2), edge, num(sx, 2), tip,
                    xml(threadNames.getOrDefault(s.thief(), "tid " + s.thief()) + " stole " + s.count() + " from "
                            + (s.victim() < 0 ? "the injector" : threadNames.getOrDefault(s.victim(),
                            "tid " + s.victim())))));
        }
        int axisY = lanesBottom + 4;
        axis(b, axisY, origin, span, x);
        int height = legend(b, axisY + 40, systemOrder) + 12;
        return String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="
                + "\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\""
                + " fill=\"#fff\"/>\n", WIDTH, height, WIDTH, height) + b + "</svg>\n";
    }

    private static int laneY(int lane) {
        return TOP + lane * (LANE + GAP);
    }

    /** Ticks at 1, 2 or 5 times a power of ten, about eight of them. */
    private static void axis(StringBuilder b, int y, double origin, double span,
                             DoubleUnaryOperator x) {
        double raw = span / 8, power = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / power;
        double step = power * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10);
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                + " stroke=\"#333\"/>\n", LEFT, y, WIDTH - RIGHT, y));
        for (long k = (long) Math.ceil(origin / step); k * step <= origin + span + 1e-9; k++) {
            String tx = num(x.applyAsDouble(k * step), 1);
            b.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#333\"/>"
                    + "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n",
                    tx, y, tx, y + 4, tx, y + 15, num(k * step, decimals)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">"
                + "time (\u00b5s from the trace's first event)</text>\n", WIDTH - RIGHT, y + 28));
    }

    /** Legend entries in a flowing row, wrapped at the picture's width; returns the baseline of the last row. */
    private static int legend(StringBuilder b, int y, List<String> systems) {
        List<String> names = new ArrayList<>(systems);
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            colours.add(PALETTE[i % PALETTE.length]);
        }
        names.addAll(List.of("parked", "\u25bc steal"));
        colours.addAll(List.of(PARK_COLOUR, "#000"));
        int lx = LEFT;
        for (int i = 0; i < names.size(); i++) {
            int w = 14 + 7 * names.get(i).length() + 18; // about 7 px a character at 11 px
            if (lx > LEFT && lx + w > WIDTH - RIGHT) {
                lx = LEFT;
                y += 18;
            }
            b.append(String.format(Locale.ROOT, "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"10\" height=\"10\""
                    + " fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n", lx, y - 9, colours.get(i), lx + 14, y,
                    xml(names.get(i))));
            lx += w;
        }
        return y;
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Text for XML content and attributes; characters XML 1.0 cannot carry become U+FFFD. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\ufffd' : c);
            }
        }
        return b.toString();
    }
}
