#!/usr/bin/env bash
# Builds the example's guest: guest/plugin.js → guest/plugin.wasm, a WebAssembly component made by
# componentize-js (from npm, installed into guest/node_modules on first use). dotnet build runs this when the
# .wasm is missing; run it by hand to rebuild after changing plugin.js or wit/plugin.wit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/guest"

if ! command -v npm >/dev/null 2>&1; then
  echo "build-guest.sh: npm is needed to build the guest component (install Node.js 18 or later)" >&2
  exit 1
fi
if [ ! -x node_modules/.bin/componentize-js ]; then
  echo "build-guest.sh: installing componentize-js into $here/guest/node_modules"
  npm ci --no-audit --no-fund --loglevel=error
fi
# No WASI: the plugin needs nothing but the host interface of its world.
node_modules/.bin/componentize-js plugin.js --wit ../wit --world-name plugin-world \
  --disable stdio random clocks http fetch-event --out plugin.wasm.tmp
mv plugin.wasm.tmp plugin.wasm
echo "build-guest.sh: built $here/guest/plugin.wasm ($(wc -c < plugin.wasm) bytes)"
