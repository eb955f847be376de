using System.Text;

namespace Heron.Components.Tests.Canon;

/// <summary>
/// Random component value types and values, and components whose export <c>f</c> passes its arguments
/// through core code to the host import <c>h</c> of the same type and its result back: one call runs all
/// four directions of the canonical ABI (lowering into the guest and lifting out of it, on both sides).
/// </summary>
internal sealed class RandomSignature
{
    private static readonly string[] Encodings = ["string-encoding=utf8", "string-encoding=utf16", "string-encoding=latin1+utf16"];
    private readonly Random _random;

    public RandomSignature(int seed, bool typedOnly = false)
    {
        _random = new Random(seed);
        TypedOnly = typedOnly;
        var count = _random.Next(1, 4);
        var parameters = new List<LabeledType>();
        for (var i = 0; i < count; i++) parameters.Add(new LabeledType($"p{i}", Type(3)));
        // Now and then a signature too wide for core parameters, passed through memory instead.
        if (!typedOnly && _random.Next(5) == 0)
            for (var i = 0; i < 17; i++) parameters.Add(new LabeledType($"w{i}", PrimitiveType.U32));
        Function = new ComponentFunctionType(parameters, _random.Next(6) == 0 ? null : Type(3));
        // One encoding for both sides: the core code forwards the strings' bytes as they are.
        LiftEncoding = LowerEncoding = Encodings[_random.Next(3)];
    }

    public bool TypedOnly { get; }
    public ComponentFunctionType Function { get; }
    public string LiftEncoding { get; }
    public string LowerEncoding { get; }

    // Types.

    private ComponentValueType Type(int depth)
    {
        var choices = TypedOnly ? 3 : 9;
        var choice = depth == 0 || _random.Next(3) == 0 ? 0 : _random.Next(1, choices);
        switch (choice)
        {
            case 0:
            {
                var kinds = Enum.GetValues<PrimitiveKind>().Where(k => k != PrimitiveKind.ErrorContext).ToArray();
                return PrimitiveType.Of(kinds[_random.Next(kinds.Length)]);
            }
            case 1: return new ListType(Type(depth - 1));
            case 2: return new TupleType(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Type(depth - 1)).ToArray());
            case 3: return new RecordType(Enumerable.Range(0, _random.Next(1, 4)).Select(i => new LabeledType($"f{i}", Type(depth - 1))).ToArray());
            case 4:
                return new VariantType(Enumerable.Range(0, _random.Next(1, 5))
                    .Select(i => new VariantCase($"c{i}", _random.Next(3) == 0 ? null : Type(depth - 1))).ToArray());
            case 5:
                // Past 256 cases the discriminant takes two bytes.
                return new EnumType(Enumerable.Range(0, _random.Next(8) == 0 ? 300 : _random.Next(1, 5)).Select(i => $"e{i}").ToArray());
            case 6: return new OptionType(Type(depth - 1));
            case 7:
                return new ResultType(_random.Next(3) == 0 ? null : Type(depth - 1), _random.Next(3) == 0 ? null : Type(depth - 1));
            default:
                // One, two and four bytes of flags.
                return new FlagsType(Enumerable.Range(0, new[] { 3, 12, 30 }[_random.Next(3)]).Select(i => $"g{i}").ToArray());
        }
    }

    // Values.

    public ComponentValue[] Arguments() => Function.Parameters.Select(p => Value(p.Type)).ToArray();

    public ComponentValue? Result() => Function.Result == null ? null : Value(Function.Result);

    public ComponentValue Value(ComponentValueType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    PrimitiveKind.Bool => ComponentValue.Bool(_random.Next(2) == 0),
                    PrimitiveKind.S8 => ComponentValue.S8((sbyte)_random.Next()),
                    PrimitiveKind.U8 => ComponentValue.U8((byte)_random.Next()),
                    PrimitiveKind.S16 => ComponentValue.S16((short)_random.Next()),
                    PrimitiveKind.U16 => ComponentValue.U16((ushort)_random.Next()),
                    PrimitiveKind.S32 => ComponentValue.S32(_random.Next(int.MinValue, int.MaxValue)),
                    PrimitiveKind.U32 => ComponentValue.U32((uint)_random.NextInt64(0, uint.MaxValue + 1L)),
                    PrimitiveKind.S64 => ComponentValue.S64(_random.NextInt64(long.MinValue, long.MaxValue)),
                    PrimitiveKind.U64 => ComponentValue.U64((ulong)_random.NextInt64(long.MinValue, long.MaxValue)),
                    PrimitiveKind.F32 => ComponentValue.F32(_random.Next(8) == 0 ? float.NaN : BitConverter.Int32BitsToSingle(_random.Next(int.MinValue, int.MaxValue))),
                    PrimitiveKind.F64 => ComponentValue.F64(_random.Next(8) == 0 ? double.NaN : BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue))),
                    PrimitiveKind.Char => ComponentValue.Char(Character()),
                    _ => ComponentValue.String(Text()),
                };
            case ListType list:
            {
                var elements = Enumerable.Range(0, _random.Next(5)).Select(_ => Value(list.Element)).ToArray();
                return list.Element is PrimitiveType { Kind: PrimitiveKind.U8 } && _random.Next(2) == 0
                    ? ComponentValue.Bytes(elements.Select(e => e.AsU8()).ToArray())
                    : ComponentValue.List(elements);
            }
            case TupleType tuple:
                return ComponentValue.Tuple(tuple.Types.Select(Value).ToArray());
            case RecordType record:
                return ComponentValue.Record(record.Fields.Select(f => (f.Label, Value(f.Type))).ToArray());
            case VariantType variant:
            {
                var c = variant.Cases[_random.Next(variant.Cases.Count)];
                return ComponentValue.Variant(c.Label, c.Type == null ? null : Value(c.Type));
            }
            case EnumType e:
                return ComponentValue.Enum(e.Cases[_random.Next(e.Cases.Count)]);
            case OptionType option:
                return _random.Next(3) == 0 ? ComponentValue.None : ComponentValue.Some(Value(option.Type));
            case ResultType result:
                return _random.Next(2) == 0
                    ? ComponentValue.Ok(result.Ok == null ? null : Value(result.Ok))
                    : ComponentValue.Error(result.Error == null ? null : Value(result.Error));
            case FlagsType flags:
                return ComponentValue.Flags(flags.Names.Where(_ => _random.Next(2) == 0).ToArray());
            default:
                throw new ArgumentException($"no random values of {type}");
        }
    }

    private Rune Character() => _random.Next(4) switch
    {
        0 => new Rune(_random.Next(0x20, 0x7F)),
        1 => new Rune(_random.Next(0x80, 0x100)),
        2 => new Rune(_random.Next(0x100, 0xD800)),
        _ => new Rune(_random.Next(0x10000, 0x110000)),
    };

    /// <summary>Strings of every class an encoding treats differently: ASCII, Latin-1, the rest of the BMP, astral.</summary>
    private string Text()
    {
        var text = new StringBuilder();
        var kind = _random.Next(4);
        for (var i = _random.Next(9); i > 0; i--)
        {
            var c = _random.Next(kind + 1) switch
            {
                0 => new Rune(_random.Next(0x20, 0x7F)),
                1 => new Rune(_random.Next(0xA0, 0x100)),
                2 => new Rune(_random.Next(0x100, 0xD800)),
                _ => new Rune(_random.Next(0x10000, 0x110000)),
            };
            text.Append(c.ToString());
        }
        return text.ToString();
    }

    // The component.

    /// <summary>The component text: <c>f</c> exported, lifted over core code that forwards to the lowered import <c>h</c>.</summary>
    public string Component()
    {
        var lift = new FlatShape(Function, lifted: true);
        var lower = new FlatShape(Function, lifted: false);
        var text = new StringBuilder();
        text.AppendLine("(component");
        text.AppendLine("  (import \"host\" (instance $host");
        var instanceNames = new Dictionary<ComponentValueType, string>(ReferenceEqualityComparer.Instance);
        foreach (var nominal in Nominals())
        {
            var name = $"t{instanceNames.Count}";
            text.AppendLine($"    (type ${name}' {Definition(nominal, instanceNames)})");
            text.AppendLine($"    (export \"{name}\" (type ${name} (eq ${name}')))");
            instanceNames[nominal] = name;
        }
        text.AppendLine($"    (export \"h\" (func {Signature(instanceNames)}))))");
        text.AppendLine("  (alias export $host \"h\" (func $h))");
        text.AppendLine(Libc);
        text.AppendLine("  (core instance $libc (instantiate $Libc))");
        text.AppendLine($"  (core func $hc (canon lower (func $h) (memory (core memory $libc \"mem\")) (realloc (core func $libc \"realloc\")) {LowerEncoding}))");
        text.AppendLine("  (core module $M");
        text.AppendLine("    (import \"libc\" \"realloc\" (func $realloc (param i32 i32 i32 i32) (result i32)))");
        text.AppendLine($"    (import \"host\" \"h\" (func $h {lower.CoreSignature}))");
        text.AppendLine($"    (func (export \"f\") {lift.CoreSignature}");
        if (lower.ResultPointer)
        {
            var result = Function.Result!.Layout;
            text.AppendLine("      (local $area i32)");
            text.AppendLine($"      (local.set $area (call $realloc (i32.const 0) (i32.const 0) (i32.const {result.Alignment}) (i32.const {result.Size})))");
        }
        text.Append("      (call $h");
        for (var i = 0; i < lift.Parameters.Count; i++) text.Append($" (local.get {i})");
        if (lower.ResultPointer) text.Append(" (local.get $area)");
        text.AppendLine(")");
        if (lower.ResultPointer) text.AppendLine("      (local.get $area)");
        text.AppendLine("    ))");
        text.AppendLine("  (core instance $m (instantiate $M (with \"libc\" (instance $libc)) (with \"host\" (instance (export \"h\" (func $hc))))))");
        var names = new Dictionary<ComponentValueType, string>(ReferenceEqualityComparer.Instance);
        foreach (var nominal in Nominals())
        {
            var name = $"t{names.Count}";
            text.AppendLine($"  (type ${name}' {Definition(nominal, names)})");
            text.AppendLine($"  (export ${name} \"{name}\" (type ${name}'))");
            names[nominal] = name;
        }
        text.AppendLine($"  (func (export \"f\") {Signature(names)}");
        text.AppendLine($"    (canon lift (core func $m \"f\") (memory (core memory $libc \"mem\")) (realloc (core func $libc \"realloc\")) {LiftEncoding}))");
        text.AppendLine(")");
        return text.ToString();
    }

    /// <summary>
    /// The component text for garbage: export <c>g</c> returns the function's result type made of random core
    /// values (a pointer into a memory of random words, past one of them); export <c>k</c> calls the host
    /// import <c>h</c>, which takes the function's parameters, with random core values. Lifting them must
    /// trap, or not, the same way compiled as interpreted.
    /// </summary>
    public string GarbageComponent()
    {
        var parameters = new ComponentFunctionType(Function.Parameters, null);
        var lower = new FlatShape(parameters, lifted: false);
        var result = Function.Result ?? PrimitiveType.U32;
        var lift = new FlatShape(new ComponentFunctionType([], result), lifted: true);
        var text = new StringBuilder();
        text.AppendLine("(component");
        text.AppendLine("  (import \"host\" (instance $host");
        var instanceNames = new Dictionary<ComponentValueType, string>(ReferenceEqualityComparer.Instance);
        foreach (var nominal in Nominals())
        {
            var name = $"t{instanceNames.Count}";
            text.AppendLine($"    (type ${name}' {Definition(nominal, instanceNames)})");
            text.AppendLine($"    (export \"{name}\" (type ${name} (eq ${name}')))");
            instanceNames[nominal] = name;
        }
        text.AppendLine($"    (export \"h\" (func {Signature(parameters, instanceNames)}))))");
        text.AppendLine("  (alias export $host \"h\" (func $h))");
        text.AppendLine(Libc.Replace("(i32.const 8)", "(i32.const 8192)").Replace("(memory (export \"mem\") 1)",
            $"(memory (export \"mem\") 1) (data (i32.const 0) \"{RandomWords()}\")"));
        text.AppendLine("  (core instance $libc (instantiate $Libc))");
        text.AppendLine($"  (core func $hc (canon lower (func $h) (memory (core memory $libc \"mem\")) (realloc (core func $libc \"realloc\")) {LowerEncoding}))");
        text.AppendLine("  (core module $M");
        text.AppendLine($"    (import \"host\" \"h\" (func $h {lower.CoreSignature}))");
        text.AppendLine($"    (func (export \"g\") {lift.CoreSignature} {string.Join(" ", lift.Results.Select(Constant))})");
        text.AppendLine($"    (func (export \"k\") (call $h {string.Join(" ", lower.Parameters.Select(Constant))})))");
        text.AppendLine("  (core instance $m (instantiate $M (with \"host\" (instance (export \"h\" (func $hc))))))");
        var names = new Dictionary<ComponentValueType, string>(ReferenceEqualityComparer.Instance);
        foreach (var nominal in Nominals())
        {
            var name = $"t{names.Count}";
            text.AppendLine($"  (type ${name}' {Definition(nominal, names)})");
            text.AppendLine($"  (export ${name} \"{name}\" (type ${name}'))");
            names[nominal] = name;
        }
        text.AppendLine($"  (func (export \"g\") (result {Reference(result, names)})");
        text.AppendLine($"    (canon lift (core func $m \"g\") (memory (core memory $libc \"mem\")) (realloc (core func $libc \"realloc\")) {LiftEncoding}))");
        text.AppendLine("  (func (export \"k\") (canon lift (core func $m \"k\")))");
        text.AppendLine(")");
        return text.ToString();
    }

    /// <summary>A word that is often a small count or case, often an address in the first page, else anything.</summary>
    private uint Word() => _random.Next(10) switch
    {
        < 4 => (uint)_random.Next(7),
        < 7 => (uint)_random.Next(0, 4400) & ~3u,
        7 => (uint)_random.Next(0, 4400),
        _ => (uint)_random.NextInt64(0, uint.MaxValue + 1L),
    };

    private string Constant(FlatType type) => type switch
    {
        FlatType.I32 => $"(i32.const {(int)Word()})",
        FlatType.I64 => $"(i64.const {(_random.Next(2) == 0 ? Word() : _random.NextInt64())})",
        FlatType.F32 => $"(f32.const {(_random.Next(4) == 0 ? "nan" : _random.NextSingle().ToString("R", System.Globalization.CultureInfo.InvariantCulture))})",
        _ => $"(f64.const {(_random.Next(4) == 0 ? "nan:0x1234" : _random.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture))})",
    };

    /// <summary>4 KiB of random words, as a data string.</summary>
    private string RandomWords()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 1024; i++)
        {
            // Now and then a run of plausible text instead of a word.
            var bytes = _random.Next(6) == 0 ? Encoding.UTF8.GetBytes(Text().PadRight(4)[..2].PadRight(2, 'x')).Take(4).Concat(new byte[4]).Take(4).ToArray()
                : BitConverter.GetBytes(Word());
            foreach (var b in bytes) text.Append($"\\{b:x2}");
        }
        return text.ToString();
    }

    /// <summary>A bump allocator that grows its memory and moves old contents on reallocation.</summary>
    private const string Libc = """
          (core module $Libc
            (memory (export "mem") 1)
            (global $next (mut i32) (i32.const 8))
            (func (export "realloc") (param $old i32) (param $os i32) (param $al i32) (param $ns i32) (result i32)
              (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $al) (i32.const 1))) (i32.sub (i32.const 0) (local.get $al))))
              (global.set $next (i32.add (local.get $p) (local.get $ns)))
              (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
                (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))))))
              (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old)
                (select (local.get $os) (local.get $ns) (i32.lt_u (local.get $os) (local.get $ns))))))
              (local.get $p)))
        """;

    private string Signature(Dictionary<ComponentValueType, string> names) => Signature(Function, names);

    private static string Signature(ComponentFunctionType function, Dictionary<ComponentValueType, string> names)
    {
        var text = new StringBuilder();
        foreach (var p in function.Parameters) text.Append($"(param \"{p.Label}\" {Reference(p.Type, names)}) ");
        if (function.Result != null) text.Append($"(result {Reference(function.Result, names)})");
        return text.ToString().TrimEnd();
    }

    /// <summary>The records, variants, enums and flags of the signature, inner ones first: each needs a name of its own.</summary>
    private List<ComponentValueType> Nominals()
    {
        var found = new List<ComponentValueType>();
        void Visit(ComponentValueType? type)
        {
            switch (type)
            {
                case null or PrimitiveType: return;
                case ListType l: Visit(l.Element); return;
                case TupleType t: foreach (var e in t.Types) Visit(e); return;
                case OptionType o: Visit(o.Type); return;
                case ResultType r: Visit(r.Ok); Visit(r.Error); return;
                case RecordType r: foreach (var f in r.Fields) Visit(f.Type); break;
                case VariantType v: foreach (var c in v.Cases) Visit(c.Type); break;
            }
            if (!found.Contains(type)) found.Add(type);
        }
        foreach (var p in Function.Parameters) Visit(p.Type);
        Visit(Function.Result);
        return found;
    }

    private static string Reference(ComponentValueType type, Dictionary<ComponentValueType, string> names) => type switch
    {
        PrimitiveType p => p.ToString(),
        ListType l => $"(list {Reference(l.Element, names)})",
        TupleType t => $"(tuple {string.Join(" ", t.Types.Select(e => Reference(e, names)))})",
        OptionType o => $"(option {Reference(o.Type, names)})",
        ResultType r => "(result" + (r.Ok == null ? "" : " " + Reference(r.Ok, names)) + (r.Error == null ? "" : $" (error {Reference(r.Error, names)})") + ")",
        _ => "$" + names[type],
    };

    private static string Definition(ComponentValueType type, Dictionary<ComponentValueType, string> names) => type switch
    {
        RecordType r => "(record " + string.Join(" ", r.Fields.Select(f => $"(field \"{f.Label}\" {Reference(f.Type, names)})")) + ")",
        VariantType v => "(variant " + string.Join(" ", v.Cases.Select(c => c.Type == null ? $"(case \"{c.Label}\")" : $"(case \"{c.Label}\" {Reference(c.Type, names)})")) + ")",
        EnumType e => "(enum " + string.Join(" ", e.Cases.Select(c => $"\"{c}\"")) + ")",
        FlagsType f => "(flags " + string.Join(" ", f.Names.Select(n => $"\"{n}\"")) + ")",
        _ => throw new ArgumentException($"{type} is not nominal"),
    };

    /// <summary>The core signature of the lift (or lower) of the function.</summary>
    private sealed class FlatShape
    {
        public FlatShape(ComponentFunctionType type, bool lifted)
        {
            var flat = type.Parameters.SelectMany(p => p.Type.Layout.Flat).ToList();
            Parameters = flat.Count > 16 ? [FlatType.I32] : flat;
            var result = type.Result?.Layout.Flat ?? [];
            Results = result.Count > 1 ? (lifted ? [FlatType.I32] : []) : result;
            ResultPointer = !lifted && result.Count > 1;
        }

        public IReadOnlyList<FlatType> Parameters { get; }
        public IReadOnlyList<FlatType> Results { get; }
        public bool ResultPointer { get; }

        public string CoreSignature
        {
            get
            {
                var parameters = Parameters.Select(Core).ToList();
                if (ResultPointer) parameters.Add("i32");
                return (parameters.Count == 0 ? "" : $"(param {string.Join(" ", parameters)})")
                       + (Results.Count == 0 ? "" : $" (result {string.Join(" ", Results.Select(Core))})");
            }
        }

        private static string Core(FlatType type) => type.ToString().ToLowerInvariant();
    }
}
