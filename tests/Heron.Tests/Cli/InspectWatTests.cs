namespace Heron.Tests.Cli;

public sealed class InspectWatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-inspect-wat-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Output, string Error) Inspect(string fileName, byte[] contents)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, contents);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Heron.Cli.InspectCommand.Run(path, output, error, wat: true);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void With_wat_a_valid_module_prints_as_text_that_parses_back_and_exits_with_0()
    {
        var wat = """
            (module
              (memory (export "mem") 1)
              (func $add (export "add") (param $a i32) (param $b i32) (result i32)
                local.get $a
                local.get $b
                i32.add)
              (data (i32.const 8) "hi\n"))
            """;
        // As a .wasm with a name section, so that the functions' and locals' ids are there to print.
        var (code, output, error) = Inspect("module.wasm", Heron.Text.WatParser.ParseModule(wat, 1, 1, emitNames: true));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith("(module", output);
        Assert.Contains("(func $add (;0;) (type 0) (param $a i32) (param $b i32) (result i32)", output);
        Assert.Contains("    local.get $a\n", output);
        Assert.Contains("(data (;0;) (i32.const 8) \"hi\\0a\")", output);
        Assert.DoesNotContain("types:", output);
        var reparsed = Heron.Binary.ModuleDecoder.Decode(Heron.Text.WatParser.ParseModule(output));
        Assert.Single(reparsed.Bodies);
    }

    [Fact]
    public void With_wat_shared_memories_and_atomics_print_and_parse_back()
    {
        var wat = """
            (module
              (memory 1 2 shared)
              (func (param i32) (result i32)
                atomic.fence
                (drop (i64.atomic.rmw16.cmpxchg_u offset=2 (local.get 0) (i64.const 1) (i64.const 2)))
                (drop (memory.atomic.wait64 (local.get 0) (i64.const 0) (i64.const -1)))
                (i32.atomic.rmw8.xor_u (local.get 0) (i32.const 3))))
            """;
        var (code, output, error) = Inspect("atomics.wat", System.Text.Encoding.UTF8.GetBytes(wat));
        Assert.Equal(("", 0), (error, code));
        Assert.Contains("(memory (;0;) 1 2 shared)", output);
        Assert.Contains("    atomic.fence\n", output);
        Assert.Contains("    i64.atomic.rmw16.cmpxchg_u offset=2\n", output);
        Assert.Contains("    memory.atomic.wait64\n", output);
        Assert.Contains("    i32.atomic.rmw8.xor_u\n", output);
        var reparsed = Heron.Binary.ModuleDecoder.Decode(Heron.Text.WatParser.ParseModule(output), WasmFeatures.Wasm3 | WasmFeatures.Threads);
        Assert.Single(reparsed.Bodies);
    }

    [Fact]
    public void With_wat_a_malformed_module_still_exits_with_1()
    {
        var (code, output, error) = Inspect("bad.wasm", [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("byte offset", error);
    }

    [Fact]
    public void With_wat_an_invalid_module_still_exits_with_1()
    {
        var (code, output, error) = Inspect("invalid.wat", System.Text.Encoding.UTF8.GetBytes("(module (func (result i32) (i64.const 1)))"));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("type mismatch", error);
    }

    [Fact]
    public void The_heron_command_accepts_the_wat_option()
    {
        var path = Path.Combine(folder, "tiny.wat");
        File.WriteAllText(path, "(module (func (export \"f\")))");
        var result = HeronProcess.Run(folder, "inspect", "--wat", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(export \"f\" (func 0))", result.Output);
    }
}
