#!/usr/bin/env bash
# Rebuilds counter.wasm from counter.c and thread_start.s with clang for wasm32-wasi-threads (Debian
# packages). Freestanding: Debian's wasi-libc has no threads build, so the program needs no libc.
#   --shared-memory --import-memory: the threads share one memory, which the host creates (wasi-threads)
#   --export-memory: WASI reads its arguments through the exported "memory"
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v clang-16 >/dev/null || ! command -v wasm-ld-16 >/dev/null; then
  apt-get update -qq && apt-get install -y -qq clang-16 lld-16
fi
clang-16 --target=wasm32-wasi-threads -O2 -ffreestanding -nostdlib -matomics -mbulk-memory \
  -fuse-ld="$(command -v wasm-ld-16)" \
  -Wl,--shared-memory -Wl,--import-memory -Wl,--export-memory -Wl,--max-memory=1048576 -Wl,--strip-debug \
  counter.c thread_start.s -o counter.wasm
