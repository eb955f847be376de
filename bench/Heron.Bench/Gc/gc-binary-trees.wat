;; binary-trees (after the Computer Language Benchmarks Game) on WebAssembly GC structs: build complete
;; binary trees of structs with two reference fields, count their nodes, and drop them, with one long-lived
;; tree kept alive throughout. A WASI command: the output lines are those of the game's program for
;; MAX_DEPTH 17, checked against gc-binary-trees.stdout.expected; bench.start/bench.end bracket the work.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "bench" "start" (func $bench_start))
  (import "bench" "end" (func $bench_end))
  (memory (export "memory") 1)
  (data (i32.const 0) "stretch tree of depth ")     ;; 0, 22 bytes
  (data (i32.const 32) "\t check: ")                ;; 32, 9
  (data (i32.const 48) "\t trees of depth ")        ;; 48, 17
  (data (i32.const 80) "long lived tree of depth ") ;; 80, 25
  (data (i32.const 112) "\n")                       ;; 112, 1

  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (global $min_depth i32 (i32.const 4))
  (global $max_depth i32 (i32.const 17))

  (func $write (param $at i32) (param $length i32)
    (i32.store (i32.const 2048) (local.get $at))
    (i32.store (i32.const 2052) (local.get $length))
    (drop (call $fd_write (i32.const 1) (i32.const 2048) (i32.const 1) (i32.const 2056))))

  (func $print_number (param $n i32)
    (local $at i32)
    (local.set $at (i32.const 1100))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (br_if $digit (local.tee $n (i32.div_u (local.get $n) (i32.const 10)))))
    (call $write (local.get $at) (i32.sub (i32.const 1100) (local.get $at))))

  (func $bottom_up (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else
        (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
        (struct.new $node (call $bottom_up (local.get $depth)) (call $bottom_up (local.get $depth))))))

  (func $check (param $tree (ref $node)) (result i32)
    (local $left (ref null $node))
    (local.set $left (struct.get $node $left (local.get $tree)))
    (if (result i32) (ref.is_null (local.get $left))
      (then (i32.const 1))
      (else
        (i32.add (i32.const 1)
          (i32.add (call $check (ref.as_non_null (local.get $left)))
                   (call $check (ref.as_non_null (struct.get $node $right (local.get $tree)))))))))

  (func (export "_start")
    (local $stretch i32) (local $long_lived (ref null $node)) (local $depth i32)
    (local $iterations i32) (local $i i32) (local $sum i32)
    (call $bench_start)
    (local.set $stretch (i32.add (global.get $max_depth) (i32.const 1)))
    (call $write (i32.const 0) (i32.const 22))
    (call $print_number (local.get $stretch))
    (call $write (i32.const 32) (i32.const 9))
    (call $print_number (call $check (call $bottom_up (local.get $stretch))))
    (call $write (i32.const 112) (i32.const 1))

    (local.set $long_lived (call $bottom_up (global.get $max_depth)))

    (local.set $depth (global.get $min_depth))
    (loop $depths
      (local.set $iterations
        (i32.shl (i32.const 1) (i32.add (i32.sub (global.get $max_depth) (local.get $depth)) (global.get $min_depth))))
      (local.set $sum (i32.const 0))
      (local.set $i (i32.const 0))
      (loop $trees
        (local.set $sum (i32.add (local.get $sum) (call $check (call $bottom_up (local.get $depth)))))
        (br_if $trees (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $iterations))))
      (call $print_number (local.get $iterations))
      (call $write (i32.const 48) (i32.const 17))
      (call $print_number (local.get $depth))
      (call $write (i32.const 32) (i32.const 9))
      (call $print_number (local.get $sum))
      (call $write (i32.const 112) (i32.const 1))
      (br_if $depths (i32.le_u (local.tee $depth (i32.add (local.get $depth) (i32.const 2))) (global.get $max_depth))))

    (call $write (i32.const 80) (i32.const 25))
    (call $print_number (global.get $max_depth))
    (call $write (i32.const 32) (i32.const 9))
    (call $print_number (call $check (ref.as_non_null (local.get $long_lived))))
    (call $write (i32.const 112) (i32.const 1))
    (call $bench_end))
)
