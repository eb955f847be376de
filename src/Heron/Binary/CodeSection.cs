using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Section 10: function bodies. Only the locals are decoded here; the instructions are left as a range
/// for the validator, which decodes them once while typing them.
/// </summary>
internal static class CodeSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        // Whether the count matches the function section is checked after the last section, so that a
        // misplaced section is reported as such first.
        var count = reader.ReadItemCount(1);
        var bodies = new FunctionBody[count];
        var sectionEnd = reader.End;
        for (int i = 0; i < count; i++)
        {
            var sizeOffset = reader.Position;
            var size = reader.ReadU32();
            if (size > (uint)reader.Remaining) throw reader.Error("unexpected end of section or function", sizeOffset);
            var bodyStart = reader.Position;
            var bodyEnd = bodyStart + (int)size;
            reader.End = bodyEnd;
            var locals = ReadLocals(ref reader, module.Features);
            var code = new ByteRange(reader.Position, bodyEnd - reader.Position);
            // The body's expression ends with `end` exactly at the body's end; anything else is malformed
            // whatever the instructions are, so say it now rather than leave it to the validator.
            if (code.Length == 0 || reader.Bytes[bodyEnd - 1] != 0x0B)
                throw reader.Error(bodyEnd == sectionEnd ? "unexpected end of section or function" : "END opcode expected", bodyEnd);
            bodies[i] = new FunctionBody(locals, code) { Encoded = new ByteRange(bodyStart, (int)size) };
            reader.End = sectionEnd;
            reader.Position = bodyEnd;
        }
        module.Bodies = bodies;
        module.HasCodeSection = true;
    }

    /// <summary>The most locals (besides parameters) one function may declare.</summary>
    internal const int MaxLocals = 50_000;

    private static LocalDeclaration[] ReadLocals(ref WasmReader reader, WasmFeatures features)
    {
        var runs = reader.ReadItemCount(2);
        if (runs == 0) return NoItems<LocalDeclaration>.Array;
        var locals = new LocalDeclaration[runs];
        long total = 0;
        for (int i = 0; i < runs; i++)
        {
            var countOffset = reader.Position;
            var count = reader.ReadU32();
            total += count;
            if (total > uint.MaxValue) throw reader.Error("too many locals", countOffset);
            // An implementation limit, the same as Wasmtime's: the compiler declares one CIL local per wasm local,
            // so a few bytes claiming billions of locals must not reach it.
            if (total > MaxLocals) throw reader.Error($"too many locals: more than {MaxLocals} in one function (an implementation limit)", countOffset);
            locals[i] = new LocalDeclaration(count, TypeReader.ReadValueType(ref reader, features));
        }
        return locals;
    }
}
