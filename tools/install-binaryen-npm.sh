#!/usr/bin/env bash
# Installs binaryen's npm package (wasm-opt built to run in node), which the 3.0 differential fuzzing uses:
# Debian's binaryen (108) predates try_table, multiple memories and the final typed-reference encodings.
# It goes where Heron.Fuzz looks for it (BinaryenServer.LauncherPath); HERON_BINARYEN_JS overrides that.
set -euo pipefail
version=132.0.0
dir="$HOME/.cache/heron-fuzz/binaryen-$version"
[ -f "$dir/node_modules/binaryen/bin/wasm-opt" ] && exit 0
command -v npm >/dev/null 2>&1 || { echo "npm not found (apt-get install -y nodejs npm)" >&2; exit 1; }
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --silent "binaryen@$version" >/dev/null
