#!/usr/bin/env bash
# Long fuzz runs: differential (Heron against Wasmtime) and hostile inputs, each bounded by cases and minutes.
# Usage: tools/fuzz.sh [diff-cases] [hostile-cases] [minutes-each] [seed] [features]
# features: wasm2 (default), wasm3, or a list such as wasm3,gc or wasm3,threads,wide-arithmetic (docs/fuzzing.md).
# Prints cases run, divergences and crashes; failing inputs land in /tmp/heron-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wasm-opt >/dev/null 2>&1 || apt-get install -y binaryen >/dev/null 2>&1 || echo "no binaryen: own generator only"
features=${5:-wasm2}
if [ "$features" != wasm2 ]; then tools/install-binaryen-npm.sh || echo "no binaryen from npm: own generator only for 3.0"; fi
dotnet build tools/Heron.Fuzz -c Release -v q >/dev/null
tool=tools/Heron.Fuzz/bin/Release/net10.0/Heron.Fuzz.dll
diff_cases=${1:-20000}; hostile_cases=${2:-1000000}; minutes=${3:-120}; seed=${4:-1}
status=0
dotnet "$tool" diff --cases "$diff_cases" --minutes "$minutes" --seed "$seed" --source both --features "$features" || status=1
dotnet "$tool" hostile --cases "$hostile_cases" --minutes "$minutes" --seed "$seed" || status=1
exit $status
