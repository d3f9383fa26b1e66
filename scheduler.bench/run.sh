#!/usr/bin/env bash
# Runs the JMH suite with the allocation profiler, then writes the Markdown results tables that docs/benchmarks.md
# shows (the README shows the first).
#   scheduler.bench/run.sh quick   # about 8 minutes on 2 cores: 2 warm-up and 5 measured 1 s iterations, 1 fork
#   scheduler.bench/run.sh full    # the classes' own settings: 3 warm-up, 5 measured iterations
#   scheduler.bench/run.sh quick PhaseBenchmark    # one class (any JMH include pattern)
# Output in scheduler.bench/target/: results.txt (JMH's log), results.csv, results.md (tables with ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
pattern="${2:-.}"
case "$mode" in
  quick) opts=(-wi 2 -i 5 -w 1s -r 1s -f 1) ;;
  full) opts=() ;;
  *) echo "usage: $0 quick|full [benchmark pattern]" >&2; exit 2 ;;
esac
mvn -B -q install -DskipTests -Djcstress.skip=true
jar=scheduler.bench/target/benchmarks.jar
out=scheduler.bench/target
java -jar "$jar" "$pattern" -prof gc "${opts[@]}" -rf csv -rff "$out/results.csv" | tee "$out/results.txt"
{
  echo "Measured $(date -u +%Y-%m-%d) with \`scheduler.bench/run.sh $mode${2:+ $2}\` on $(nproc) CPUs"\
       "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)."
  echo
  java -cp "$jar" org.ecsched.scheduler.bench.report.ResultsTable "$out/results.csv"
} > "$out/results.md"
cat "$out/results.md"
echo "results: $out/results.txt, results.csv and results.md"
