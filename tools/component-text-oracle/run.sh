#!/usr/bin/env bash
# Compares Heron's component text encoder with jco's (wasm-tools) on every text component of the
# component test scripts. Needs node and npm: jco is installed into $JCO_DIR (default /tmp/jco).
# Usage: tools/component-text-oracle/run.sh [--verbose] [SCRIPT.wast ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${HERON_SHARED:-$root/../shared}
jco=${JCO_DIR:-/tmp/jco}
verbose=""
if [[ "${1:-}" == "--verbose" ]]; then verbose="--verbose"; shift; fi
if [[ ! -d "$jco/node_modules/@bytecodealliance/jco" ]]; then
  mkdir -p "$jco" && (cd "$jco" && npm init -y >/dev/null && npm install @bytecodealliance/jco >/dev/null)
fi
scripts=("$@")
if [[ ${#scripts[@]} -eq 0 ]]; then
  mapfile -t scripts < <(find "$shared/component-model-tests" "$shared/wasmtime-misc-testsuite/component-model" \
    -name '*.wast' -not -path '*/async/*' | sort)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet run --file "$here/encode.cs" -c Release -- "$out" "${scripts[@]}"
cp "$here/compare.mjs" "$jco/compare-component-text.mjs"
node "$jco/compare-component-text.mjs" "$out" $verbose
