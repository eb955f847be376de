#!/usr/bin/env bash
# Whole-process start-up and run time, as a user runs it: the `heron` tool installed from `dotnet pack`
# (ReadyToRun, as the README installs it) against bench/WasmtimeHost (the Wasmtime 50.0.1 package in the
# smallest .NET host doing the same work, published ReadyToRun), each program run as a WASI command in its
# own folder, the two taking turns. Prints each program's median wall time of both and their ratio, then
# the geometric mean of the ratios. Every run's stdout is checked against the program's expected output.
#
# Besides the wall time, the CPU time (user + system, all threads) of each engine is given the same way: on a
# loaded machine it moves less than the wall time does.
#
# Usage: bench/startup.sh [--gc] [RUNS] [FILTER]   (RUNS: 3 by default; FILTER: a substring of the program path)
# --gc runs the WebAssembly GC programs of bench/Heron.Bench/Gc (.wat, GC on in the Wasmtime host) instead.
# Needs ../shared/bench/sightglass (or HERON_SHARED) and /usr/bin/time. HERON_TOOL and WASMTIME_HOST, when set,
# name an installed heron and a published host to use instead of building them.
set -euo pipefail
cd "$(dirname "$0")/.."
gc=""
if [ "${1:-}" = "--gc" ]; then gc="--gc"; shift; fi
runs=${1:-3}
filter=${2:-}
shared=${HERON_SHARED:-$(cd .. && pwd)/shared}
if [ -n "$gc" ]; then
  programs="$(pwd)/bench/Heron.Bench/Gc"; pattern='*.wat'
else
  programs="$shared/bench/sightglass"; pattern='*.wasm'
fi
[ -d "$programs" ] || { echo "no benchmark programs at $programs (set HERON_SHARED)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

heron=${HERON_TOOL:-}
host=${WASMTIME_HOST:-}
if [ -z "$heron" ]; then
  echo "packing and installing heron..."
  dotnet pack src/Heron.Cli -c Release -o "$work/packages" -v q >/dev/null
  version=$(ls "$work/packages" | sed -n 's/^Heron\.Cli\.\([0-9][0-9.]*\)\.nupkg$/\1/p' | head -1)
  dotnet tool install --tool-path "$work/tool" --add-source "$work/packages" Heron.Cli --version "$version" >/dev/null
  heron="$work/tool/heron"
fi
if [ -z "$host" ]; then
  echo "publishing the Wasmtime host..."
  dotnet publish bench/WasmtimeHost -c Release -r "$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)" \
    --self-contained false -p:PublishReadyToRun=true -o "$work/wasmtime-host" -v q >/dev/null
  host="$work/wasmtime-host/WasmtimeHost"
fi

# Prints "WALL CPU" (seconds; CPU = user + system) of one run of "$@" in the current folder, or "wrong" when
# stdout differs from $expected. The wall time comes from bash's own microsecond clock around the run, not
# from time's %e: that has 10 ms steps, which turned a 56 ms run against a 41 ms one into 0.06 / 0.04 = 1.50x.
# (CPU time keeps time's 10 ms steps: the kernel's accounting of the child.)
time_one() {
  local start=$EPOCHREALTIME
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >"$work/out" 2>/dev/null </dev/null || true
  local end=$EPOCHREALTIME
  if [ -n "$expected" ] && ! cmp -s "$work/out" "$expected"; then echo wrong; return; fi
  tail -1 "$work/time" | awk -v start="$start" -v end="$end" '{ printf "%.3f %.2f\n", end - start, $1 + $2 }'
}
# The median of column $1 of the input.
median() { awk -v c="$1" '{ print $c }' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-40s %10s %10s %8s %10s %10s %8s\n' program heron_s wasmtime_s ratio heron_cpu wt_cpu ratio
logsum=0; count=0; above=""
for wasm in $(find "$programs" -name "$pattern" | sort); do
  case "$wasm" in *"$filter"*) ;; *) continue ;; esac
  folder=$(dirname "$wasm"); file=$(basename "$wasm"); name=${file%.*}
  expected="$folder/$name.stdout.expected"; [ -f "$expected" ] || expected="$folder/stdout.expected"; [ -f "$expected" ] || expected=""
  cd "$folder"
  : >"$work/heron"; : >"$work/wasmtime"
  for ((r = 0; r < runs; r++)); do
    time_one "$heron" run -W unknown-imports-default=y --dir . "$file" >>"$work/heron"
    time_one "$host" $gc --dir . "$file" >>"$work/wasmtime"
  done
  cd - >/dev/null
  # A program either engine runs wrongly (or rejects: two sightglass files are truncated) is left out.
  if grep -q wrong "$work/heron" "$work/wasmtime"; then
    printf '%-40s %s\n' "${wasm#"$programs"/}" "left out: wrong output from $(grep -l wrong "$work/heron" "$work/wasmtime" | xargs -n1 basename | tr '\n' ' ')"
    continue
  fi
  h=$(median 1 <"$work/heron"); w=$(median 1 <"$work/wasmtime")
  hc=$(median 2 <"$work/heron"); wc=$(median 2 <"$work/wasmtime")
  ratio=$(awk -v h="$h" -v w="$w" 'BEGIN { printf "%.2f", h / w }')
  cpu_ratio=$(awk -v h="$hc" -v w="$wc" 'BEGIN { printf "%.2f", h / w }')
  printf '%-40s %10s %10s %7sx %10s %10s %7sx\n' "${wasm#"$programs"/}" "$h" "$w" "$ratio" "$hc" "$wc" "$cpu_ratio"
  logsum=$(awk -v s="$logsum" -v r="$ratio" 'BEGIN { print s + log(r) }'); count=$((count + 1))
  if awk -v r="$ratio" 'BEGIN { exit !(r > 1.30) }'; then above="$above ${wasm#"$programs"/} ${ratio}x;"; fi
done
[ "$count" -gt 0 ] && awk -v s="$logsum" -v n="$count" 'BEGIN { printf "geomean of %d wall-time ratios: %.2fx\n", n, exp(s / n) }'
[ "$count" -gt 0 ] && echo "above 1.30x:${above:- none}"
