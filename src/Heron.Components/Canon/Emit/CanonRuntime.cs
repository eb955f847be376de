using System.Runtime.CompilerServices;
using System.Text;
using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// What compiled lifting and lowering call: memory accesses, allocation, strings, scalar lists in bulk,
/// the pieces of dynamic values, and the call protocol. The stubs decide everything a type decides; these
/// do the work that is the same for every type.
/// </summary>
internal static unsafe class CanonRuntime
{
    // Memory. Every range was checked before (a result area, a list, an allocation), so these checks
    // never fail on a correct path; they stay because a host must never write outside a linear memory.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* At(LinearMemory memory, uint address, uint size)
    {
        if ((ulong)address + size > memory.Length) OutOfBounds();
        return memory.Base + address;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OutOfBounds() => throw CanonTrap.Create("canonical ABI access out of bounds of memory");

    public static int Load8U(LinearMemory m, uint a) => *At(m, a, 1);
    public static int Load8S(LinearMemory m, uint a) => *(sbyte*)At(m, a, 1);
    public static int Load16U(LinearMemory m, uint a) => Unsafe.ReadUnaligned<ushort>(At(m, a, 2));
    public static int Load16S(LinearMemory m, uint a) => Unsafe.ReadUnaligned<short>(At(m, a, 2));
    public static int Load32(LinearMemory m, uint a) => Unsafe.ReadUnaligned<int>(At(m, a, 4));
    public static long Load64(LinearMemory m, uint a) => Unsafe.ReadUnaligned<long>(At(m, a, 8));
    public static float LoadF32(LinearMemory m, uint a) => Unsafe.ReadUnaligned<float>(At(m, a, 4));
    public static double LoadF64(LinearMemory m, uint a) => Unsafe.ReadUnaligned<double>(At(m, a, 8));
    public static void Store8(LinearMemory m, uint a, int v) => *At(m, a, 1) = (byte)v;
    public static void Store16(LinearMemory m, uint a, int v) => Unsafe.WriteUnaligned(At(m, a, 2), (short)v);
    public static void Store32(LinearMemory m, uint a, int v) => Unsafe.WriteUnaligned(At(m, a, 4), v);
    public static void Store64(LinearMemory m, uint a, long v) => Unsafe.WriteUnaligned(At(m, a, 8), v);
    public static void StoreF32(LinearMemory m, uint a, float v) => Unsafe.WriteUnaligned(At(m, a, 4), v);
    public static void StoreF64(LinearMemory m, uint a, double v) => Unsafe.WriteUnaligned(At(m, a, 8), v);

    // Allocation and the checks of what the guest points to.

    public static uint Allocate(CanonicalAbi abi, uint alignment, uint size)
    {
        var pointer = abi.Realloc(0, 0, alignment, size);
        abi.CheckAllocation(pointer, size, (int)alignment);
        return pointer;
    }

    public static uint AllocateList(CanonicalAbi abi, int count, int elementSize, int alignment)
    {
        var byteLength = (ulong)count * (ulong)elementSize;
        if (byteLength > uint.MaxValue) throw new ArgumentException("the list is too large for a 32-bit memory");
        return Allocate(abi, (uint)alignment, (uint)byteLength);
    }

    public static void CheckList(CanonicalAbi abi, uint pointer, uint count, int elementSize, int alignment) =>
        abi.CheckList(pointer, count, elementSize, alignment);

    public static void CheckResultArea(CanonicalAbi abi, uint pointer, int size, int alignment) =>
        abi.CheckRange(pointer, (ulong)size, alignment, "list content out-of-bounds: result pointer out of bounds of memory", "unaligned pointer");

    public static void CheckParameterArea(CanonicalAbi abi, uint pointer, int size, int alignment) =>
        abi.CheckRange(pointer, (ulong)size, alignment, "list content out-of-bounds: parameter pointer out of bounds of memory", "unaligned pointer");

    /// <summary>Called first by a stub whose values need memory: the trap the interpreter gives when the options name none.</summary>
    public static void RequireMemory(StubTarget target)
    {
        if (target.Memory == null) throw CanonTrap.Create("a canonical option needs a memory and none was given");
    }

    // Strings.

    public static uint StoreString(CanonicalAbi abi, string value, out uint units)
    {
        if (value == null) throw new ArgumentNullException(nameof(value), "a string argument is null");
        (var pointer, units) = StringStorer.StoreHost(abi, value);
        return pointer;
    }

    public static uint StoreStringValue(CanonicalAbi abi, ComponentValue value, out uint units)
    {
        (var pointer, units) = value.StringSource is { } lifted ? StringStorer.Store(abi, lifted) : StringStorer.StoreHost(abi, value.AsString());
        return pointer;
    }

    public static string LoadString(CanonicalAbi abi, uint pointer, uint units) => StringLoader.Load(abi, pointer, units);

    public static ComponentValue LoadStringValue(CanonicalAbi abi, uint pointer, uint units) =>
        ComponentValue.LiftedString(new LiftedString(StringLoader.Load(abi, pointer, units), abi.Options.Encoding, units));

    // Lists of scalars, copied in bulk.

    public static uint StoreScalars<T>(CanonicalAbi abi, T[] values, out uint count) where T : unmanaged
    {
        if (values == null) throw new ArgumentNullException(nameof(values), "a list argument is null");
        var pointer = AllocateList(abi, values.Length, sizeof(T), sizeof(T));
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(new Span<byte>(abi.LinearMemory!.Base + pointer, values.Length * sizeof(T)));
        count = (uint)values.Length;
        return pointer;
    }

    public static uint StoreBytesValue(CanonicalAbi abi, ComponentValue value, out uint count)
    {
        var bytes = value.AsBytes().Span;
        var pointer = AllocateList(abi, bytes.Length, 1, 1);
        bytes.CopyTo(new Span<byte>(abi.LinearMemory!.Base + pointer, bytes.Length));
        count = (uint)bytes.Length;
        return pointer;
    }

    public static T[] LoadScalars<T>(CanonicalAbi abi, uint pointer, uint count) where T : unmanaged => abi.ListSpan<T>(pointer, count).ToArray();

    public static float[] LoadF32s(CanonicalAbi abi, uint pointer, uint count)
    {
        var values = abi.ListSpan<float>(pointer, count).ToArray();
        for (var i = 0; i < values.Length; i++) values[i] = CanonicalAbi.CanonicalNaN(values[i]);
        return values;
    }

    public static double[] LoadF64s(CanonicalAbi abi, uint pointer, uint count)
    {
        var values = abi.ListSpan<double>(pointer, count).ToArray();
        for (var i = 0; i < values.Length; i++) values[i] = CanonicalAbi.CanonicalNaN(values[i]);
        return values;
    }

    public static ComponentValue LoadBytesValue(CanonicalAbi abi, uint pointer, uint count) =>
        ComponentValue.Bytes(abi.ListSpan<byte>(pointer, count));

    public static T[] NotNull<T>(T[] values) => values ?? throw new ArgumentNullException(nameof(values), "a list argument is null");

    public static List<T> NotNull<T>(List<T> values) => values ?? throw new ArgumentNullException(nameof(values), "a list argument is null");

    public static T[] FixedLength<T>(T[] values, int length)
    {
        NotNull(values);
        return values.Length == length ? values : throw new ArgumentException($"a fixed-length list needs {length} elements, not {values.Length}");
    }

    // Characters and floats.

    public static Rune ToChar(uint bits) => CanonicalAbi.ToChar(bits);

    public static char ToUtf16Char(uint bits)
    {
        var rune = CanonicalAbi.ToChar(bits);
        return rune.IsBmp ? (char)rune.Value : throw new InvalidCastException($"the char U+{rune.Value:X} does not fit a .NET char; take it as a Rune");
    }

    public static int CharBits(char value) =>
        char.IsSurrogate(value) ? throw new ArgumentException($"the char U+{(int)value:X} is a surrogate, not a Unicode scalar value") : value;

    public static int RuneBits(Rune value) => value.Value;

    public static float CanonicalNaN(float value) => CanonicalAbi.CanonicalNaN(value);

    public static double CanonicalNaN(double value) => CanonicalAbi.CanonicalNaN(value);

    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    public static double F64FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    public static int F32Bits(float value) => BitConverter.SingleToInt32Bits(value);

    public static long F64Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    // Dynamic values: the parts of a record, tuple, variant or flags value, checked against the type.

    public static IReadOnlyList<ComponentValue> Fields(ComponentValue value, string[] labels)
    {
        var given = value.AsRecord();
        if (given.Count != labels.Length) throw new ArgumentException($"the record type has {labels.Length} fields, the value {given.Count}");
        var fields = new ComponentValue[labels.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            // Fields given in the type's order are the common case; otherwise find them by name.
            fields[i] = given[i].Name == labels[i] ? given[i].Value
                : given.FirstOrDefault(f => f.Name == labels[i]).Value ?? throw new ArgumentException($"the record value has no field '{labels[i]}'");
        }
        return fields;
    }

    public static IReadOnlyList<ComponentValue> Elements(ComponentValue value, int count, string typeText)
    {
        var elements = value.AsList();
        if (elements.Count != count) throw new ArgumentException($"{typeText} has {count} elements, the value {elements.Count}");
        return elements;
    }

    public static IReadOnlyList<ComponentValue> ListElements(ComponentValue value) => value.AsList();

    public static ComponentValue Record(string[] labels, ComponentValue[] values)
    {
        var fields = new (string, ComponentValue)[labels.Length];
        for (var i = 0; i < fields.Length; i++) fields[i] = (labels[i], values[i]);
        return ComponentValue.Record(fields);
    }

    public static ComponentValue Tuple(ComponentValue[] values) => ComponentValue.Tuple(values);

    public static ComponentValue List(ComponentValue[] values) => ComponentValue.List(values);

    public static int CaseIndex(ComponentValue value, string[] labels, string typeText)
    {
        var label = value.Label;
        for (var i = 0; i < labels.Length; i++) if (labels[i] == label) return i;
        throw new ArgumentException($"'{label}' is not a case of {typeText}");
    }

    public static ComponentValue CasePayload(ComponentValue value, string typeText) =>
        (value.Kind == ComponentValueKind.Enum ? null : value.Payload) ?? throw new ArgumentException($"the case '{value.Label}' of {typeText} needs a payload");

    public static int PackFlags(ComponentValue value, string[] names)
    {
        var bits = 0;
        foreach (var name in value.AsFlags())
        {
            var index = Array.IndexOf(names, name);
            if (index < 0) throw new ArgumentException($"'{name}' is not a flag of flags {{ {string.Join(", ", names)} }}");
            bits |= 1 << index;
        }
        return bits;
    }

    public static ComponentValue UnpackFlags(int bits, string[] names)
    {
        var set = new List<string>();
        for (var i = 0; i < names.Length; i++) if ((bits & (1 << i)) != 0) set.Add(names[i]);
        return ComponentValue.Flags(set);
    }

    public static ComponentValue Resource(ResourceHandle handle) => ComponentValue.Resource(handle);

    public static void CheckDiscriminant(int discriminant, int caseCount) => CanonicalAbi.CheckDiscriminant((uint)discriminant, caseCount);

    // The call protocol.

    /// <summary>The entry of a call into a lifted function: the store is claimed for this thread, the instance entered.</summary>
    public static InstanceState[] Enter(LiftTarget target, InstanceState? caller)
    {
        HostEntry.Enter(target.Runtime);
        try
        {
            return target.Instance.Enter(caller);
        }
        catch
        {
            HostEntry.Exit(target.Runtime);
            throw;
        }
    }

    public static void Exit(LiftTarget target, InstanceState[] entering, bool completed)
    {
        target.Instance.MayLeave = true;
        InstanceState.Leave(entering, completed);
        HostEntry.Exit(target.Runtime);
    }

    public static void CheckBorrows(CallScope scope) =>
        CanonTrap.If(scope.Borrows != 0, "borrow handles still remain at the end of the call");

    public static void BeginPostReturn(LiftTarget target) => target.Instance.MayLeave = false;

    public static void CheckLeave(StubTarget target) => CanonTrap.If(!target.Instance.MayLeave, "cannot leave component instance");

    public static void ReleaseLenders(CallScope scope) => scope.ReleaseLenders();

    public static ComponentValue NoResult() => throw new InvalidOperationException("the function returned no result");

    public static bool IsMemoryFault(Exception exception) => MemoryFault.IsFault(exception);

    public static Exception MemoryTrap(Exception exception) => MemoryFault.Trap(exception);
}
