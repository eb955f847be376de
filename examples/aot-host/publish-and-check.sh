#!/usr/bin/env bash
# Publishes examples/aot-host as a NativeAOT executable and checks that, run from examples/, it prints
# exactly what `heron run examples/hello-c.wasm` prints. Usage: publish-and-check.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -d)}"
dotnet publish "$root/examples/aot-host" -c Release -o "$out"
dotnet build "$root/src/Heron.Cli" -c Release >/dev/null
cd "$root/examples"
expected="$(dotnet "$root/src/Heron.Cli/bin/Release/net10.0/heron.dll" run hello-c.wasm one two)"
actual="$("$out/aot-host" one two)"
if [ "$expected" != "$actual" ]; then
  printf 'aot-host printed:\n%s\nheron run printed:\n%s\n' "$actual" "$expected" >&2
  exit 1
fi
echo "aot-host ($out/aot-host) prints what heron run prints"
