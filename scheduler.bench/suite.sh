#!/usr/bin/env bash
# The issue-14 suite: for each workload, work-stealing against its peers (by default the expert ForkJoinPool peer,
# forkjoin-phase, and work-stealing with one worker) in alternating rounds, with each round's ratio and the median.
# The method is compare.sh's: on this small shared machine the speed drifts over minutes, so every round runs one
# short JMH trial of each executor, one after the other, and only ratios within a round are compared. The order
# within a round is reversed every other round (A B C, then C B A), so a steady drift favours nobody.
#   scheduler.bench/suite.sh                         # 3 rounds of the default workloads: about 8 minutes on 2 cores
#   scheduler.bench/suite.sh -r 5 fine heavy1of16    # chosen rounds and workloads
#   scheduler.bench/suite.sh -p "forkjoin-phase forkjoin-system blocking" empty1000
#   scheduler.bench/suite.sh -b workstealing@/tmp/old-benchmarks.jar -p workstealing fine   # old build vs this one
# Options: -r ROUNDS (default 3); -b BASE executor (default workstealing); -p "PEER ..." (default "forkjoin-phase
# workstealing-1"); workloads as arguments (default: empty64 empty1000 empty10000 fine imbalanced heavy1of16
# chain). An executor written EXECUTOR@JAR runs from that benchmarks jar, as in compare.sh. JMH options per trial
# come from JMH_OPTS (default "-wi 2 -i 3 -w 1s -r 1s -f 1": about 7 s per trial with the JVM's start).
# Ratios are PEER / BASE: above 1, the base executor is faster. For the emptyN workloads the summary also gives
# µs per system (the phase time divided by N): the dispatch cost per system.
# Output is Markdown: a row per round as it completes (with the 1-minute load average at its end: other processes
# on the machine are what makes the rounds differ), then a summary table. Build the jar first:
#   mvn -B -o -q package -pl scheduler.bench -am -DskipTests -Djcstress.skip=true
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
base=workstealing
peers="forkjoin-phase workstealing-1"
while getopts "r:b:p:h" opt; do
  case "$opt" in
    r) rounds="$OPTARG" ;;
    b) base="$OPTARG" ;;
    p) peers="$OPTARG" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
workloads=("$@")
((${#workloads[@]})) || workloads=(empty64 empty1000 empty10000 fine imbalanced heavy1of16 chain)
read -r -a peer_list <<< "$peers"
executors=("$base" "${peer_list[@]}")
jmh_opts="${JMH_OPTS:--wi 2 -i 3 -w 1s -r 1s -f 1}"
jar=scheduler.bench/target/benchmarks.jar
[[ -f "$jar" ]] || { echo "no $jar: build it first (see the header of $0)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results" # lines: workload round executor µs-per-phase
: > "$results"

score() { # workload executor[@jar] -> mean µs per phase of one short JMH trial
  local executor="${2%%@*}" from="$jar"
  [[ "$2" == *@* ]] && from="${2#*@}"
  # shellcheck disable=SC2086 # jmh_opts is a list of options
  if ! java -jar "$from" PhaseBenchmark -p workload="$1" -p executor="$executor" $jmh_opts \
      -rf csv -rff "$work/trial.csv" > "$work/trial.log" 2>&1; then
    tail -20 "$work/trial.log" >&2
    echo "JMH failed for $2 on $1" >&2
    exit 1
  fi
  awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$work/trial.csv"
}

echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs, $(java -version 2>&1 | head -1);" \
     "$rounds rounds, JMH options per trial: $jmh_opts."
echo
header="| workload | round | load |"
rule="|---|---:|---:|"
for e in "${executors[@]}"; do header+=" $e µs |"; rule+="---:|"; done
for p in "${peer_list[@]}"; do header+=" $p / $base |"; rule+="---:|"; done
echo "$header"
echo "$rule"
for w in "${workloads[@]}"; do
  for ((r = 1; r <= rounds; r++)); do
    order=("${executors[@]}")
    if ((r % 2 == 0)); then # reversed every other round
      order=()
      for ((i = ${#executors[@]} - 1; i >= 0; i--)); do order+=("${executors[i]}"); done
    fi
    declare -A us=()
    for e in "${order[@]}"; do
      us[$e]="$(score "$w" "$e")"
      echo "$w $r $e ${us[$e]}" >> "$results"
    done
    row="| $w | $r | $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo -) |"
    for e in "${executors[@]}"; do row+="$(printf ' %.1f |' "${us[$e]}")"; done
    for p in "${peer_list[@]}"; do
      row+="$(awk -v x="${us[$base]}" -v y="${us[$p]}" 'BEGIN { printf " %.3f |", y / x }')"
    done
    echo "$row"
    unset us
  done
done

echo
# Summary: median µs per executor, every round's ratio and the median ratio per peer, µs per system for emptyN.
awk -v base="$base" -v execs="${executors[*]}" -v peers="${peer_list[*]}" -v wl="${workloads[*]}" '
  function median(list,    v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.2f", x) }
  { score[$1, $2, $3] = $4; if ($2 > rounds) rounds = $2 }
  END {
    ne = split(execs, e, " "); np = split(peers, p, " "); nw = split(wl, w, " ")
    h = "| workload |"; rule = "|---|"
    for (i = 1; i <= ne; i++) { h = h " " e[i] " µs (median) |"; rule = rule "---:|" }
    for (i = 1; i <= np; i++) { h = h " " p[i] " / " base " per round | median |"; rule = rule "---|---:|" }
    for (i = 1; i <= ne; i++) { h = h " " e[i] " µs per system |"; rule = rule "---:|" }
    print h; print rule
    for (k = 1; k <= nw; k++) {
      row = "| " w[k] " |"
      for (i = 1; i <= ne; i++) {
        list = ""; for (r = 1; r <= rounds; r++) list = list " " score[w[k], r, e[i]]
        med[i] = median(list); row = row " " fmt(med[i]) " |"
      }
      for (i = 1; i <= np; i++) {
        list = ""; shown = ""
        for (r = 1; r <= rounds; r++) {
          ratio = score[w[k], r, p[i]] / score[w[k], r, base]
          list = list " " ratio; shown = shown (r > 1 ? ", " : "") sprintf("%.3f", ratio)
        }
        row = row " " shown " | " sprintf("%.3fx", median(list)) " |"
      }
      systems = (w[k] ~ /^empty[0-9]+$/) ? substr(w[k], 6) + 0 : 0
      for (i = 1; i <= ne; i++) row = row " " (systems ? sprintf("%.3f", med[i] / systems) : "-") " |"
      print row
    }
  }' "$results"
