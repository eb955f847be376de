using System.Globalization;
using System.Text;
using Heron.Text;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Heron's own module generator, for what binaryen's translate-to-fuzz leaves out: <c>call_indirect</c> through
/// tables with null entries and mismatched types, bulk memory and table instructions with edge-value operands,
/// passive segments and their drops, multi-value blocks and calls, mutable globals, every kind of trap, and
/// deep-ish recursion. It writes the text format and encodes it with Heron's text parser; both engines then
/// run the same bytes. Loops are bounded by construction, and no float is reinterpreted or stored, so NaN bit
/// patterns (which the spec leaves open) reach results only as NaNs, which are compared by class.
/// </summary>
internal sealed partial class OwnGenerator
{
    private static readonly string[] WalkOffsets = ["0", "4", "8", "12", "16", "100", "65535"];
    private static readonly string[] I32Edges = ["0", "1", "-1", "0x7fffffff", "0x80000000", "65535", "65536", "0xfffffffc", "3", "0xfff0", "0x10000"];
    private static readonly string[] I64Edges = ["0", "1", "-1", "0x7fffffffffffffff", "0x8000000000000000", "0xffffffff", "0x100000000"];
    private static readonly string[] F64Edges = ["0", "-0", "inf", "-inf", "nan", "-nan", "nan:0x4000000000000", "1.5", "-2.5", "0x1p63", "-0x1p63", "0x1p31", "4294967296", "0x1.fffffffffffffp+1023"];
    private static readonly string[] I32Binary = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "eq", "ne", "lt_s", "lt_u", "gt_s", "ge_u", "le_s"];
    private static readonly string[] I32Unary = ["clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s"];
    private static readonly string[] I64Binary = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
    private static readonly string[] F64Binary = ["add", "sub", "mul", "div", "min", "max", "copysign"];
    private static readonly string[] F64Unary = ["neg", "abs", "sqrt", "ceil", "floor", "trunc", "nearest"];
    private static readonly string[] TruncToI32 = ["i32.trunc_f64_s", "i32.trunc_f64_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u"];
    private static readonly string[] TruncToI64 = ["i64.trunc_f64_s", "i64.trunc_f64_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u"];

    private readonly Random random;
    private readonly StringBuilder text = new();
    private readonly int tableSize;
    private readonly int helperCount = 6;

    private OwnGenerator(int seed, FuzzFeatures features)
    {
        random = new Random(seed);
        tableSize = random.Next(0, 12);
        this.features = features;
    }

    public static byte[] Generate(int seed) => Generate(seed, FuzzFeatures.Wasm2);

    public static byte[] Generate(int seed, FuzzFeatures features) => WatParser.ParseModule(GenerateText(seed, features));

    public static string GenerateText(int seed) => GenerateText(seed, FuzzFeatures.Wasm2);

    public static string GenerateText(int seed, FuzzFeatures features) => new OwnGenerator(seed, features).Module();

    private string Module()
    {
        var w = text;
        w.AppendLine("(module");
        w.AppendLine("  (type $i (func (param i32 i32) (result i32)))");
        w.AppendLine("  (type $l (func (param i32 i32) (result i64)))");
        w.AppendLine("  (type $p (func (param i32 i32) (result i32 i32)))");
        w.AppendLine("  (import \"host\" \"log\" (func $log (param i32)))");
        w.AppendLine("  (import \"host\" \"log64\" (func $log64 (param i64)))");
        var pages = random.Next(0, 3);
        w.AppendLine($"  (memory $mem (export \"mem\") {pages} {pages + random.Next(0, 4)}{SharedMemory})");
        Wasm3Declarations();
        w.AppendLine($"  (table $tab (export \"tab\") {tableSize} {tableSize + random.Next(0, 8)} funcref)");
        w.AppendLine($"  (table $ext (export \"ext\") {random.Next(0, 4)} externref)");
        w.AppendLine($"  (global $g0 (export \"g0\") (mut i32) (i32.const {I32()}))");
        w.AppendLine($"  (global $g1 (export \"g1\") (mut i64) (i64.const {I64()}))");
        w.AppendLine($"  (global $gr (export \"gr\") (mut funcref) (ref.null func))");
        w.AppendLine($"  (data $d0 \"{Bytes(random.Next(0, 40))}\")");
        w.AppendLine($"  (data $d1 \"{Bytes(random.Next(0, 8))}\")");
        if (pages > 0 && random.Next(3) > 0) w.AppendLine($"  (data (i32.const {random.Next(0, 65536 - 64)}) \"{Bytes(random.Next(1, 64))}\")");
        w.AppendLine($"  (elem $e0 func {Helpers(random.Next(0, 6))})");
        w.AppendLine($"  (elem $e1 funcref (ref.null func) (ref.func $h{random.Next(helperCount)}))");
        if (tableSize > 0) w.AppendLine($"  (elem (table $tab) (i32.const {random.Next(0, tableSize)}) func {Helpers(random.Next(0, 3))})");
        w.AppendLine($"  (elem declare func $rec {string.Join(' ', Enumerable.Range(0, helperCount).Select(h => $"$h{h}"))})");
        // Helpers take the same parameters as the tests (two i32s), so expressions fit in either. Helpers of different types share the table, so call_indirect meets both matches and mismatches.
        for (var h = 0; h < helperCount; h++)
        {
            switch (h % 3)
            {
                case 0: w.AppendLine($"  (func $h{h} (type $i) {I32Expr(2)})"); break;
                case 1: w.AppendLine($"  (func $h{h} (type $l) {I64Expr(2)})"); break;
                default: w.AppendLine($"  (func $h{h} (type $p) {I32Expr(1)} {I32Expr(1)})"); break;
            }
        }
        w.AppendLine("  (func $rec (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (global.get $g0)) (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))");
        Wasm3Functions();
        var tests = random.Next(2, 7);
        for (var t = 0; t < tests; t++) TestFunction(t);
        if (Atomics) MemoryDigest();
        GcState();
        w.AppendLine(")");
        return w.ToString();
    }

    private void TestFunction(int index)
    {
        var multi = random.Next(4) == 0;
        text.Append($"  (func (export \"t{index}\") (param i32 i32) (result i32{(multi ? " i64" : "")}) (local i32 i64 f64 i32 i32 i32 i32)\n");
        inTestFunction = true;
        for (var s = random.Next(1, 6); s > 0; s--) text.Append("    ").Append(Statement(2)).Append('\n');
        text.Append("    ").Append(I32Expr(3));
        if (multi) text.Append(' ').Append(I64Expr(2));
        inTestFunction = false;
        text.Append(")\n");
    }

    private string Statement(int depth)
    {
        if (HasWasm3Code && random.Next(4) == 0) return Wasm3Statement(depth);
        switch (random.Next(depth <= 0 ? 8 : 14))
        {
            case 0: return $"(global.set $g0 {I32Expr(depth)})";
            case 1: return $"(global.set $g1 {I64Expr(depth)})";
            case 2: return $"(i32.store{Pick("", "8", "16")} offset={Pick("0", "4", "65535", "4294967295")} {Address()} {I32Expr(depth)})";
            case 3: return $"(call $log {I32Expr(depth)})";
            case 4: return $"(call $log64 {I64Expr(depth)})";
            case 5: return $"(memory.{Pick("fill", "copy")} {Address()} {Address()} {Length()})";
            case 6: return $"(memory.init {Pick("$d0", "$d1")} {Address()} {Small()} {Small()})";
            case 7: return Pick("(data.drop $d0)", "(data.drop $d1)", "(elem.drop $e0)", "(elem.drop $e1)", "(drop (memory.grow (i32.and (local.get 1) (i32.const 3))))");
            case 8: return TableStatement();
            case 9: return $"(if {I32Expr(depth - 1)} (then {Statement(depth - 1)}) (else {Statement(depth - 1)}))";
            case 10:
                // A loop bounded by construction: it counts a local down from at most 63; each nesting depth
                // has its own counter, so an inner loop cannot reset an outer one.
                var counter = 4 + depth;
                return $"(local.set {counter} (i32.and {I32Expr(1)} (i32.const 63))) (block $out (loop $top (br_if $out (i32.eqz (local.get {counter}))) {Statement(depth - 1)} (local.set {counter} (i32.sub (local.get {counter}) (i32.const 1))) (br $top)))";
            case 11:
                return $"(block $b2 (block $b1 (block $b0 (br_table $b0 $b1 $b2 {I32Expr(depth - 1)})) {Statement(depth - 1)}) {Statement(depth - 1)})";
            case 12:
                // Pointer locals derived from one another (bounds facts carry over through these), and walks:
                // an access, a derived pointer, an access through it (the second check may be left out).
                return random.Next(5) switch
                {
                    < 2 => $"(drop (i32.load{Pick("", "8_u", "16_u")} offset={Pick(WalkOffsets)} (local.get {Pointer()}))) " +
                           $"(local.set {Pointer()} (i32.add (local.get {Pointer()}) (i32.const {Displacement()}))) " +
                           $"(i32.store{Pick("", "8", "16")} offset={Pick(WalkOffsets)} (local.get {Pointer()}) {I32Expr(depth - 1)}) " +
                           $"(call $log (i32.load offset={Pick(WalkOffsets)} (i32.add (local.get {Pointer()}) (i32.const {Displacement()}))))",
                    2 => $"(local.set 2 (i32.add (local.get 0) (i32.const {Displacement()})))",
                    3 => $"(local.set 0 (i32.add (local.get {Pointer()}) (i32.const {Displacement()})))",
                    _ => $"(local.set {Pointer()} (local.get {Pointer()}))",
                };
            default:
                return $"(local.set 4 {F64Expr(depth)}) (call $log ({Pick(TruncToI32)} (local.get 4)))";
        }
    }

    private string TableStatement() => random.Next(7) switch
    {
        0 => $"(table.set $tab {Index()} {FuncRef()})",
        1 => $"(drop (table.grow $tab {FuncRef()} {Small()}))",
        2 => $"(table.fill $tab {Index()} {FuncRef()} {Small()})",
        3 => $"(table.copy $tab $tab {Index()} {Index()} {Small()})",
        4 => $"(table.init $tab {Pick("$e0", "$e1")} {Index()} {Small()} {Small()})",
        5 => $"(table.set $ext {Index()} (table.get $ext {Index()}))",
        _ => $"(global.set $gr (table.get $tab {Index()}))",
    };

    private string I32Expr(int depth)
    {
        if (depth <= 0 || random.Next(5) == 0)
            return random.Next(3) switch { 0 => "(local.get 0)", 1 => "(local.get 1)", _ => $"(i32.const {I32()})" };
        if (HasWasm3Code && random.Next(5) == 0) return Wasm3I32Expr(depth);
        return random.Next(20) switch
        {
            < 6 => $"(i32.{Pick(I32Binary)} {I32Expr(depth - 1)} {I32Expr(depth - 1)})",
            < 8 => $"(i32.{Pick(I32Unary)} {I32Expr(depth - 1)})",
            8 => $"(i32.wrap_i64 {I64Expr(depth - 1)})",
            9 => $"({Pick(TruncToI32)} {F64Expr(depth - 1)})",
            10 => $"(select {I32Expr(depth - 1)} {I32Expr(depth - 1)} {I32Expr(depth - 1)})",
            11 => $"(i32.load{Pick("", "8_s", "8_u", "16_s", "16_u")} offset={Pick("0", "1", "65535")} {Address()})",
            12 => Pick("(memory.size)", "(global.get $g0)", "(table.size $tab)", "(ref.is_null (global.get $gr))", "(ref.is_null (table.get $ext (i32.const 0)))"),
            13 => $"(call_indirect $tab (type $i) {I32Expr(depth - 1)} {I32Expr(depth - 1)} {Index()})",
            14 => $"(i32.wrap_i64 (call_indirect $tab (type $l) {I32Expr(depth - 1)} {I32Expr(depth - 1)} {Index()}))",
            15 => $"(i32.{Pick("add", "sub", "xor")} (call_indirect $tab (type $p) {I32Expr(depth - 1)} {I32Expr(depth - 1)} {Index()}))",
            16 => $"(call $rec (i32.and {I32Expr(depth - 1)} (i32.const {Pick("0xff", "0x3ff", "0xffff")})))",
            17 => $"(i32.sub {I32Expr(depth - 1)} {I32Expr(depth - 1)} (block $m (param i32 i32) (result i32 i32) (br_if $m {I32Expr(depth - 1)})))",
            18 => $"(if (result i32) {I32Expr(depth - 1)} (then {I32Expr(depth - 1)}) (else (unreachable)))",
            _ => $"(ref.is_null (table.get $tab {Index()}))",
        };
    }

    private string I64Expr(int depth)
    {
        if (depth <= 0 || random.Next(5) == 0)
            return random.Next(3) switch { 0 => "(i64.extend_i32_s (local.get 0))", 1 => "(i64.extend_i32_u (local.get 1))", _ => $"(i64.const {I64()})" };
        if (HasI64Extensions && random.Next(5) == 0) return ThreadsI64Expr(depth);
        return random.Next(8) switch
        {
            < 4 => $"(i64.{Pick(I64Binary)} {I64Expr(depth - 1)} {I64Expr(depth - 1)})",
            4 => $"({Pick(TruncToI64)} {F64Expr(depth - 1)})",
            5 => $"(i64.load{Pick("", "32_s", "16_u")} {Address()})",
            6 => "(global.get $g1)",
            _ => $"(i64.{Pick("extend8_s", "extend32_s", "clz", "popcnt")} {I64Expr(depth - 1)})",
        };
    }

    private string F64Expr(int depth)
    {
        if (depth <= 0 || random.Next(4) == 0)
            return random.Next(3) switch { 0 => $"(f64.convert_i32_s (local.get 0))", 1 => $"(f64.convert_i64_u (i64.extend_i32_u (local.get 1)))", _ => $"(f64.const {Pick(F64Edges)})" };
        return random.Next(4) switch
        {
            < 2 => $"(f64.{Pick(F64Binary)} {F64Expr(depth - 1)} {F64Expr(depth - 1)})",
            2 => $"(f64.{Pick(F64Unary)} {F64Expr(depth - 1)})",
            _ => $"(f64.promote_f32 (f32.demote_f64 {F64Expr(depth - 1)}))",
        };
    }

    private string Address() => random.Next(9) switch
    {
        // Results that replace their operands (which once kept the first operand's bounds facts)
        7 => $"(select (i32.const {random.Next(0, 70000)}) (local.get {Pointer()}) (local.get 1))",
        8 => $"(memory.grow (i32.const {Pick("0", "1", "65536")}))",
        0 => $"(i32.const {random.Next(0, 70000)})",
        1 => $"(i32.const {Pick(I32Edges)})",
        2 => "(local.get 0)",
        3 => $"(i32.add (local.get {Pointer()}) (i32.const {Displacement()}))",
        4 => $"(local.get {Pointer()})",
        _ => "(i32.and (local.get 1) (i32.const 0x1ffff))",
    };

    /// <summary>A local holding an address: parameter 0, or in a test function also local 2 (helpers have no locals).</summary>
    private string Pointer() => inTestFunction && random.Next(2) == 0 ? "2" : "0";

    private bool inTestFunction;

    /// <summary>A constant added to a pointer local: small either way, or one that wraps.</summary>
    private string Displacement() => random.Next(3) switch
    {
        0 => (random.Next(-4, 5) * 4).ToString(),
        1 => random.Next(0, 70000).ToString(),
        _ => Pick(I32Edges),
    };

    private string Length() => random.Next(3) switch
    {
        0 => $"(i32.const {random.Next(0, 300)})",
        1 => $"(i32.const {Pick(I32Edges)})",
        _ => "(i32.and (local.get 1) (i32.const 0xffff))",
    };

    private string Small() => random.Next(3) == 0 ? $"(i32.const {Pick(I32Edges)})" : $"(i32.const {random.Next(0, 8)})";

    private string Index() => random.Next(4) switch
    {
        0 => $"(i32.const {Pick(I32Edges)})",
        1 => "(local.get 1)",
        _ => $"(i32.const {random.Next(0, tableSize + 2)})",
    };

    private string FuncRef() => random.Next(3) == 0 ? "(ref.null func)" : random.Next(4) == 0 ? "(ref.func $rec)" : $"(ref.func $h{random.Next(helperCount)})";

    private string Helpers(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => $"$h{random.Next(helperCount)}"));

    private string I32() => random.Next(2) == 0 ? Pick(I32Edges) : random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture);

    private string I64() => random.Next(2) == 0 ? Pick(I64Edges) : random.NextInt64().ToString(CultureInfo.InvariantCulture);

    private string Bytes(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++) sb.Append(CultureInfo.InvariantCulture, $"\\{random.Next(256):x2}");
        return sb.ToString();
    }

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
