namespace Heron.Instructions;

/// <summary>
/// The single description of the instruction set, built once from the <see cref="OpAttribute"/> rows of
/// <see cref="Opcode"/>. The decoder, validator, text parser, printer and compiler all look instructions up here.
/// The rows come from code generated at build time out of those attributes (Heron.Generators), not from
/// reflection, which cost every start of <c>heron run</c> tens of milliseconds of metadata reading.
/// </summary>
internal static partial class OpcodeTable
{
    private static readonly OpcodeInfo?[] SingleByte = new OpcodeInfo?[256];
    private static readonly OpcodeInfo?[] PrefixFB = new OpcodeInfo?[32];
    private static readonly OpcodeInfo?[] PrefixFC = new OpcodeInfo?[32];
    private static readonly OpcodeInfo?[] PrefixFD = new OpcodeInfo?[0x120];
    private static readonly OpcodeInfo?[] PrefixFE = new OpcodeInfo?[0x50];
    private static readonly Dictionary<string, OpcodeInfo> ByName = new(StringComparer.Ordinal);
    // Every row. A list of references, not a Dictionary keyed by Opcode: that instantiation
    // over a Heron enum is framework code outside the ReadyToRun image, JIT-compiled at every start; lookups by
    // opcode go through the per-prefix arrays instead.
    private static readonly List<OpcodeInfo> Every = new();

    static OpcodeTable()
    {
        foreach (var entry in Rows())
        {
            var opcode = entry.Opcode;
            var row = entry.Attribute;
            if (row is null) throw new InvalidOperationException($"Opcode.{opcode} has no [Op] row.");
            var (operands, results) = ParseSignature(row.Signature);
            var info = new OpcodeInfo
            {
                Opcode = opcode,
                Name = row.Name,
                Immediate = row.Immediate,
                Operands = operands,
                Results = results,
                AccessSize = row.AccessSize,
                Lanes = row.Lanes,
                Feature = row.Feature,
            };
            Every.Add(info);
            // Variants sharing a text name (select, ref.test, ref.cast) keep the first row under that name;
            // the text parser picks the variant from the operands.
            ByName.TryAdd(row.Name, info);
            var code = (int)opcode & 0xFFFF;
            var slots = ((int)opcode >> 16) switch
            {
                0 => SingleByte,
                0xFB => PrefixFB,
                0xFC => PrefixFC,
                0xFD => PrefixFD,
                0xFE => PrefixFE,
                _ => throw new InvalidOperationException($"Unknown prefix on {opcode}."),
            };
            slots[code] = info;
        }
    }

    /// <summary>Every instruction, in encoding order.</summary>
    public static IEnumerable<OpcodeInfo> All => Every.OrderBy(info => (int)info.Opcode);

    public static OpcodeInfo Get(Opcode opcode) =>
        (((int)opcode >> 16) == 0 ? FromByte((byte)opcode) : FromPrefixed((byte)((int)opcode >> 16), (uint)opcode & 0xFFFF))
        ?? throw new KeyNotFoundException($"no instruction {opcode}");

    /// <summary>A single-byte instruction, or null when the byte is no instruction (or a prefix).</summary>
    public static OpcodeInfo? FromByte(byte code) => SingleByte[code];

    /// <summary>A prefixed instruction, or null when the sub-opcode is unknown.</summary>
    public static OpcodeInfo? FromPrefixed(byte prefix, uint subOpcode)
    {
        var slots = prefix switch { 0xFB => PrefixFB, 0xFC => PrefixFC, 0xFD => PrefixFD, 0xFE => PrefixFE, _ => null };
        return slots != null && subOpcode < (uint)slots.Length ? slots[subOpcode] : null;
    }

    /// <summary>The instruction with this text name (the first variant when several share it), or null.</summary>
    public static OpcodeInfo? FromName(string name) => ByName.GetValueOrDefault(name);

    public static bool IsPrefix(byte code) => code is 0xFB or 0xFC or 0xFD or 0xFE;

    private static (ValueType[]?, ValueType[]?) ParseSignature(string? signature)
    {
        if (signature == null) return (null, null);
        var colon = signature.IndexOf(':');
        return (ParseTypes(signature[..colon]), ParseTypes(signature[(colon + 1)..]));
    }

    // A loop rather than LINQ's Select over the names: Enumerable's generic code producing a Heron struct is
    // outside the ReadyToRun image and would be JIT-compiled at every start (this runs in the static constructor).
    private static ValueType[] ParseTypes(string text)
    {
        var names = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var types = new ValueType[names.Length];
        for (int i = 0; i < names.Length; i++)
            types[i] = names[i] switch
            {
                "i32" => ValueType.I32,
                "i64" => ValueType.I64,
                "f32" => ValueType.F32,
                "f64" => ValueType.F64,
                "v128" => ValueType.V128,
                _ => throw new InvalidOperationException($"Unknown type '{names[i]}' in an opcode signature."),
            };
        return types;
    }

    /// <summary>
    /// An opcode with its <see cref="OpAttribute"/> (null when the member has none), as the generated
    /// <c>Rows</c> lists them: a class, not a tuple, whose constructor would be framework generic code
    /// JIT-compiled at every start.
    /// </summary>
    private sealed class OpcodeRow(Opcode opcode, OpAttribute? attribute)
    {
        public Opcode Opcode { get; } = opcode;
        public OpAttribute? Attribute { get; } = attribute;
    }
}
