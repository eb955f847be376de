#!/usr/bin/env bash
# Installs jco (npm @bytecodealliance/jco, with the WASI preview-1 adapter it bundles) at a fixed version, outside
# the repository, and prints the path of its command. convert-wasi-testsuite.sh and .ci/run use it; nothing
# needs it at test time.
set -euo pipefail
version=1.35.0
dir="${HERON_TOOLS_CACHE:-$HOME/.cache/heron-components}/jco-$version"
jco="$dir/node_modules/.bin/jco"
if [ ! -x "$jco" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm not found (apt-get install -y nodejs npm)" >&2; exit 1; }
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "@bytecodealliance/jco@$version" >/dev/null
fi
echo "$jco"
