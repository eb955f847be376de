namespace Heron.Fuzz.Generation;

/// <summary>
/// The own generator's WebAssembly 3.0 parts, written only when the campaign's features include them (a 2.0
/// campaign draws no random numbers here, so its seeds keep their modules):
/// a second memory (<c>$x</c>, 64-bit with memory64) with loads, stores, bulk operations and copies between
/// the memories at edge addresses and offsets beyond 4 GiB; tail calls (a tail recursion up to a million deep,
/// <c>return_call_indirect</c> through the shared table); tags, <c>throw</c> from callees and tables, and
/// <c>try_table</c> with every kind of catch clause and <c>throw_ref</c>; extended constant expressions in
/// globals and segment offsets; and <c>call_ref</c> through a typed global that may be null.
/// </summary>
internal sealed partial class OwnGenerator
{
    private static readonly string[] I64Addresses = ["0", "1", "0xfffc", "0x10000", "0xffffffff", "0x100000000", "0xfffffffffffffff8", "0x7fffffffffffffff", "-1"];
    private static readonly string[] I64Offsets = ["0", "4", "65535", "4294967295", "4294967296", "18446744073709551615"];

    private readonly FuzzFeatures features;
    private int labels;

    private bool SecondMemory => features.Has("multi-memory");

    private bool Memory64 => SecondMemory && features.Has("memory64");

    private bool Exceptions => features.Has("exceptions");

    private bool TailCalls => features.Has("tail-call");

    private bool TypedReferences => features.Has("function-references") || features.Has("gc");

    private bool HasWasm3Code => SecondMemory || Exceptions || TailCalls || TypedReferences || Atomics || WideArithmetic;

    /// <summary>The address type of the second memory.</summary>
    private string X => Memory64 ? "i64" : "i32";

    private void Wasm3Declarations()
    {
        var w = text;
        if (SecondMemory)
        {
            var pages = random.Next(0, 3);
            w.AppendLine($"  (memory $x (export \"mem1\") {X} {pages} {pages + random.Next(0, 4)})");
            if (pages > 0) w.AppendLine($"  (data (memory $x) ({X}.const {random.Next(0, 65536 - 64)}) \"{Bytes(random.Next(1, 64))}\")");
        }
        if (Exceptions)
        {
            w.AppendLine("  (tag $e0 (param i32))");
            w.AppendLine("  (tag $e1 (param i64 i32))");
            w.AppendLine("  (tag $e2)");
        }
        if (features.Has("extended-const"))
        {
            // Arithmetic on constants (and with GC on an earlier immutable global), in globals and in an active segment's offset.
            w.AppendLine($"  (global $k0 i32 (i32.add (i32.const {I32()}) (i32.mul (i32.const {I32()}) (i32.const {I32()}))))");
            // Earlier defined globals may appear in constant expressions only with GC (before it, imported ones only).
            var first = features.Has("gc") ? "(global.get $k0)" : $"(i32.const {I32()})";
            w.AppendLine($"  (global $k1 (export \"k1\") i32 (i32.sub {first} (i32.const {I32()})))");
            w.AppendLine($"  (global $k2 (export \"k2\") i64 (i64.mul (i64.add (i64.const {I64()}) (i64.const {I64()})) (i64.const {I64()})))");
            w.AppendLine($"  (data (i32.add (i32.const {random.Next(0, 40000)}) (i32.mul (i32.const {random.Next(0, 100)}) (i32.const {random.Next(0, 300)}))) \"{Bytes(random.Next(1, 16))}\")");
        }
        GcDeclarations();
        if (TypedReferences) w.AppendLine($"  (global $fr (mut (ref null $i)) {(random.Next(3) == 0 ? "(ref.null $i)" : "(ref.func $h0)")})");
    }

    private void Wasm3Functions()
    {
        var w = text;
        GcFunctions();
        if (TailCalls)
        {
            // A tail recursion as deep as the first argument (up to a million): it runs only in constant stack.
            w.AppendLine("  (func $count (type $i) (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1)) " +
                         "(else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 3))))))");
            w.AppendLine($"  (func $tail (type $i) (if {I32Expr(1)} (then (return_call_indirect $tab (type $i) {I32Expr(1)} {I32Expr(1)} {Index()}))) " +
                         $"(return_call $h{3 * random.Next(2)} {I32Expr(1)} {I32Expr(1)}))");
            w.AppendLine("  (elem declare func $tail)");
            w.AppendLine("  (func (export \"deep\") (param i32 i32) (result i32) (call $count (i32.or (i32.and (local.get 0) (i32.const 0xffff)) (i32.const 0xf0000)) (local.get 1)))");
        }
        if (Exceptions)
        {
            w.AppendLine($"  (func $thrower (type $i) (if (i32.eqz (i32.and (local.get 0) (i32.const 3))) (then (throw $e0 {I32Expr(1)}))) " +
                         $"(if (i32.eq (i32.and (local.get 0) (i32.const 3)) (i32.const 1)) (then (throw $e1 {I64Expr(1)} {I32Expr(1)}))) " +
                         $"(if (i32.eq (i32.and (local.get 0) (i32.const 3)) (i32.const 2)) (then (throw $e2))) {I32Expr(1)})");
            w.AppendLine("  (elem declare func $thrower)");
        }
    }

    private string Wasm3Statement(int depth)
    {
        var choices = new List<Func<string>>();
        if (SecondMemory)
        {
            choices.Add(() => $"(i64.store{Pick("", "8", "16", "32")} $x offset={XOffset()} {XAddress()} {I64Expr(depth - 1)})");
            choices.Add(() => $"(i32.store{Pick("", "8", "16")} $x offset={XOffset()} {XAddress()} {I32Expr(depth - 1)})");
            choices.Add(() => $"(memory.fill $x {XAddress()} {I32Expr(0)} {XLength()})");
            choices.Add(() => $"(memory.copy $x $x {XAddress()} {XAddress()} {XLength()})");
            // Between memories of different address types the length is i32.
            choices.Add(() => $"(memory.copy $mem $x {Address()} {XAddress()} {Length()})");
            choices.Add(() => $"(memory.copy $x $mem {XAddress()} {Address()} {Length()})");
            choices.Add(() => $"(memory.init $x {Pick("$d0", "$d1")} {XAddress()} {Small()} {Small()})");
            choices.Add(() => $"(drop (memory.grow $x ({X}.const {Pick("0", "1", "3", "65536")})))");
        }
        if (Exceptions)
        {
            choices.Add(() => $"(if {I32Expr(depth - 1)} (then (throw $e0 {I32Expr(depth - 1)})))");
            choices.Add(() => $"(drop {TryTable(depth)})");
        }
        if (TypedReferences)
            choices.Add(() => $"(global.set $fr {Pick("(ref.null $i)", "(ref.func $h0)", "(ref.func $h3)", TailCalls ? "(ref.func $tail)" : "(ref.func $h0)")})");
        ThreadsStatementChoices(choices, depth);
        GcStatementChoices(choices, depth);
        return choices.Count == 0 ? "(nop)" : choices[random.Next(choices.Count)]();
    }

    private string Wasm3I32Expr(int depth)
    {
        var choices = new List<Func<string>>();
        if (SecondMemory)
        {
            choices.Add(() => $"(i32.load{Pick("", "8_s", "16_u")} $x offset={XOffset()} {XAddress()})");
            choices.Add(() => $"(i32.wrap_i64 (i64.load{Pick("", "32_s", "8_u")} $x offset={XOffset()} {XAddress()}))");
            choices.Add(() => Memory64 ? "(i32.wrap_i64 (memory.size $x))" : "(memory.size $x)");
        }
        if (TailCalls)
        {
            // Shallow here, as expressions may sit in loops; the export "deep" recurses a million times.
            choices.Add(() => $"(call $count (i32.and {I32Expr(depth - 1)} (i32.const {Pick("0xff", "0xfff")})) {I32Expr(depth - 1)})");
            choices.Add(() => $"(call $tail {I32Expr(depth - 1)} {I32Expr(depth - 1)})");
        }
        if (Exceptions)
        {
            choices.Add(() => TryTable(depth));
            choices.Add(() => $"(call $thrower {I32Expr(depth - 1)} {I32Expr(depth - 1)})");
        }
        if (TypedReferences)
        {
            choices.Add(() => $"(call_ref $i {I32Expr(depth - 1)} {I32Expr(depth - 1)} (global.get $fr))");
            choices.Add(() => $"(call_ref $i {I32Expr(depth - 1)} {I32Expr(depth - 1)} (ref.as_non_null (global.get $fr)))");
            var label = $"$n{labels++}";
            choices.Add(() => $"(block {label} (result i32) (br_on_null {label} (i32.const {I32()}) (global.get $fr)) (drop) (drop) (i32.const 7))");
        }
        ThreadsI32Choices(choices, depth);
        GcI32Choices(choices, depth);
        return choices[random.Next(choices.Count)]();
    }

    /// <summary>A try_table whose body may throw (directly or from a callee), with a random set of catch
    /// clauses: what a clause catches becomes the expression's i32 value, and a caught exnref is dropped or
    /// thrown again with throw_ref.</summary>
    private string TryTable(int depth)
    {
        var n = labels++;
        string done = $"$done{n}", none = $"$none{n}", pair = $"$pair{n}", exn = $"$exn{n}";
        var clauses = new List<string>();
        if (random.Next(2) == 0) clauses.Add($"(catch $e0 {done})");
        if (random.Next(2) == 0) clauses.Add($"(catch $e1 {pair})");
        if (random.Next(3) == 0) clauses.Add($"(catch $e2 {none})");
        if (random.Next(3) == 0) clauses.Add($"(catch_ref $e2 {exn})");
        if (random.Next(3) == 0) clauses.Add($"(catch_all_ref {exn})");
        if (random.Next(3) == 0) clauses.Add($"(catch_all {none})");
        if (random.Next(4) == 0) clauses.Reverse();
        var body = random.Next(4) switch
        {
            0 => Pick($"(throw $e0 {I32Expr(depth - 1)})", $"(throw $e1 {I64Expr(depth - 1)} {I32Expr(depth - 1)})", "(throw $e2)"),
            1 => $"(call $thrower {I32Expr(depth - 1)} {I32Expr(depth - 1)})",
            2 => $"(if (result i32) {I32Expr(depth - 1)} (then (call $thrower {I32Expr(depth - 1)} (local.get 1))) (else {I32Expr(depth - 1)}))",
            _ => I32Expr(depth - 1),
        };
        var afterExn = random.Next(2) == 0 ? "(throw_ref)" : "(drop) (i32.const -5)";
        return $"(block {done} (result i32) (block {exn} (result exnref) (block {pair} (result i64 i32) (block {none} " +
               $"(br {done} (try_table (result i32) {string.Join(' ', clauses)} {body}))) (br {done} (i32.const -3))) " +
               $"(drop) (br {done} (i32.wrap_i64))) {afterExn})";
    }

    private string XAddress() => random.Next(5) switch
    {
        0 => $"({X}.const {random.Next(0, 140000)})",
        1 => Memory64 ? $"(i64.const {Pick(I64Addresses)})" : $"(i32.const {Pick(I32Edges)})",
        2 => Memory64 ? "(i64.extend_i32_u (local.get 0))" : "(local.get 0)",
        3 => Memory64 ? $"(i64.add (i64.extend_i32_u (local.get {Pointer()})) (i64.const {Displacement()}))" : $"(i32.add (local.get {Pointer()}) (i32.const {Displacement()}))",
        _ => Memory64 ? "(i64.and (i64.extend_i32_s (local.get 1)) (i64.const 0x1ffff))" : "(i32.and (local.get 1) (i32.const 0x1ffff))",
    };

    private string XOffset() => Memory64 ? Pick(I64Offsets) : Pick("0", "4", "65535", "4294967295");

    private string XLength() => Memory64 ? $"(i64.extend_i32_u {Length()})" : Length();
}
