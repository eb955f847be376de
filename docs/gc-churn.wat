;; A store allocating far more than it keeps: each round makes a 64 KiB array of i8 (kept until the next round)
;; and a list of 256 structs of an i64 and a reference (dropped at the end of the round). `churn` returns the
;; bytes of WebAssembly data it made (65536 + 256 * 16 per round, .NET's object headers not counted), so
;; `heron run --invoke churn docs/gc-churn.wat 150000` allocates 10.4 GB; see docs/gc.md for its peak RSS.
(module
  (type $chunk (array (mut i8)))
  (type $link (struct (field i64) (field (ref null $link))))
  (func (export "churn") (param $rounds i32) (result i64)
    (local $chunk (ref null $chunk)) (local $list (ref null $link)) (local $i i32) (local $bytes i64)
    (loop $round
      (local.set $chunk (array.new_default $chunk (i32.const 65536)))
      (array.set $chunk (local.get $chunk) (i32.const 0) (local.get $rounds))
      (local.set $list (ref.null $link))
      (local.set $i (i32.const 256))
      (loop $links
        (local.set $list (struct.new $link (i64.extend_i32_u (local.get $i)) (local.get $list)))
        (br_if $links (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
      (local.set $bytes (i64.add (local.get $bytes) (i64.const 69632)))
      (br_if $round (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
    (local.get $bytes)))
