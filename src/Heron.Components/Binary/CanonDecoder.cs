using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>
/// Reads a <c>canon</c> definition. Lift, lower and the three resource built-ins are kept in full; the async,
/// thread and error-context built-ins are read to their end and kept by name, with the indices the
/// validator checks for those it validates.
/// </summary>
internal static class CanonDecoder
{
    public static CanonDefinition Read(ref WasmReader reader)
    {
        var offset = reader.Position;
        var opcode = reader.ReadByte();
        switch (opcode)
        {
            case 0x00:
            {
                ExpectFuncSort(ref reader, "canonical function lift");
                var coreFunc = reader.ReadIndex();
                var options = ReadOptions(ref reader);
                return new CanonLift(offset, coreFunc, options, reader.ReadIndex());
            }
            case 0x01:
            {
                ExpectFuncSort(ref reader, "canonical function lower");
                var func = reader.ReadIndex();
                return new CanonLower(offset, func, ReadOptions(ref reader));
            }
            case 0x02: return new CanonResourceNew(offset, reader.ReadIndex());
            case 0x03: return new CanonResourceDrop(offset, reader.ReadIndex());
            case 0x04: return new CanonResourceRep(offset, reader.ReadIndex());
        }

        var indices = new List<int>();
        var name = ReadUnsupported(ref reader, opcode, indices) ?? throw SortDecoder.LeadingByte(ref reader, opcode, "canonical function", offset);
        return new CanonUnsupported(offset, opcode, name) { Indices = indices };
    }

    private static void ExpectFuncSort(ref WasmReader reader, string what)
    {
        var start = reader.Position;
        var sort = reader.ReadByte();
        if (sort != 0x00) throw SortDecoder.LeadingByte(ref reader, sort, what, start);
    }

    /// <summary>Reads the immediates of a built-in outside the synchronous ABI; null for an unallocated opcode.</summary>
    private static string? ReadUnsupported(ref WasmReader reader, byte opcode, List<int> indices)
    {
        switch (opcode)
        {
            case 0x24: return "backpressure.inc";
            case 0x25: return "backpressure.dec";
            case 0x09:
                TypeDecoder.ReadResultList(ref reader);
                ReadOptions(ref reader);
                return "task.return";
            case 0x05: return "task.cancel";
            case 0x0a or 0x0b:
                reader.ReadValueType();
                reader.ReadIndex();
                return opcode == 0x0a ? "context.get" : "context.set";
            case 0x06:
                SortDecoder.ReadBoolean(ref reader);
                return "subtask.cancel";
            case 0x0d: return "subtask.drop";
            case 0x0e or 0x13 or 0x14 or 0x15 or 0x1a or 0x1b:
                indices.Add(reader.ReadIndex());
                return opcode switch
                {
                    0x0e => "stream.new",
                    0x13 => "stream.drop-readable",
                    0x14 => "stream.drop-writable",
                    0x15 => "future.new",
                    0x1a => "future.drop-readable",
                    _ => "future.drop-writable",
                };
            case 0x0f or 0x10 or 0x16 or 0x17:
                reader.ReadIndex();
                ReadOptions(ref reader);
                return opcode switch { 0x0f => "stream.read", 0x10 => "stream.write", 0x16 => "future.read", _ => "future.write" };
            case 0x11 or 0x12 or 0x18 or 0x19:
                reader.ReadIndex();
                SortDecoder.ReadBoolean(ref reader);
                return opcode switch
                {
                    0x11 => "stream.cancel-read",
                    0x12 => "stream.cancel-write",
                    0x18 => "future.cancel-read",
                    _ => "future.cancel-write",
                };
            case 0x1c or 0x1d:
                ReadOptions(ref reader);
                return opcode == 0x1c ? "error-context.new" : "error-context.debug-message";
            case 0x1e: return "error-context.drop";
            case 0x1f: return "waitable-set.new";
            case 0x20 or 0x21:
                SortDecoder.ReadBoolean(ref reader);
                indices.Add(reader.ReadIndex());
                return opcode == 0x20 ? "waitable-set.wait" : "waitable-set.poll";
            case 0x22: return "waitable-set.drop";
            case 0x23: return "waitable.join";
            case 0x26: return "thread.index";
            case 0x27:
                indices.Add(reader.ReadIndex());
                indices.Add(reader.ReadIndex());
                return "thread.new-indirect";
            case 0x28: return "thread.resume-later";
            case 0x29 or 0x0c or 0x2a or 0x2b or 0x2c or 0x2d:
                SortDecoder.ReadBoolean(ref reader);
                return opcode switch
                {
                    0x29 => "thread.suspend",
                    0x0c => "thread.yield",
                    0x2a => "thread.suspend-then-resume",
                    0x2b => "thread.yield-then-resume",
                    0x2c => "thread.suspend-then-promote",
                    _ => "thread.yield-then-promote",
                };
            case 0x40:
                SortDecoder.ReadBoolean(ref reader);
                reader.ReadIndex();
                return "thread.spawn-ref";
            case 0x41:
                SortDecoder.ReadBoolean(ref reader);
                reader.ReadIndex();
                reader.ReadIndex();
                return "thread.spawn-indirect";
            case 0x42:
                SortDecoder.ReadBoolean(ref reader);
                return "thread.available-parallelism";
            default:
                return null;
        }
    }

    private static IReadOnlyList<CanonOption> ReadOptions(ref WasmReader reader)
    {
        var count = reader.ReadItemCount(1);
        if (count == 0) return [];
        var options = new CanonOption[count];
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            var kind = reader.ReadByte();
            options[i] = kind switch
            {
                0x00 or 0x01 or 0x02 or 0x06 or 0x09 => new CanonOption((CanonOptionKind)kind),
                0x03 or 0x04 or 0x05 or 0x07 or 0x08 => new CanonOption((CanonOptionKind)kind, reader.ReadIndex()),
                _ => throw SortDecoder.LeadingByte(ref reader, kind, "canonical option", start),
            };
        }
        return options;
    }
}
