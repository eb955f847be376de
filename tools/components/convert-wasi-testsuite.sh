#!/usr/bin/env bash
# Turns every preview-1 program of ../shared/wasi-testsuite into a WASI 0.2 command component with jco's
# bundled preview-1 adapter (`jco new X.wasm --wasi-command`), for the component runs of the suite
# (tests/Heron.Wasi.Tests/Preview2/ComponentSuiteTests.cs reads the folder this writes).
#
#   tools/components/convert-wasi-testsuite.sh [OUT]     (default OUT: $HERON_WASI_COMPONENTS or /tmp/heron-wasi-testsuite-components)
#
# jco comes from npm and is never needed at test time: install it outside the repository, e.g.
#   mkdir -p /tmp/jco && npm install --prefix /tmp/jco @bytecodealliance/jco
# and point JCO at it (default: /tmp/jco/node_modules/.bin/jco, else `jco` on PATH).
# OUT gets LANGUAGE/NAME.component.wasm for each LANGUAGE/testsuite/wasm32-wasip1/NAME.wasm.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
suite="${HERON_SHARED:-$here/../shared}/wasi-testsuite/tests"
out="${1:-${HERON_WASI_COMPONENTS:-/tmp/heron-wasi-testsuite-components}}"
jco="${JCO:-/tmp/jco/node_modules/.bin/jco}"
if [ ! -x "$jco" ]; then jco="$(command -v jco || true)"; fi
if [ -z "$jco" ]; then
  echo "jco not found: install it with 'npm install --prefix /tmp/jco @bytecodealliance/jco' or set JCO" >&2
  exit 1
fi
[ -d "$suite" ] || { echo "the WASI test suite is missing: expected $suite" >&2; exit 1; }
converted=0 failed=0
for language in c rust assemblyscript; do
  mkdir -p "$out/$language"
  for wasm in "$suite/$language/testsuite/wasm32-wasip1/"*.wasm; do
    name="$(basename "$wasm" .wasm)"
    if "$jco" new "$wasm" --wasi-command -o "$out/$language/$name.component.wasm" >/dev/null 2>"$out/$language/$name.error"; then
      rm -f "$out/$language/$name.error"
      converted=$((converted + 1))
    else
      echo "not converted: $language/$name ($(head -c 200 "$out/$language/$name.error"))" >&2
      failed=$((failed + 1))
    fi
  done
done
echo "$converted converted, $failed not converted, in $out"
