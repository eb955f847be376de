using System.Text;
using Heron.Components.Canon;
using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components;

/// <summary>
/// The canonical options of one <c>canon lift</c> or <c>canon lower</c> in one component instance: the
/// memory its values live in, the <c>realloc</c> that allocates there and the string encoding. Generated
/// bindings use it to move values in and out of guest memory without <see cref="ComponentValue"/>s; every
/// method that reads what the guest wrote traps (a <see cref="TrapException"/> with
/// <see cref="TrapCode.CanonicalAbi"/>) where the canonical ABI says so.
/// </summary>
public sealed class CanonicalAbi
{
    private const uint MaxByteLength = (1u << 28) - 1;

    internal CanonicalAbi(CanonOptions options, InstanceState instance)
    {
        Options = options;
        Instance = instance;
        LinearMemory = options.Memory?.Runtime;
    }

    internal CanonOptions Options { get; }

    /// <summary>The component instance whose options these are (its handle table, its may-leave flag).</summary>
    internal InstanceState Instance { get; }

    /// <summary>The memory's runtime form, read directly by compiled lifting and lowering (null without a memory option).</summary>
    internal LinearMemory? LinearMemory { get; }

    /// <summary>How strings are stored in <see cref="Memory"/>.</summary>
    public StringEncoding StringEncoding => Options.Encoding;

    /// <summary>Whether the options name a memory (a function passing only scalars needs none).</summary>
    public bool HasMemory => Options.Memory != null;

    /// <summary>The memory values are lifted from and lowered into; a trap when the options name none.</summary>
    public Memory Memory => Options.RequireMemory();

    /// <summary>
    /// Calls the guest's <c>realloc</c> (the instance may not call out meanwhile) and checks that the memory it
    /// returned is inside the memory and aligned; a trap when the options name no realloc.
    /// </summary>
    public uint Reallocate(uint oldPointer, uint oldSize, uint alignment, uint newSize)
    {
        if (alignment is not (1 or 2 or 4 or 8)) throw new ArgumentOutOfRangeException(nameof(alignment), "an alignment is 1, 2, 4 or 8");
        var pointer = Realloc(oldPointer, oldSize, alignment, newSize);
        CheckAllocation(pointer, newSize, (int)alignment);
        return pointer;
    }

    /// <summary><c>realloc(0, 0, alignment, size)</c>, checked as <see cref="Reallocate"/> checks it.</summary>
    public uint Allocate(uint alignment, uint size) => Reallocate(0, 0, alignment, size);

    /// <summary>
    /// Stores a host string in the options' encoding with one allocation of its exact size, and returns the
    /// pointer and the length to pass (in code units, with the UTF-16 tag for latin1+utf16). A string with an
    /// unpaired surrogate, which no component string can carry, raises an <see cref="ArgumentException"/>.
    /// </summary>
    public (uint Pointer, uint Length) StoreString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StringStorer.StoreHost(this, value);
    }

    /// <summary>Reads a string the guest passed as a pointer and a (tagged) length, with the canonical ABI's checks.</summary>
    public string LoadString(uint pointer, uint length) => StringLoader.Load(this, pointer, length);

    /// <summary>
    /// Copies a list of scalars (<typeparamref name="T"/> of the element's size: <c>byte</c> for <c>u8</c>,
    /// <c>uint</c> for <c>u32</c>...) out of guest memory, trapping when it is too long, out of bounds or
    /// misaligned. Floats are copied as stored: canonicalise NaNs with <see cref="CanonicalNaN(float)"/> if it matters.
    /// </summary>
    public T[] LoadArray<T>(uint pointer, uint count) where T : unmanaged
    {
        var span = ListSpan<T>(pointer, count);
        return span.ToArray();
    }

    /// <summary>Allocates room for <paramref name="values"/> (aligned to their size) and copies them in; returns the pointer and the count.</summary>
    public unsafe (uint Pointer, uint Count) StoreArray<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var byteLength = (ulong)values.Length * (ulong)sizeof(T);
        if (byteLength > uint.MaxValue) throw new ArgumentException("the list is too large for a 32-bit memory");
        var pointer = Allocate((uint)sizeof(T), (uint)byteLength);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(Memory.GetSpan(pointer, (int)byteLength));
        return (pointer, (uint)values.Length);
    }

    /// <summary>
    /// Traps unless a list of <paramref name="count"/> elements of <paramref name="elementSize"/> bytes at
    /// <paramref name="pointer"/> is within the maximum length, inside the memory and aligned.
    /// </summary>
    public void CheckList(uint pointer, uint count, int elementSize, int alignment)
    {
        var byteLength = (ulong)count * (ulong)elementSize;
        CanonTrap.If(byteLength > MaxByteLength, "list length exceeds the maximum");
        CheckRange(pointer, byteLength, alignment, "list content out-of-bounds", "unaligned pointer");
    }

    /// <summary>
    /// Traps unless the <paramref name="size"/> bytes at <paramref name="pointer"/> (a result area or spilled
    /// parameters the guest points to) are inside the memory and aligned.
    /// </summary>
    public void CheckPointer(uint pointer, uint size, int alignment) =>
        CheckRange(pointer, size, alignment, "list content out-of-bounds: result pointer out of bounds of memory", "unaligned pointer");

    /// <summary>A <c>char</c> from its bits; a trap for a surrogate or a value past U+10FFFF.</summary>
    public static System.Text.Rune ToChar(uint bits)
    {
        if (bits >= 0x110000 || (bits >= 0xD800 && bits <= 0xDFFF)) throw CanonTrap.Create($"invalid `char` bit pattern {bits:x}");
        return new System.Text.Rune((int)bits);
    }

    /// <summary>Traps unless <paramref name="discriminant"/> names one of <paramref name="caseCount"/> cases.</summary>
    public static void CheckDiscriminant(uint discriminant, int caseCount)
    {
        if (discriminant >= (uint)caseCount) throw CanonTrap.Create($"invalid variant discriminant {discriminant}");
    }

    /// <summary>The canonical NaN for any NaN (lifting a float makes NaNs indistinguishable, as the ABI requires).</summary>
    public static float CanonicalNaN(float value) => float.IsNaN(value) ? BitConverter.Int32BitsToSingle(0x7fc00000) : value;

    /// <summary>The canonical NaN for any NaN (lifting a float makes NaNs indistinguishable, as the ABI requires).</summary>
    public static double CanonicalNaN(double value) => double.IsNaN(value) ? BitConverter.Int64BitsToDouble(0x7ff8000000000000) : value;

    internal Span<T> ListSpan<T>(uint pointer, uint count) where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        CheckList(pointer, count, size, size);
        return Memory.GetSpan<T>(pointer, (int)count);
    }

    /// <summary>
    /// Calls realloc without checking what it returns (the caller checks, with the message its case needs),
    /// straight through its code pointer: its type, <c>(i32 i32 i32 i32) -> i32</c>, was validated. The entry
    /// protocol is kept (it nests cheaply inside a call already running), since bindings may allocate before
    /// they call into the guest.
    /// </summary>
    internal unsafe uint Realloc(uint oldPointer, uint oldSize, uint alignment, uint newSize)
    {
        var realloc = (Options.Realloc ?? throw CanonTrap.Create("a canonical option needs realloc and none was given")).Runtime;
        var runtime = realloc.Context.Runtime;
        Instance.MayLeave = false;
        HostEntry.Enter(runtime);
        try
        {
            return (uint)((delegate*<int, int, int, int, InstanceContext, int>)realloc.Code)(
                (int)oldPointer, (int)oldSize, (int)alignment, (int)newSize, realloc.Context);
        }
        catch (OverflowException fault) when (MemoryFault.IsFault(fault))
        {
            throw MemoryFault.Trap(fault);
        }
        finally
        {
            HostEntry.Exit(runtime);
            Instance.MayLeave = true;
        }
    }

    /// <summary>
    /// Traps unless [pointer, pointer + length) is inside the memory and the pointer is aligned. The
    /// messages are those the test suites look for (Wasmtime's and the reference's wording).
    /// </summary>
    internal void CheckRange(ulong pointer, ulong length, int alignment, string outOfBounds, string misaligned)
    {
        CanonTrap.If(pointer % (ulong)alignment != 0, misaligned);
        CanonTrap.If(pointer + length > (ulong)Memory.Size, outOfBounds);
    }

    /// <summary>Checks memory the guest's realloc returned.</summary>
    internal void CheckAllocation(ulong pointer, ulong length, int alignment) =>
        CheckRange(pointer, length, alignment, "realloc return: beyond end of memory", "realloc return: result not aligned");

    internal static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
}
