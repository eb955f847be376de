namespace Heron.Compilation;

/// <summary>
/// Records, while one function is compiled, which module byte offset each stretch of its CIL came from,
/// packed as variable-length deltas (a few bytes per WebAssembly instruction that emits code): what
/// turns a .NET stack frame's IL offset back into the WebAssembly instruction of a backtrace.
/// </summary>
internal sealed class CodeOffsetRecorder
{
    // A buffer of Heron's own: List<byte>'s code is not all in the framework's ReadyToRun image.
    private byte[] packed = new byte[64];
    private int length;
    private int pendingIl = -1, pendingWasm;
    private int lastIl, lastWasm;

    /// <summary>
    /// The instruction at module offset <paramref name="wasmOffset"/> starts at CIL offset
    /// <paramref name="ilOffset"/>. An instruction that emitted no CIL is overtaken by the next one at
    /// the same CIL offset: the code there is the next one's.
    /// </summary>
    public void Mark(int ilOffset, int wasmOffset)
    {
        if (ilOffset != pendingIl) Flush();
        pendingIl = ilOffset;
        pendingWasm = wasmOffset;
    }

    /// <summary>The packed map, in the form <see cref="CodeOffsetMap.Find(int, int)"/> reads.</summary>
    public byte[] ToArray()
    {
        Flush();
        return packed.AsSpan(0, length).ToArray();
    }

    private void Flush()
    {
        if (pendingIl < 0) return;
        WriteUnsigned((uint)(pendingIl - lastIl));
        var delta = pendingWasm - lastWasm;
        WriteUnsigned((uint)((delta << 1) ^ (delta >> 31)));
        lastIl = pendingIl;
        lastWasm = pendingWasm;
        pendingIl = -1;
    }

    private void WriteUnsigned(uint value)
    {
        while (value >= 0x80)
        {
            Append((byte)(value | 0x80));
            value >>= 7;
        }
        Append((byte)value);
    }

    private void Append(byte value)
    {
        packed = ArrayGrowth.ToHold(packed, length);
        packed[length++] = value;
    }
}

/// <summary>
/// The CIL-to-module offset maps of one module's defined functions, filled as each is compiled (ahead
/// or on its first call) and read only when a backtrace is built.
/// </summary>
internal sealed class CodeOffsetMap(int definedFunctions)
{
    private readonly byte[]?[] maps = new byte[]?[definedFunctions];
    // Each function's regions' maps, by region number: made on first use, under the lock (regions are compiled
    // on several threads). Not a dictionary keyed by a tuple: framework generic code JIT-compiled at start.
    private readonly byte[]?[]?[] regions = new byte[]?[]?[definedFunctions];
    private readonly Lock regionGate = new();

    public void Set(int defined, byte[] packed) => Volatile.Write(ref maps[defined], packed);

    /// <summary>The map of outlined region <paramref name="region"/> of a function (see <see cref="FunctionSplitter"/>).</summary>
    public void SetRegion(int defined, int region, byte[] packed)
    {
        lock (regionGate)
        {
            var maps = ArrayGrowth.ToHold(regions[defined] ?? [], region);
            maps[region] = packed;
            regions[defined] = maps;
        }
    }

    /// <summary>The module offset of the instruction whose CIL holds <paramref name="ilOffset"/>, or -1 when unknown.</summary>
    public long Find(int defined, int ilOffset)
    {
        if ((uint)defined >= (uint)maps.Length) return -1;
        return Find(Volatile.Read(ref maps[defined]), ilOffset);
    }

    /// <summary>As <see cref="Find(int, int)"/>, in the method of an outlined region.</summary>
    public long FindInRegion(int defined, int region, int ilOffset)
    {
        if ((uint)defined >= (uint)regions.Length || region < 0) return -1;
        byte[]? packed;
        lock (regionGate)
        {
            var maps = regions[defined];
            packed = maps is not null && region < maps.Length ? maps[region] : null;
        }
        return Find(packed, ilOffset);
    }

    private static long Find(byte[]? packed, int ilOffset)
    {
        if (ilOffset < 0 || packed is null) return -1;
        int position = 0, il = 0, wasm = 0;
        long found = -1;
        while (position < packed.Length)
        {
            il += (int)ReadUnsigned(packed, ref position);
            var zigzag = ReadUnsigned(packed, ref position);
            wasm += (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            if (il > ilOffset) break;
            found = wasm;
        }
        return found;
    }

    private static uint ReadUnsigned(byte[] packed, ref int position)
    {
        uint value = 0;
        for (int shift = 0; position < packed.Length; shift += 7)
        {
            var b = packed[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        return value;
    }
}
