#!/usr/bin/env bash
# Rebuilds examples/hello-c.wasm from hello.c with clang for wasm32-wasi (Debian packages).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v clang-16 >/dev/null; then
  apt-get update -qq && apt-get install -y -qq clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32
fi
clang-16 --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug hello.c -o hello-c.wasm
