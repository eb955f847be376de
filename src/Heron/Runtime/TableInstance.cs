namespace Heron.Runtime;

/// <summary>
/// A table of references: <see cref="FunctionInstance"/>s (funcref) or host objects (externref), null
/// meaning the null reference. Instances that import a table share this object, so growth is seen by all.
/// </summary>
internal sealed class TableInstance
{
    /// <summary>Growth beyond this many elements fails (returns -1), whatever the declared maximum.</summary>
    public const uint ImplementationLimit = 10_000_000;

    /// <summary>The elements; its length is the table size. Replaced (copied) when the table grows.</summary>
    public object?[] Elements;

    public TableInstance(TableType type, object? initial)
    {
        Type = type;
        CanonicalElement = type.ElementType;
        if (type.Limits.Minimum > ImplementationLimit) throw TooLarge(type.Limits.Minimum);
        Elements = new object?[type.Limits.Minimum];
        if (initial != null) Array.Fill(Elements, initial);
    }

    public TableType Type { get; }

    /// <summary>The element type in the engine's ids (see <see cref="SignatureRegistry.Canonical"/>), for matching across modules.</summary>
    public ValueType CanonicalElement { get; init; }

    /// <summary>True when a table of <paramref name="elements"/> references would need more bytes than a 64-bit
    /// address can count: no limit or limiter is asked, the allocation is impossible.</summary>
    public static bool SizeOverflows(ulong elements) => elements > ulong.MaxValue / (ulong)nint.Size;

    private static ResourceLimitException TooLarge(ulong elements) => new("table elements", SizeOverflows(elements)
        ? $"overflow calculating table allocation size: a table of {elements} elements"
        : $"a table of {elements} elements is more than Heron's limit of {ImplementationLimit}");

    /// <summary>The store's runtime, whose limiter growth consults; null for a table outside any store.</summary>
    public StoreRuntime? Owner { get; init; }

    public uint Size => (uint)Elements.Length;

    public Limits CurrentLimits => new(Size, Type.Limits.Maximum);

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initial"/>; the old size or -1.</summary>
    public long Grow(uint delta, object? initial)
    {
        var old = Size;
        var max = Math.Min(Type.Limits.Maximum ?? uint.MaxValue, ImplementationLimit);
        if ((ulong)old + delta > max) return -1;
        if (delta == 0) return old;
        if (Owner?.Limiter is { } limiter && !limiter.TableGrowing(old, (long)old + delta, (long?)Type.Limits.Maximum)) return -1;
        var grown = new object?[old + delta];
        Array.Copy(Elements, grown, old);
        if (initial != null) Array.Fill(grown, initial, (int)old, (int)delta);
        Elements = grown;
        return old;
    }

    public static object? Get(int index, TableInstance table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) TrapHelpers.TableOutOfBounds();
        return elements[index];
    }

    public static void Set(int index, object? value, TableInstance table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) TrapHelpers.TableOutOfBounds();
        elements[index] = value;
    }

    public static int SizeFromWasm(TableInstance table) => table.Elements.Length;

    public static int GrowFromWasm(object? initial, int delta, TableInstance table) => (int)table.Grow((uint)delta, initial);

    public static void Fill(int start, object? value, int count, TableInstance table)
    {
        ulong i = (uint)start, n = (uint)count;
        if (i + n > table.Size) TrapHelpers.TableOutOfBounds();
        Array.Fill(table.Elements, value, (int)i, (int)n);
    }

    public static void Copy(int destination, int source, int count, TableInstance target, TableInstance from)
    {
        ulong d = (uint)destination, s = (uint)source, n = (uint)count;
        if (d + n > target.Size || s + n > from.Size) TrapHelpers.TableOutOfBounds();
        Array.Copy(from.Elements, (int)s, target.Elements, (int)d, (int)n);
    }

    /// <summary>table.init and active element segments: bounds are checked before anything is written.</summary>
    public void Initialize(ulong destination, object?[] items, ulong source, ulong count)
    {
        if (count > Size || destination > Size - count || source + count > (ulong)items.Length) TrapHelpers.TableOutOfBounds();
        Array.Copy(items, (int)source, Elements, (int)destination, (int)count);
    }

    // ---- table64: indices, sizes and counts are i64 (any 32-bit operand of a mixed copy zero-extended) ----

    public static object? Get64(long index, TableInstance table)
    {
        var elements = table.Elements;
        if ((ulong)index >= (ulong)elements.Length) TrapHelpers.TableOutOfBounds();
        return elements[index];
    }

    public static void Set64(long index, object? value, TableInstance table)
    {
        var elements = table.Elements;
        if ((ulong)index >= (ulong)elements.Length) TrapHelpers.TableOutOfBounds();
        elements[index] = value;
    }

    public static long SizeFromWasm64(TableInstance table) => table.Elements.Length;

    public static long GrowFromWasm64(object? initial, long delta, TableInstance table)
    {
        if ((ulong)delta <= uint.MaxValue) return table.Grow((uint)delta, initial);
        if (SizeOverflows((ulong)delta + table.Size) || (ulong)delta + table.Size < table.Size) TrapHelpers.TableAllocationFailed((ulong)delta);
        return -1;
    }

    public static void Fill64(long start, object? value, long count, TableInstance table)
    {
        ulong i = (ulong)start, n = (ulong)count;
        if (n > table.Size || i > table.Size - n) TrapHelpers.TableOutOfBounds();
        Array.Fill(table.Elements, value, (int)i, (int)n);
    }

    public static void Copy64(ulong destination, ulong source, ulong count, TableInstance target, TableInstance from)
    {
        if (count > target.Size || destination > target.Size - count || count > from.Size || source > from.Size - count)
            TrapHelpers.TableOutOfBounds();
        Array.Copy(from.Elements, (int)source, target.Elements, (int)destination, (int)count);
    }

    /// <summary>call_indirect through a 64-bit table.</summary>
    public static FunctionInstance ResolveIndirect64(long index, TableInstance table, int signatureId)
    {
        if ((ulong)index >= (ulong)table.Elements.Length) TrapHelpers.UndefinedElement64(index);
        return ResolveIndirect((int)index, table, signatureId);
    }

    /// <summary>
    /// call_indirect: the function at <paramref name="index"/>, checked to be present and of the expected
    /// canonical signature.
    /// </summary>
    public static FunctionInstance ResolveIndirect(int index, TableInstance table, int signatureId)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) TrapHelpers.UndefinedElement(index);
        var function = elements[index];
        if (function == null) TrapHelpers.UninitializedElement(index);
        var callee = System.Runtime.CompilerServices.Unsafe.As<FunctionInstance>(function);
        if (callee.SignatureId != signatureId && !callee.Canonical.HasSupertype(signatureId)) TrapHelpers.IndirectCallTypeMismatch();
        return callee;
    }
}
