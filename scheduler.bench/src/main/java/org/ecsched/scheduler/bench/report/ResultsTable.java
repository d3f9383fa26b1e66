package org.ecsched.scheduler.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a JMH CSV result file ({@code -rf csv}) of this module's suite into Markdown tables with the ratios the
 * README and docs/benchmarks.md report: for each phase workload, every executor's time, work-stealing against the
 * ForkJoinPool peers (one submission per phase, the headline one, and one per system) and the blocking backend, its
 * speedup over one worker and over sequential, and bytes per phase; then the listener, idle CPU and deque results.
 * Ratios above 1 mean work-stealing is faster.
 *
 * <pre>java -cp scheduler.bench/target/benchmarks.jar org.ecsched.scheduler.bench.report.ResultsTable results.csv</pre>
 */
public final class ResultsTable {

    private final List<Row> rows;

    private ResultsTable(List<Row> rows) {
        this.rows = rows;
    }

    /** Reads {@code args[0]} (a JMH CSV file) and prints the tables to standard output. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultsTable <jmh-results.csv>");
            System.exit(2);
        }
        from(Path.of(args[0])).print(System.out);
    }

    /** The tables of one JMH CSV file. */
    static ResultsTable from(Path csv) throws IOException {
        return new ResultsTable(read(csv));
    }

    /** One CSV line: the benchmark (with a {@code :secondary} suffix for profiler and counter results). */
    record Row(String benchmark, String secondary, double score, double error, String unit, Map<String, String> params) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = split(lines.get(0));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 7; i < header.size() && i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    params.put(header.get(i).replace("Param: ", ""), cells.get(i));
                }
            }
            String name = cells.get(0);
            int colon = name.indexOf(':');
            String benchmark = colon < 0 ? name : name.substring(0, colon);
            String secondary = colon < 0 ? "" : name.substring(colon + 1).replace("\u00b7", "");
            rows.add(new Row(benchmark, secondary, number(cells.get(4)), number(cells.get(5)), cells.get(6), params));
        }
        return rows;
    }

    /** Splits one CSV line written by JMH: comma separated, fields optionally in double quotes. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static double number(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    void print(PrintStream out) {
        phaseTable(out);
        referenceTable(out);
        listenerTable(out);
        idleTable(out);
        dequeTable(out);
    }

    private List<Row> select(String benchmarkSuffix, String secondary) {
        return select(b -> b.endsWith(benchmarkSuffix), secondary);
    }

    private List<Row> select(Predicate<String> benchmark, String secondary) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (benchmark.test(r.benchmark()) && r.secondary().equals(secondary)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The score of the first row that {@code which} accepts, or NaN. */
    private static double scoreOf(List<Row> rows, Predicate<Row> which) {
        for (Row r : rows) {
            if (which.test(r)) {
                return r.score();
            }
        }
        return Double.NaN;
    }

    private static Row find(List<Row> rows, String param1, String value1, String param2, String value2) {
        for (Row r : rows) {
            if (r.param(param1).equals(value1) && r.param(param2).equals(value2)) {
                return r;
            }
        }
        return null;
    }

    private void phaseTable(PrintStream out) {
        List<Row> times = select("PhaseBenchmark.phase", "");
        if (times.isEmpty()) {
            return;
        }
        List<Row> alloc = select("PhaseBenchmark.phase", "gc.alloc.rate.norm");
        Set<String> workloads = new LinkedHashSet<>();
        times.forEach(r -> workloads.add(r.param("workload")));
        out.println("| workload | work-stealing µs | ± | blocking µs | ForkJoinPool per phase µs"
                + " | ForkJoinPool per system µs | sequential µs | one worker µs | vs ForkJoinPool per phase"
                + " | vs ForkJoinPool per system | vs blocking | speedup over one worker | over sequential"
                + " | WS B/op |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String w : workloads) {
            Row wsRow = find(times, "workload", w, "executor", "workstealing");
            double ws = score(wsRow);
            String wsError = wsRow == null || Double.isNaN(wsRow.error()) ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * wsRow.error() / wsRow.score());
            double blocking = score(find(times, "workload", w, "executor", "blocking"));
            double fjPhase = score(find(times, "workload", w, "executor", "forkjoin-phase"));
            double fjSystem = score(find(times, "workload", w, "executor", "forkjoin-system"));
            double seq = score(find(times, "workload", w, "executor", "sequential"));
            double one = score(find(times, "workload", w, "executor", "workstealing-1"));
            double bytes = score(find(alloc, "workload", w, "executor", "workstealing"));
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", w,
                    time(ws), wsError, time(blocking), time(fjPhase), time(fjSystem), time(seq), time(one),
                    ratio(fjPhase, ws), ratio(fjSystem, ws), ratio(blocking, ws), ratio(one, ws), ratio(seq, ws),
                    bytes(bytes));
        }
        out.println();
    }

    private void referenceTable(PrintStream out) {
        List<Row> seq = select("ParallelStreamReference.sequential", "");
        List<Row> par = select("ParallelStreamReference.parallelStream", "");
        if (seq.isEmpty() || par.isEmpty()) {
            return;
        }
        out.println("| reference (no scheduler) | sequential loop µs | ForkJoinPool parallel stream µs | speedup |");
        out.println("|---|---:|---:|---:|");
        for (Row s : seq) {
            double p = scoreOf(par, r -> r.param("workload").equals(s.param("workload")));
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", s.param("workload"), time(s.score()), time(p),
                    ratio(s.score(), p));
        }
        out.println();
    }

    private void listenerTable(PrintStream out) {
        List<Row> times = select("ListenerBenchmark.phase", "");
        if (times.isEmpty()) {
            return;
        }
        List<Row> alloc = select("ListenerBenchmark.phase", "gc.alloc.rate.norm");
        out.println("| backend | listener | µs per phase (64 empty systems) | ± (99.9%) | time / none | B/op |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (Row r : times) {
            Row none = find(times, "backend", r.param("backend"), "listener", "none");
            Row bytes = find(alloc, "backend", r.param("backend"), "listener", r.param("listener"));
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.param("backend"), r.param("listener"),
                    time(r.score()), time(r.error()), ratio(r.score(), score(none)), bytes(score(bytes)));
        }
        out.println();
    }

    private void idleTable(PrintStream out) {
        List<Row> cpu = select("IdleCpuBenchmark.idleSecond", "idleCpuPercentOfCore");
        if (cpu.isEmpty()) {
            return;
        }
        out.println("| executor | workers | idle CPU, % of one core over 1 s |");
        out.println("|---|---:|---:|");
        for (Row r : cpu) {
            out.printf(Locale.ROOT, "| %s | %s | %.3f |%n", r.param("executor"), r.param("workers"), r.score());
        }
        out.println();
    }

    private void dequeTable(PrintStream out) {
        List<Row> alloc = select(b -> b.contains("DequeBenchmark"), "gc.alloc.rate.norm");
        List<Row> primary = select(b -> b.contains("DequeBenchmark"), "");
        if (primary.isEmpty()) {
            return;
        }
        out.println("| deque benchmark | score | unit | B/op |");
        out.println("|---|---:|---|---:|");
        for (Row r : primary) {
            double bytes = scoreOf(alloc, a -> a.benchmark().equals(r.benchmark()));
            String name = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1);
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", name, time(r.score()), r.unit(), bytes(bytes));
        }
        out.println();
    }

    private static double score(Row r) {
        return r == null ? Double.NaN : r.score();
    }

    private static String time(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** {@code slower / faster}: how many times faster the second figure is. */
    private static String ratio(double other, double ws) {
        return Double.isNaN(other) || Double.isNaN(ws) || ws == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", other / ws);
    }

    private static String bytes(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
