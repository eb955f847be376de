;; A hash map on WebAssembly GC: chained buckets (an array of references to entry structs), grown by
;; rehashing into an array twice the size when the load passes 2. Each round makes a fresh map, counts
;; pseudo-random keys into it, looks up as many others, and drops it: allocation of small structs and of
;; arrays, pointer chasing, array.get/array.set. A WASI command printing the totals, checked against
;; gc-hash-map.stdout.expected (computed independently); bench.start/bench.end bracket the work.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "bench" "start" (func $bench_start))
  (import "bench" "end" (func $bench_end))
  (memory (export "memory") 1)
  (data (i32.const 0) "distinct: ") ;; 0, 10 bytes
  (data (i32.const 16) "found: ")   ;; 16, 7
  (data (i32.const 32) "counted: ") ;; 32, 9
  (data (i32.const 48) "\n")        ;; 48, 1

  (type $entry (struct (field $key i32) (field $count (mut i32)) (field $next (mut (ref null $entry)))))
  (type $buckets (array (mut (ref null $entry))))
  (type $map (struct (field $buckets (mut (ref $buckets))) (field $size (mut i32))))

  (global $rounds i32 (i32.const 40))
  (global $keys i32 (i32.const 200000))
  (global $key_range i32 (i32.const 262144))
  (global $seed (mut i32) (i32.const 42))

  (func $write (param $at i32) (param $length i32)
    (i32.store (i32.const 2048) (local.get $at))
    (i32.store (i32.const 2052) (local.get $length))
    (drop (call $fd_write (i32.const 1) (i32.const 2048) (i32.const 1) (i32.const 2056))))

  (func $print_line (param $label i32) (param $length i32) (param $n i64)
    (local $at i32)
    (call $write (local.get $label) (local.get $length))
    (local.set $at (i32.const 1100))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i64.store8 (local.get $at) (i64.add (i64.const 48) (i64.rem_u (local.get $n) (i64.const 10))))
      (br_if $digit (i64.ne (local.tee $n (i64.div_u (local.get $n) (i64.const 10))) (i64.const 0))))
    (call $write (local.get $at) (i32.sub (i32.const 1100) (local.get $at)))
    (call $write (i32.const 48) (i32.const 1)))

  (func $random (result i32)
    (global.set $seed (i32.add (i32.mul (global.get $seed) (i32.const 1103515245)) (i32.const 12345)))
    (i32.shr_u (global.get $seed) (i32.const 8)))

  ;; A multiplicative hash: the bucket of $key in a table of 2^$bits buckets.
  (func $bucket (param $key i32) (param $buckets (ref $buckets)) (result i32)
    (i32.and (i32.mul (local.get $key) (i32.const -1640531535))
             (i32.sub (array.len (local.get $buckets)) (i32.const 1))))

  (func $grow (param $map (ref $map))
    (local $old (ref $buckets)) (local $new (ref $buckets)) (local $i i32)
    (local $entry (ref null $entry)) (local $next (ref null $entry)) (local $at i32)
    (local.set $old (struct.get $map $buckets (local.get $map)))
    (local.set $new (array.new_default $buckets (i32.shl (array.len (local.get $old)) (i32.const 1))))
    (loop $each_bucket
      (local.set $entry (array.get $buckets (local.get $old) (local.get $i)))
      (block $done
        (loop $each_entry
          (br_if $done (ref.is_null (local.get $entry)))
          (local.set $next (struct.get $entry $next (local.get $entry)))
          (local.set $at (call $bucket (struct.get $entry $key (local.get $entry)) (local.get $new)))
          (struct.set $entry $next (local.get $entry) (array.get $buckets (local.get $new) (local.get $at)))
          (array.set $buckets (local.get $new) (local.get $at) (local.get $entry))
          (local.set $entry (local.get $next))
          (br $each_entry)))
      (br_if $each_bucket (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (array.len (local.get $old)))))
    (struct.set $map $buckets (local.get $map) (local.get $new)))

  (func $add (param $map (ref $map)) (param $key i32)
    (local $buckets (ref $buckets)) (local $at i32) (local $entry (ref null $entry))
    (local.set $buckets (struct.get $map $buckets (local.get $map)))
    (local.set $at (call $bucket (local.get $key) (local.get $buckets)))
    (local.set $entry (array.get $buckets (local.get $buckets) (local.get $at)))
    (block $absent
      (loop $search
        (br_if $absent (ref.is_null (local.get $entry)))
        (if (i32.eq (struct.get $entry $key (local.get $entry)) (local.get $key))
          (then
            (struct.set $entry $count (local.get $entry) (i32.add (struct.get $entry $count (local.get $entry)) (i32.const 1)))
            (return)))
        (local.set $entry (struct.get $entry $next (local.get $entry)))
        (br $search)))
    (array.set $buckets (local.get $buckets) (local.get $at)
      (struct.new $entry (local.get $key) (i32.const 1) (array.get $buckets (local.get $buckets) (local.get $at))))
    (struct.set $map $size (local.get $map) (i32.add (struct.get $map $size (local.get $map)) (i32.const 1)))
    (if (i32.gt_u (struct.get $map $size (local.get $map)) (i32.shl (array.len (local.get $buckets)) (i32.const 1)))
      (then (call $grow (local.get $map)))))

  ;; How many times $key was added, 0 when never.
  (func $count (param $map (ref $map)) (param $key i32) (result i32)
    (local $buckets (ref $buckets)) (local $entry (ref null $entry))
    (local.set $buckets (struct.get $map $buckets (local.get $map)))
    (local.set $entry (array.get $buckets (local.get $buckets) (call $bucket (local.get $key) (local.get $buckets))))
    (block $absent
      (loop $search
        (br_if $absent (ref.is_null (local.get $entry)))
        (if (i32.eq (struct.get $entry $key (local.get $entry)) (local.get $key))
          (then (return (struct.get $entry $count (local.get $entry)))))
        (local.set $entry (struct.get $entry $next (local.get $entry)))
        (br $search)))
    (i32.const 0))

  (func (export "_start")
    (local $round i32) (local $i i32) (local $map (ref null $map)) (local $found i32)
    (local $distinct i64) (local $founds i64) (local $counted i64)
    (call $bench_start)
    (loop $rounds
      (local.set $map (struct.new $map (array.new_default $buckets (i32.const 16)) (i32.const 0)))
      (local.set $i (i32.const 0))
      (loop $adds
        (call $add (ref.as_non_null (local.get $map)) (i32.rem_u (call $random) (global.get $key_range)))
        (br_if $adds (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $keys))))
      (local.set $distinct (i64.add (local.get $distinct) (i64.extend_i32_u (struct.get $map $size (local.get $map)))))
      (local.set $i (i32.const 0))
      (loop $lookups
        (local.set $found (call $count (ref.as_non_null (local.get $map)) (i32.rem_u (call $random) (global.get $key_range))))
        (if (local.get $found) (then (local.set $founds (i64.add (local.get $founds) (i64.const 1)))))
        (local.set $counted (i64.add (local.get $counted) (i64.extend_i32_u (local.get $found))))
        (br_if $lookups (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $keys))))
      (br_if $rounds (i32.lt_u (local.tee $round (i32.add (local.get $round) (i32.const 1))) (global.get $rounds))))
    (call $print_line (i32.const 0) (i32.const 10) (local.get $distinct))
    (call $print_line (i32.const 16) (i32.const 7) (local.get $founds))
    (call $print_line (i32.const 32) (i32.const 9) (local.get $counted))
    (call $bench_end))
)
