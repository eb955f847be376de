#!/usr/bin/env bash
# Turns every preview-1 program of ../shared/wasi-testsuite into a WASI 0.2 command component with jco's
# bundled preview-1 adapter (`jco new X.wasm --wasi-command`), for the component runs of the suite
# (tests/Heron.Wasi.Tests/Preview2/ComponentSuiteTests.cs reads the folder this writes).
#
#   tools/components/convert-wasi-testsuite.sh [OUT]     (default OUT: $HERON_WASI_COMPONENTS or /tmp/heron-wasi-testsuite-components)
#
# jco comes from npm and is never needed at test time: JCO names its command; without it, install-jco-npm.sh
# beside this script installs the pinned version outside the repository (or `jco` on PATH is used).
# OUT gets LANGUAGE/NAME.component.wasm for each LANGUAGE/testsuite/wasm32-wasip1/NAME.wasm, and a file
# `complete` once every program converted (a later run with the same OUT then does nothing).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
suite="${HERON_SHARED:-$here/../shared}/wasi-testsuite/tests"
out="${1:-${HERON_WASI_COMPONENTS:-/tmp/heron-wasi-testsuite-components}}"
[ -f "$out/complete" ] && { echo "already converted, in $out"; exit 0; }
jco="${JCO:-}"
if [ -z "$jco" ]; then jco="$("$here/tools/components/install-jco-npm.sh" 2>/dev/null || command -v jco || true)"; fi
if [ -z "$jco" ] || [ ! -x "$jco" ]; then
  echo "jco not found and not installable (npm): set JCO to a jco command" >&2
  exit 1
fi
[ -d "$suite" ] || { echo "the WASI test suite is missing: expected $suite" >&2; exit 1; }
export jco out
# One jco (node) process per program, as many at once as there are cores: each takes about a second.
convert() {
  local wasm="$1" language name
  language="$(basename "$(dirname "$(dirname "$(dirname "$wasm")")")")"
  name="$(basename "$wasm" .wasm)"
  mkdir -p "$out/$language"
  if "$jco" new "$wasm" --wasi-command -o "$out/$language/$name.component.wasm" >/dev/null 2>"$out/$language/$name.error"; then
    rm -f "$out/$language/$name.error"
  else
    echo "not converted: $language/$name ($(head -c 200 "$out/$language/$name.error"))" >&2
  fi
}
export -f convert
for language in c rust assemblyscript; do
  printf '%s\0' "$suite/$language/testsuite/wasm32-wasip1/"*.wasm
done | xargs -0 -n 1 -P "$(nproc)" bash -c 'convert "$0"'
programs=$(for language in c rust assemblyscript; do ls "$suite/$language/testsuite/wasm32-wasip1/"*.wasm; done | wc -l)
converted=$(find "$out" -name '*.component.wasm' | wc -l)
echo "$converted of $programs converted, in $out"
[ "$converted" -eq "$programs" ] && touch "$out/complete"
[ "$converted" -eq "$programs" ]
