;; A cast-heavy workload on WebAssembly GC: an array of anyref holding a mix of shapes (a small hierarchy of
;; struct subtypes) and i31 numbers, walked again and again; each element is dispatched on its type with
;; br_on_cast (leaf types first, then the parent $rect), counted with ref.test, and read through ref.cast to
;; the root type. A WASI command printing the totals, checked against gc-casts.stdout.expected (computed
;; independently); bench.start/bench.end bracket the work.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "bench" "start" (func $bench_start))
  (import "bench" "end" (func $bench_end))
  (memory (export "memory") 1)
  (data (i32.const 0) "area: ")    ;; 0, 6 bytes
  (data (i32.const 16) "shapes: ") ;; 16, 8
  (data (i32.const 32) "ids: ")    ;; 32, 5
  (data (i32.const 48) "i31s: ")   ;; 48, 6
  (data (i32.const 64) "\n")       ;; 64, 1

  (type $shape (sub (struct (field $id i32))))
  (type $circle (sub final $shape (struct (field $id i32) (field $r f64))))
  (type $rect (sub $shape (struct (field $id i32) (field $w f64) (field $h f64))))
  (type $square (sub final $rect (struct (field $id i32) (field $w f64) (field $h f64))))
  (type $triangle (sub final $shape (struct (field $id i32) (field $base f64) (field $height f64))))
  (type $objects (array (mut anyref)))

  (global $count i32 (i32.const 4096))
  (global $rounds i32 (i32.const 6000))
  (global $seed (mut i32) (i32.const 12345))

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
    (call $write (i32.const 64) (i32.const 1)))

  ;; A linear congruential generator; the high bits are the better ones.
  (func $random (result i32)
    (global.set $seed (i32.add (i32.mul (global.get $seed) (i32.const 1103515245)) (i32.const 12345)))
    (i32.shr_u (global.get $seed) (i32.const 16)))

  (func $size (result f64)
    (f64.convert_i32_u (i32.add (i32.and (call $random) (i32.const 15)) (i32.const 1))))

  (func $make (param $id i32) (result anyref)
    (local $kind i32)
    (local.set $kind (i32.rem_u (call $random) (i32.const 5)))
    (if (i32.eq (local.get $kind) (i32.const 0)) (then (return (struct.new $circle (local.get $id) (call $size)))))
    (if (i32.eq (local.get $kind) (i32.const 1)) (then (return (struct.new $rect (local.get $id) (call $size) (call $size)))))
    (if (i32.eq (local.get $kind) (i32.const 2))
      (then (return (struct.new $square (local.get $id) (call $size) (f64.const 0)))))
    (if (i32.eq (local.get $kind) (i32.const 3))
      (then (return (struct.new $triangle (local.get $id) (call $size) (call $size)))))
    (ref.i31 (i32.and (call $random) (i32.const 255))))

  ;; The area of a shape, or an i31's number; each kind found by a cast.
  (func $area (param $object anyref) (result f64)
    (local $rect (ref $rect)) (local $triangle (ref $triangle))
    (block $is_i31 (result (ref i31))
      (block $is_triangle (result (ref $triangle))
        (block $is_rect (result (ref $rect))
          (block $is_square (result (ref $square))
            (block $is_circle (result (ref $circle))
              (local.get $object)
              (br_on_cast $is_circle anyref (ref $circle))
              (br_on_cast $is_square anyref (ref $square))
              (br_on_cast $is_rect anyref (ref $rect))
              (br_on_cast $is_triangle anyref (ref $triangle))
              (br_on_cast $is_i31 anyref (ref i31))
              (unreachable))
            (struct.get $circle $r)
            (f64.mul (f64.const 3))
            (return (f64.mul (struct.get $circle $r (ref.cast (ref $circle) (local.get $object))))))
          (struct.get $square $w)
          (return (f64.mul (struct.get $square $w (ref.cast (ref $square) (local.get $object))))))
        (local.set $rect)
        (return (f64.mul (struct.get $rect $w (local.get $rect)) (struct.get $rect $h (local.get $rect)))))
      (local.set $triangle)
      (return (f64.mul (f64.const 0.5)
        (f64.mul (struct.get $triangle $base (local.get $triangle)) (struct.get $triangle $height (local.get $triangle))))))
    (f64.convert_i32_s (i31.get_s)))

  (func (export "_start")
    (local $objects (ref $objects)) (local $i i32) (local $round i32) (local $object anyref)
    (local $area f64) (local $shapes i64) (local $ids i64) (local $i31s i64)
    (call $bench_start)
    (local.set $objects (array.new_default $objects (global.get $count)))
    (loop $fill
      (array.set $objects (local.get $objects) (local.get $i) (call $make (local.get $i)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $count))))
    (loop $rounds
      (local.set $i (i32.const 0))
      (loop $each
        (local.set $object (array.get $objects (local.get $objects) (local.get $i)))
        (local.set $area (f64.add (local.get $area) (call $area (local.get $object))))
        (if (ref.test (ref $shape) (local.get $object))
          (then
            (local.set $shapes (i64.add (local.get $shapes) (i64.const 1)))
            (local.set $ids (i64.add (local.get $ids)
              (i64.extend_i32_u (struct.get $shape $id (ref.cast (ref $shape) (local.get $object)))))))
          (else
            (if (ref.test (ref i31) (local.get $object))
              (then (local.set $i31s (i64.add (local.get $i31s) (i64.const 1)))))))
        (br_if $each (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $count))))
      (br_if $rounds (i32.lt_u (local.tee $round (i32.add (local.get $round) (i32.const 1))) (global.get $rounds))))
    (call $print_line (i32.const 0) (i32.const 6) (i64.trunc_f64_u (local.get $area)))
    (call $print_line (i32.const 16) (i32.const 8) (local.get $shapes))
    (call $print_line (i32.const 32) (i32.const 5) (local.get $ids))
    (call $print_line (i32.const 48) (i32.const 6) (local.get $i31s))
    (call $bench_end))
)
