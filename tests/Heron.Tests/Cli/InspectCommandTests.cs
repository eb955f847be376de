namespace Heron.Tests.Cli;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-inspect-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Output, string Error) Inspect(string fileName, byte[] contents)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, contents);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Heron.Cli.InspectCommand.Run(path, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Output, string Error) InspectText(string wat) =>
        Inspect("module.wat", System.Text.Encoding.UTF8.GetBytes(wat));

    private static readonly byte[] ComponentPreamble = [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0];

    [Fact]
    public void A_component_prints_its_world_as_wit()
    {
        // (component (type (func (param "x" u32) (result string))) (import "f" (func (type 0))))
        byte[] sections = [0x07, 0x08, 0x01, 0x40, 0x01, 0x01, 0x78, 0x79, 0x00, 0x73, 0x0a, 0x06, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00];
        var (code, output, _) = Inspect("c.wasm", [.. ComponentPreamble, .. sections]);
        Assert.Equal(0, code);
        Assert.Contains("world root {\n  import f: func(x: u32) -> string;\n}", output);
    }

    [Fact]
    public void An_invalid_component_prints_the_error_and_exits_with_1()
    {
        // An import of a function whose type index does not exist.
        byte[] sections = [0x0a, 0x06, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00];
        var (code, _, error) = Inspect("c.wasm", [.. ComponentPreamble, .. sections]);
        Assert.Equal(1, code);
        Assert.Contains("type index out of bounds", error);
    }

    [Fact]
    public void A_valid_module_prints_its_contents_and_exits_with_0()
    {
        var (code, output, _) = InspectText("""
            (module $demo
              (import "env" "log" (func (param i32)))
              (memory (export "mem") 1 2)
              (table 3 funcref)
              (global (mut i64) (i64.const 5))
              (func $f (export "f") (param i32) (result i32) (local.get 0))
              (elem (i32.const 0) $f)
              (data (i32.const 8) "hello"))
            """);
        Assert.Equal(0, code);
        Assert.Contains("types: 2", output);
        Assert.Contains("\"env\" \"log\" func", output);
        Assert.Contains("functions: 2 (1 imported, 1 defined)", output);
        Assert.Contains("memory 1 2", output);
        Assert.Contains("table 3 funcref", output);
        Assert.Contains("global (mut i64)", output);
        Assert.Contains("\"f\" function 1", output);
        // Under 3.0 a segment of function indices holds non-null references.
        Assert.Contains("active table 0 (ref func) x 1", output);
        Assert.Contains("active memory 0 5 bytes", output);
    }

    [Fact]
    public void A_malformed_module_prints_the_error_with_its_byte_offset_and_exits_with_1()
    {
        var (code, _, error) = Inspect("bad.wasm", [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01]);
        Assert.Equal(1, code);
        Assert.Contains("byte offset", error);
    }

    [Fact]
    public void An_invalid_module_names_the_function_and_exits_with_1()
    {
        var (code, _, error) = InspectText("(module (func $g) (func (result i32) (i64.const 1)))");
        Assert.Equal(1, code);
        Assert.Contains("type mismatch", error);
        Assert.Contains("function 1", error);
    }

    [Fact]
    public void Malformed_text_reports_line_and_column()
    {
        var (code, _, error) = InspectText("(module\n  (func (i32.const)))");
        Assert.Equal(1, code);
        Assert.Contains("line 2", error);
    }

    [Fact]
    public void Random_bytes_never_crash_it()
    {
        var random = new Random(1234);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 8) { bytes[0] = 0; bytes[1] = 0x61; bytes[2] = 0x73; bytes[3] = 0x6D; bytes[4] = 1; bytes[5] = bytes[6] = bytes[7] = 0; }
            var (code, _, _) = Inspect($"random{i}.wasm", bytes);
            Assert.True(code is 0 or 1);
        }
    }
}
