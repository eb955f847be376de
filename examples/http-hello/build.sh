#!/usr/bin/env bash
# Builds hello.wasm from hello.js with componentize-js (StarlingMonkey, a SpiderMonkey build for WASI):
#   examples/http-hello/build.sh [OUT_DIR]      (default: examples/http-hello/out)
# Needs node and npm. The packages install into OUT_DIR/node_modules, pinned by package.json:
# componentize-js itself, jco (for `jco serve`, the comparison, and for the WASI WIT packages), and the
# preview2-shim version componentize-js's own tools run on (its newer ones preopen no folder by default,
# and componentize-js then cannot read the WIT).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)"
cp "$here/package.json" "$out/package.json"
(cd "$out" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
modules="$out/node_modules/@bytecodealliance"

# The WASI version StarlingMonkey's engine exports its handler at; the world must name that same one.
version=$(grep -aoE 'wasi:http/incoming-handler@0\.2\.[0-9]+' "$modules/componentize-js/lib/starlingmonkey_embedding.wasm" | head -1 | sed 's/.*@//')
[ -n "$version" ] || { echo "build.sh: cannot tell which wasi:http version componentize-js's engine exports" >&2; exit 1; }

# The WIT: our world, and the WASI 0.2 packages jco ships, restamped with that version (0.2 releases
# differ only in added, feature-gated items).
rm -rf "$out/wit" && mkdir -p "$out/wit/deps"
sed "s/WASI_VERSION/$version/" "$here/wit/world.wit" > "$out/wit/world.wit"
shipped=$(ls -d "$modules/jco/lib/wit/builtin"/0.2.* | sort -V | tail -1)
for package in "$shipped"/*; do
  cp -r "$package" "$out/wit/deps/"
done
find "$out/wit/deps" -name '*.wit' -exec sed -i -E "s/@0\.2\.[0-9]+/@$version/g" {} +

cp "$here/hello.js" "$out/hello.js"
(cd "$out" && npx componentize-js --wit wit --world-name hello -o hello.wasm hello.js)
echo "built $out/hello.wasm ($(stat -c %s "$out/hello.wasm") bytes, wasi:http@$version)"
