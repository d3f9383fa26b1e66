#!/usr/bin/env bash
# Alternates short JMH runs of two executors on one PhaseBenchmark workload and prints each pair's ratio and the
# median ratio. On a small shared machine the speed drifts over minutes (other processes, where the virtual CPUs
# land), and JMH runs one executor's forks after the other's; alternating makes both see the same drift.
#   scheduler.bench/compare.sh imbalanced                           # 5 rounds, workstealing against blocking
#   scheduler.bench/compare.sh fine 3 workstealing forkjoin-phase   # rounds, executor A, executor B
#   scheduler.bench/compare.sh fine 4 workstealing workstealing@/tmp/old-benchmarks.jar   # this build vs another
# An executor written EXECUTOR@JAR runs from that benchmarks jar (an older build, to measure a change before and
# after in alternating rounds); a bare name runs from this build's jar.
# Build the jar first (`mvn -B -q package -pl scheduler.bench -am -DskipTests -Djcstress.skip=true`); about 30 s
# per executor and round. suite.sh runs several workloads against several peers the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
workload="${1:?usage: $0 WORKLOAD [ROUNDS] [EXECUTOR_A] [EXECUTOR_B]}"
rounds="${2:-5}"
a="${3:-workstealing}"
b="${4:-blocking}"
jar=scheduler.bench/target/benchmarks.jar
csv="$(mktemp)"
trap 'rm -f "$csv"' EXIT
score() { # executor[@jar] -> mean µs per phase of one 2-fork run
  local executor="${1%%@*}" from="$jar"
  [[ "$1" == *@* ]] && from="${1#*@}"
  java -jar "$from" PhaseBenchmark -p workload="$workload" -p executor="$executor" -wi 2 -i 4 -w 1s -r 1s -f 2 \
      -rf csv -rff "$csv" > /dev/null
  awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$csv"
}
ratios=()
printf '%-6s %14s %14s %10s\n' round "$a µs" "$b µs" "$b/$a"
for ((r = 1; r <= rounds; r++)); do
  sa="$(score "$a")"
  sb="$(score "$b")"
  ratio="$(awk -v x="$sa" -v y="$sb" 'BEGIN { printf "%.3f", y / x }')"
  ratios+=("$ratio")
  printf '%-6s %14.1f %14.1f %10s\n' "$r" "$sa" "$sb" "$ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "median %s/%s over %d rounds: %.3f (range %.3f-%.3f); above 1: %s is faster\n", B, A, NR, m, v[1], v[NR], A
}' A="$a" B="$b"
