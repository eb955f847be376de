using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Tests.Binary;

/// <summary>The binary modules written out in the 2.0 spec scripts, checked against the decoder.</summary>
public sealed class SpecBinaryModuleTests
{
    // Scripts whose modules are given in the binary format.
    private static readonly string[] Scripts =
        ["binary.wast", "binary-leb128.wast", "custom.wast", "utf8-custom-section-id.wast", "utf8-import-field.wast",
         "utf8-import-module.wast", "utf8-invalid-encoding.wast", "align.wast", "memory.wast", "data.wast", "elem.wast",
         "global.wast", "imports.wast", "exports.wast", "table.wast", "func.wast"];

    [Fact]
    public void Binary_modules_of_the_2_0_suite_decode_and_malformed_ones_are_rejected()
    {
        var suite = SharedData.RequireWasmTestsuite("2.0");
        int valid = 0, malformed = 0;
        var failures = new List<string>();
        foreach (var script in Scripts)
        {
            foreach (var entry in WastBinaryModules.Read(Path.Combine(suite, script)))
            {
                var where = $"{script}:{entry.Line}";
                if (entry.Command == "assert_malformed")
                {
                    malformed++;
                    try
                    {
                        var module = ModuleDecoder.Decode(entry.Bytes);
                        ScanBodies(module);
                        failures.Add($"{where}: accepted, expected '{entry.Message}'");
                    }
                    catch (DecodeException) { }
                }
                else
                {
                    if (entry.Command == "module") valid++;
                    try
                    {
                        var module = ModuleDecoder.Decode(entry.Bytes);
                        var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
                        if (ModuleComparer.Difference(module, again) is { } difference) failures.Add($"{where}: round trip differs in {difference}");
                    }
                    catch (DecodeException e)
                    {
                        failures.Add($"{where}: {entry.Command} rejected as malformed: {e.Message}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(valid > 50, $"only {valid} binary modules found");
        Assert.True(malformed > 600, $"only {malformed} malformed binary modules found");
    }

    [Fact]
    public void Corrupted_spec_modules_fail_only_with_decode_errors()
    {
        var suite = SharedData.RequireWasmTestsuite("2.0");
        var modules = WastBinaryModules.Read(Path.Combine(suite, "binary.wast"))
            .Concat(WastBinaryModules.Read(Path.Combine(suite, "custom.wast")))
            .Select(entry => entry.Bytes).Where(bytes => bytes.Length > 8).ToList();
        var random = new Random(12345);
        var decoded = 0;
        for (int round = 0; round < 20_000; round++)
        {
            var bytes = (byte[])modules[random.Next(modules.Count)].Clone();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
                bytes[8 + random.Next(bytes.Length - 8)] = (byte)random.Next(256);
            foreach (var features in new[] { WasmFeatures.Wasm2, WasmFeatures.Wasm3 })
            {
                try
                {
                    ModuleDecoder.Decode(bytes, features);
                    decoded++;
                }
                catch (DecodeException) { }
            }
        }
        Assert.True(decoded > 0, "no corrupted module decoded at all: the mutations are too destructive to test anything");
    }

    /// <summary>
    /// What the validator will find while decoding instructions, so that a module the decoder delimits
    /// but whose body is malformed still counts as rejected here.
    /// </summary>
    private static void ScanBodies(WasmModule module)
    {
        foreach (var body in module.Bodies)
        {
            var reader = new InstructionReader(module.Bytes, body.Code.Start, body.Code.End, WasmFeatures.Wasm2);
            var depth = 0;
            while (depth >= 0)
            {
                if (reader.AtEnd) throw reader.Error("unexpected end of section or function");
                var instruction = reader.Read();
                switch (instruction.Opcode)
                {
                    case Opcode.Block or Opcode.Loop or Opcode.If: depth++; break;
                    case Opcode.End: depth--; break;
                    case Opcode.MemoryInit or Opcode.DataDrop when module.DataCount == null:
                        throw reader.Error("data count section required");
                }
            }
            if (!reader.AtEnd) throw reader.Error("END opcode expected");
        }
    }
}
