namespace Heron.Fuzz.Generation;

/// <summary>
/// The own generator's GC part, written only with the gc feature (other campaigns draw no random numbers here):
/// a struct type and a subtype of it, an i32 array and a byte array; objects made by <c>struct.new</c>,
/// <c>struct.new_default</c>, <c>array.new</c>, <c>_default</c>, <c>_fixed</c> and <c>_data</c>, and i31s,
/// kept in three globals (anyref, the struct type, the array type) that statements overwrite and mutate
/// (<c>struct.set</c>, <c>array.set</c>, <c>fill</c>, <c>copy</c>, through null and out-of-range indices
/// too); reads through <c>struct.get</c>, <c>array.get</c>/<c>_s</c>/<c>_u</c>, <c>array.len</c>,
/// <c>i31.get_s</c>/<c>_u</c>; <c>ref.test</c>, <c>ref.cast</c>, <c>br_on_cast</c>, <c>br_on_cast_fail</c>,
/// <c>ref.eq</c>, and the round trip through extern. The globals hold GC types, which Wasmtime's .NET API cannot
/// read, so an export <c>gc-state</c>, called last, folds what they hold into an i64 (<c>$classify</c>).
/// </summary>
internal sealed partial class OwnGenerator
{
    private bool Gc => features.Has("gc");

    private void GcDeclarations()
    {
        if (!Gc) return;
        var w = text;
        w.AppendLine("  (type $base (sub (struct (field (mut i32)))))");
        w.AppendLine("  (type $derived (sub $base (struct (field (mut i32)) (field (mut i64)))))");
        w.AppendLine("  (type $arr (array (mut i32)))");
        w.AppendLine("  (type $bytes (array (mut i8)))");
        w.AppendLine("  (global $ga (mut anyref) (ref.i31 (i32.const 5)))");
        w.AppendLine("  (global $gs (mut (ref null $base)) (ref.null $base))");
        w.AppendLine("  (global $garr (mut (ref null $arr)) (array.new_fixed $arr 2 (i32.const 1) (i32.const 2)))");
    }

    /// <summary>$classify: what an anyref holds as one i32 (kind in the low bits, contents above).</summary>
    private void GcFunctions()
    {
        if (!Gc) return;
        text.AppendLine("""
              (func $classify (param $r anyref) (result i32) (local $i i32) (local $s i32)
                (if (ref.is_null (local.get $r)) (then (return (i32.const 0))))
                (if (ref.test (ref i31) (local.get $r)) (then (return (i32.add (i32.const 1) (i32.shl (i31.get_s (ref.cast (ref i31) (local.get $r))) (i32.const 3))))))
                (if (ref.test (ref $derived) (local.get $r)) (then (return (i32.add (i32.const 2) (i32.shl (i32.xor (struct.get $derived 0 (ref.cast (ref $derived) (local.get $r)))
                  (i32.wrap_i64 (struct.get $derived 1 (ref.cast (ref $derived) (local.get $r))))) (i32.const 3))))))
                (if (ref.test (ref $base) (local.get $r)) (then (return (i32.add (i32.const 3) (i32.shl (struct.get $base 0 (ref.cast (ref $base) (local.get $r))) (i32.const 3))))))
                (if (ref.test (ref $arr) (local.get $r)) (then
                  (loop $l (if (i32.lt_u (local.get $i) (array.len (ref.cast (ref $arr) (local.get $r))))
                    (then (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (array.get $arr (ref.cast (ref $arr) (local.get $r)) (local.get $i))))
                          (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))))
                  (return (i32.add (i32.const 4) (i32.shl (i32.add (local.get $s) (array.len (ref.cast (ref $arr) (local.get $r)))) (i32.const 3))))))
                (if (ref.test (ref $bytes) (local.get $r)) (then (return (i32.add (i32.const 5) (i32.shl (i32.add (array.len (ref.cast (ref array) (local.get $r)))
                  (array.get_s $bytes (ref.cast (ref $bytes) (local.get $r)) (i32.const 0))) (i32.const 3))))))
                (i32.const 6))
            """);
    }

    /// <summary>Exported after the tests, so the campaign calls it last: the GC globals' contents as one i64.</summary>
    private void GcState()
    {
        if (!Gc) return;
        text.AppendLine("""
              (func (export "gc-state") (result i64)
                (i64.or (i64.shl (i64.extend_i32_u (i32.xor (call $classify (global.get $ga)) (i32.rotl (call $classify (global.get $garr)) (i32.const 7)))) (i64.const 32))
                        (i64.extend_i32_u (call $classify (global.get $gs)))))
            """);
    }

    private void GcStatementChoices(List<Func<string>> choices, int depth)
    {
        if (!Gc) return;
        choices.Add(() => $"(global.set $ga {AnyRefExpr(depth - 1)})");
        choices.Add(() => $"(global.set $gs {BaseExpr(depth - 1)})");
        choices.Add(() => $"(global.set $garr {ArrayExpr(depth - 1)})");
        choices.Add(() => $"(struct.set $base 0 (global.get $gs) {I32Expr(depth - 1)})");
        choices.Add(() => $"(struct.set $derived 1 (ref.cast (ref null $derived) (global.get $gs)) {I64Expr(depth - 1)})");
        choices.Add(() => $"(array.set $arr (global.get $garr) {GcIndex()} {I32Expr(depth - 1)})");
        choices.Add(() => $"(array.fill $arr (global.get $garr) {GcIndex()} {I32Expr(depth - 1)} {GcIndex()})");
        // The source is never null at the copy: with a null source and a destination range out of bounds the spec traps
        // for the null (both null checks come first), Wasmtime 50 for the range (docs/fuzzing.md). Trap kinds are
        // outside the spec, so neither is wrong; ref.as_non_null makes both trap for the null before the copy.
        choices.Add(() => $"(array.copy $arr $arr (global.get $garr) {GcIndex()} (ref.as_non_null {Pick("(global.get $garr)", ArrayExpr(depth - 1))}) {GcIndex()} {GcIndex()})");
    }

    private void GcI32Choices(List<Func<string>> choices, int depth)
    {
        if (!Gc) return;
        choices.Add(() => $"(call $classify {AnyRefExpr(depth - 1)})");
        choices.Add(() => $"(ref.test {Pick("(ref $base)", "(ref null $derived)", "(ref i31)", "(ref struct)", "(ref array)", "(ref eq)", "(ref $bytes)", "(ref none)")} {AnyRefExpr(depth - 1)})");
        choices.Add(() => $"(i31.get_{Pick("s", "u")} {Pick("(ref.cast (ref i31) (global.get $ga))", $"(ref.i31 {I32Expr(depth - 1)})", "(ref.cast i31ref (global.get $ga))")})");
        choices.Add(() => $"(struct.get $base 0 {BaseExpr(depth - 1)})");
        choices.Add(() => $"(i32.wrap_i64 (struct.get $derived 1 (ref.cast (ref $derived) {AnyRefExpr(depth - 1)})))");
        choices.Add(() => $"(array.len {Pick("(global.get $garr)", "(ref.cast (ref array) (global.get $ga))")})");
        choices.Add(() => $"(array.get $arr (global.get $garr) {GcIndex()})");
        choices.Add(() => $"(array.get_{Pick("s", "u")} $bytes (ref.cast (ref null $bytes) (global.get $ga)) {GcIndex()})");
        choices.Add(() => $"(ref.eq {Pick("(global.get $gs)", "(global.get $garr)", "(ref.cast eqref (global.get $ga))")} {Pick("(global.get $gs)", "(global.get $garr)", "(ref.cast eqref (global.get $ga))", "(ref.i31 (i32.const 5))")})");
        choices.Add(() => $"(ref.is_null {Pick("(global.get $ga)", "(global.get $gs)", "(global.get $garr)")})");
        choices.Add(() =>
        {
            var n = labels++;
            return $"(block $cd{n} (result i32) (struct.get $base 0 (block $cl{n} (result (ref $base)) " +
                   $"(br_on_cast $cl{n} anyref (ref $base) {AnyRefExpr(depth - 1)}) (drop) (br $cd{n} (i32.const -7)))))";
        });
        choices.Add(() =>
        {
            var n = labels++;
            return $"(block $fd{n} (result i32) (drop (block $fl{n} (result anyref) " +
                   $"(br $fd{n} (array.len (br_on_cast_fail $fl{n} anyref (ref array) {AnyRefExpr(depth - 1)}))))) (i32.const -9))";
        });
    }

    private string AnyRefExpr(int depth) => random.Next(depth <= 0 ? 4 : 11) switch
    {
        0 => "(global.get $ga)",
        1 => "(global.get $gs)",
        2 => "(global.get $garr)",
        3 => Pick("(ref.null any)", "(ref.null none)", "(ref.i31 (i32.const -1))"),
        4 => $"(ref.i31 {I32Expr(depth - 1)})",
        5 => BaseExpr(depth),
        6 => ArrayExpr(depth),
        7 => $"(array.new_data $bytes {Pick("$d0", "$d1")} {Small()} {Small()})",
        8 => $"(any.convert_extern (extern.convert_any {AnyRefExpr(depth - 1)}))",
        9 => $"(ref.cast anyref {AnyRefExpr(depth - 1)})",
        _ => $"(select (result anyref) (global.get $ga) {AnyRefExpr(depth - 1)} {I32Expr(depth - 1)})",
    };

    /// <summary>A (ref null $base): a new struct of either type, the global, or a cast that may fail.</summary>
    private string BaseExpr(int depth) => random.Next(depth <= 0 ? 3 : 6) switch
    {
        0 => "(global.get $gs)",
        1 => "(ref.null $base)",
        2 => "(struct.new_default $derived)",
        3 => $"(struct.new $base {I32Expr(depth - 1)})",
        4 => $"(struct.new $derived {I32Expr(depth - 1)} {I64Expr(depth - 1)})",
        _ => $"(ref.cast (ref null $base) {AnyRefExpr(depth - 1)})",
    };

    /// <summary>A (ref null $arr); lengths stay under 64 (allocation limits are the engines' own).</summary>
    private string ArrayExpr(int depth) => random.Next(depth <= 0 ? 2 : 5) switch
    {
        0 => "(global.get $garr)",
        1 => $"(array.new_default $arr {GcLength()})",
        2 => $"(array.new $arr {I32Expr(depth - 1)} {GcLength()})",
        3 => $"(array.new_fixed $arr 3 {I32Expr(depth - 1)} {I32Expr(depth - 1)} {I32Expr(depth - 1)})",
        _ => $"(ref.cast (ref null $arr) {AnyRefExpr(depth - 1)})",
    };

    private string GcLength() => random.Next(2) == 0 ? $"(i32.const {random.Next(0, 9)})" : "(i32.and (local.get 1) (i32.const 63))";

    private string GcIndex() => random.Next(3) switch
    {
        0 => $"(i32.const {random.Next(0, 9)})",
        1 => $"(i32.const {Pick(I32Edges)})",
        _ => "(i32.and (local.get 0) (i32.const 15))",
    };
}
