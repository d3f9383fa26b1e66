#!/usr/bin/env bash
# Runs the JMH suite with the allocation profiler and leaves the results in scheduler.bench/target/.
#   scheduler.bench/run.sh quick   # about 5 minutes on 2 cores: 2 warm-up and 3 measured 1 s iterations, 1 fork
#   scheduler.bench/run.sh full    # JMH defaults of the classes: 3 warm-up, 5 measured iterations
#   scheduler.bench/run.sh quick DequeBenchmark    # one class (any JMH include pattern)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
pattern="${2:-.}"
mvn -B -q install -DskipTests -Djcstress.skip=true
case "$mode" in
  quick) opts=(-wi 2 -i 3 -w 1s -r 1s -f 1) ;;
  full) opts=() ;;
  *) echo "usage: $0 quick|full [benchmark pattern]" >&2; exit 2 ;;
esac
java -jar scheduler.bench/target/benchmarks.jar "$pattern" -prof gc "${opts[@]}" \
  -rf csv -rff scheduler.bench/target/results.csv | tee scheduler.bench/target/results.txt
echo "results: scheduler.bench/target/results.txt and results.csv"
