;; Hello, world for WASI preview 1, written by hand in the text format.
;; Run it with:  heron run examples/hello.wat
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32) (result i32)))
  (memory (export "memory") 1)
  ;; The message at offset 16; one iovec {pointer, length} at offset 0.
  (data (i32.const 16) "Hello from Heron!\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 18))
    ;; fd 1 is standard output; the count of bytes written goes to offset 8.
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
