using System.Text;

namespace Heron.Components;

/// <summary>
/// A component-model value passed to or returned from a component function when its type is known only
/// at run time (the dynamic API, the <c>.wast</c> runner, the command line). Immutable. A
/// <c>list&lt;u8&gt;</c> is kept as a byte array, since byte lists are what WASI streams carry.
/// </summary>
public sealed class ComponentValue : IEquatable<ComponentValue>
{
    private readonly long _bits;
    private readonly object? _payload;

    private ComponentValue(ComponentValueKind kind, long bits = 0, object? payload = null, string? label = null)
    {
        Kind = kind;
        _bits = bits;
        _payload = payload;
        Label = label;
    }

    public ComponentValueKind Kind { get; }

    /// <summary>The case of a variant or enum ("ok"/"error" for a result, "some"/"none" for an option).</summary>
    public string? Label { get; }

    public static ComponentValue Bool(bool value) => new(ComponentValueKind.Bool, value ? 1 : 0);
    public static ComponentValue S8(sbyte value) => new(ComponentValueKind.S8, value);
    public static ComponentValue U8(byte value) => new(ComponentValueKind.U8, value);
    public static ComponentValue S16(short value) => new(ComponentValueKind.S16, value);
    public static ComponentValue U16(ushort value) => new(ComponentValueKind.U16, value);
    public static ComponentValue S32(int value) => new(ComponentValueKind.S32, value);
    public static ComponentValue U32(uint value) => new(ComponentValueKind.U32, value);
    public static ComponentValue S64(long value) => new(ComponentValueKind.S64, value);
    public static ComponentValue U64(ulong value) => new(ComponentValueKind.U64, (long)value);
    public static ComponentValue F32(float value) => new(ComponentValueKind.F32, BitConverter.SingleToInt32Bits(value));
    public static ComponentValue F64(double value) => new(ComponentValueKind.F64, BitConverter.DoubleToInt64Bits(value));
    public static ComponentValue Char(Rune value) => new(ComponentValueKind.Char, value.Value);
    public static ComponentValue String(string value) => new(ComponentValueKind.String, payload: value);

    /// <summary>A list of any element type.</summary>
    public static ComponentValue List(IReadOnlyList<ComponentValue> elements) => new(ComponentValueKind.List, payload: elements.ToArray());

    /// <summary>A <c>list&lt;u8&gt;</c>, kept as bytes (the array is copied).</summary>
    public static ComponentValue Bytes(ReadOnlySpan<byte> bytes) => new(ComponentValueKind.List, payload: bytes.ToArray());

    /// <summary>A record with its fields in the order of the record type.</summary>
    public static ComponentValue Record(IReadOnlyList<(string Name, ComponentValue Value)> fields) =>
        new(ComponentValueKind.Record, payload: fields.ToArray());

    public static ComponentValue Tuple(IReadOnlyList<ComponentValue> elements) => new(ComponentValueKind.Tuple, payload: elements.ToArray());
    public static ComponentValue Variant(string label, ComponentValue? payload = null) => new(ComponentValueKind.Variant, payload: payload, label: label);
    public static ComponentValue Enum(string label) => new(ComponentValueKind.Enum, label: label);
    public static ComponentValue None { get; } = new(ComponentValueKind.Option, label: "none");
    public static ComponentValue Some(ComponentValue value) => new(ComponentValueKind.Option, payload: value, label: "some");
    public static ComponentValue Ok(ComponentValue? value = null) => new(ComponentValueKind.Result, payload: value, label: "ok");
    public static ComponentValue Error(ComponentValue? value = null) => new(ComponentValueKind.Result, payload: value, label: "error");

    /// <summary>The flags that are set, by name.</summary>
    public static ComponentValue Flags(IReadOnlyList<string> set) => new(ComponentValueKind.Flags, payload: set.ToArray());

    /// <summary>A resource handle (own or borrow, as its <see cref="ResourceHandle"/> says).</summary>
    public static ComponentValue Resource(ResourceHandle handle) => new(ComponentValueKind.Resource, payload: handle);

    public bool AsBool() => Expect(ComponentValueKind.Bool)._bits != 0;
    public sbyte AsS8() => (sbyte)Expect(ComponentValueKind.S8)._bits;
    public byte AsU8() => (byte)Expect(ComponentValueKind.U8)._bits;
    public short AsS16() => (short)Expect(ComponentValueKind.S16)._bits;
    public ushort AsU16() => (ushort)Expect(ComponentValueKind.U16)._bits;
    public int AsS32() => (int)Expect(ComponentValueKind.S32)._bits;
    public uint AsU32() => (uint)Expect(ComponentValueKind.U32)._bits;
    public long AsS64() => Expect(ComponentValueKind.S64)._bits;
    public ulong AsU64() => (ulong)Expect(ComponentValueKind.U64)._bits;
    public float AsF32() => BitConverter.Int32BitsToSingle((int)Expect(ComponentValueKind.F32)._bits);
    public double AsF64() => BitConverter.Int64BitsToDouble(Expect(ComponentValueKind.F64)._bits);
    public Rune AsChar() => new((int)Expect(ComponentValueKind.Char)._bits);
    public string AsString() => Expect(ComponentValueKind.String)._payload is Canon.LiftedString lifted ? lifted.Text : (string)_payload!;

    /// <summary>A string lifted from a component, remembering how it was stored there (transcoding sizes its buffers from that).</summary>
    internal static ComponentValue LiftedString(Canon.LiftedString lifted) => new(ComponentValueKind.String, payload: lifted);

    /// <summary>How the string was stored in the component it came from; null for a string of the host.</summary>
    internal Canon.LiftedString? StringSource => Expect(ComponentValueKind.String)._payload as Canon.LiftedString;

    /// <summary>True when this is a list kept as bytes (a <c>list&lt;u8&gt;</c>).</summary>
    public bool IsBytes => _payload is byte[];

    /// <summary>The bytes of a <c>list&lt;u8&gt;</c>.</summary>
    public ReadOnlyMemory<byte> AsBytes() => Expect(ComponentValueKind.List)._payload as byte[]
        ?? ((ComponentValue[])_payload!).Select(v => v.AsU8()).ToArray();

    /// <summary>The elements of a list (bytes become <see cref="U8"/> values) or a tuple.</summary>
    public IReadOnlyList<ComponentValue> AsList()
    {
        if (Kind != ComponentValueKind.Tuple) Expect(ComponentValueKind.List);
        return _payload is byte[] bytes ? bytes.Select(U8).ToArray() : (ComponentValue[])_payload!;
    }

    public IReadOnlyList<(string Name, ComponentValue Value)> AsRecord() => ((string, ComponentValue)[])Expect(ComponentValueKind.Record)._payload!;

    /// <summary>The payload of a variant case, some, ok or error (null when the case carries none).</summary>
    public ComponentValue? Payload => Kind is ComponentValueKind.Variant or ComponentValueKind.Option or ComponentValueKind.Result
        ? (ComponentValue?)_payload
        : throw new InvalidOperationException($"a {Kind} value has no case payload");

    public IReadOnlyList<string> AsFlags() => (string[])Expect(ComponentValueKind.Flags)._payload!;
    public ResourceHandle AsResource() => (ResourceHandle)Expect(ComponentValueKind.Resource)._payload!;

    internal long RawBits => _bits;

    private ComponentValue Expect(ComponentValueKind kind) =>
        Kind == kind ? this : throw new InvalidCastException($"the value is a {Kind}, not a {kind}");

    public bool Equals(ComponentValue? other)
    {
        if (other is null || other.Kind != Kind || other.Label != Label) return false;
        switch (Kind)
        {
            case ComponentValueKind.F32:
                return float.IsNaN(AsF32()) ? float.IsNaN(other.AsF32()) : _bits == other._bits;
            case ComponentValueKind.F64:
                return double.IsNaN(AsF64()) ? double.IsNaN(other.AsF64()) : _bits == other._bits;
            case ComponentValueKind.String:
                return AsString() == other.AsString();
            case ComponentValueKind.List:
            case ComponentValueKind.Tuple:
                return AsList().SequenceEqual(other.AsList());
            case ComponentValueKind.Record:
                return AsRecord().Select(f => f.Value).SequenceEqual(other.AsRecord().Select(f => f.Value));
            case ComponentValueKind.Variant:
            case ComponentValueKind.Option:
            case ComponentValueKind.Result:
                return Equals(Payload, other.Payload);
            case ComponentValueKind.Flags:
                return AsFlags().Order(StringComparer.Ordinal).SequenceEqual(other.AsFlags().Order(StringComparer.Ordinal));
            case ComponentValueKind.Resource:
                return ReferenceEquals(_payload, other._payload);
            default:
                return _bits == other._bits;
        }
    }

    public override bool Equals(object? obj) => obj is ComponentValue v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, Label);

    /// <summary>The value in the syntax of component <c>.wast</c> scripts, e.g. <c>(u32.const 7)</c>.</summary>
    public override string ToString() => Kind switch
    {
        ComponentValueKind.Bool => $"(bool.const {(AsBool() ? "true" : "false")})",
        ComponentValueKind.U64 => $"(u64.const {AsU64()})",
        ComponentValueKind.F32 => $"(f32.const {AsF32()})",
        ComponentValueKind.F64 => $"(f64.const {AsF64()})",
        ComponentValueKind.Char => $"(char.const \"{AsChar()}\")",
        ComponentValueKind.String => $"(str.const \"{AsString()}\")",
        ComponentValueKind.List or ComponentValueKind.Tuple =>
            $"({(Kind == ComponentValueKind.List ? "list" : "tuple")}.const{string.Concat(AsList().Select(v => " " + v))})",
        ComponentValueKind.Record => "(record.const" + string.Concat(AsRecord().Select(f => $" (field \"{f.Name}\" {f.Value})")) + ")",
        ComponentValueKind.Variant => $"(variant.const \"{Label}\"{(Payload == null ? "" : " " + Payload)})",
        ComponentValueKind.Enum => $"(enum.const \"{Label}\")",
        ComponentValueKind.Option => Payload == null ? "(option.none)" : $"(option.some {Payload})",
        ComponentValueKind.Result => $"(result.{Label}{(Payload == null ? "" : " " + Payload)})",
        ComponentValueKind.Flags => "(flags.const" + string.Concat(AsFlags().Select(f => $" \"{f}\"")) + ")",
        ComponentValueKind.Resource => $"(resource {AsResource()})",
        _ => $"({Kind.ToString().ToLowerInvariant()}.const {_bits})",
    };
}
