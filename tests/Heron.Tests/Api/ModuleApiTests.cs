using Heron.Text;

namespace Heron.Tests.Api;

public sealed class ModuleApiTests
{
    private const string Wat = "(module (func (export \"seven\") (result i32) (i32.const 7)))";

    [Fact]
    public void FromFileReadsBinaryAndTextByContent()
    {
        var engine = new Engine();
        var folder = Directory.CreateTempSubdirectory("heron-");
        try
        {
            var text = Path.Combine(folder.FullName, "m.wat");
            var binary = Path.Combine(folder.FullName, "m.wasm");
            File.WriteAllText(text, Wat);
            File.WriteAllBytes(binary, WatParser.ParseModule(Wat));
            foreach (var path in new[] { text, binary })
            {
                var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, path));
                Assert.Equal(7, instance.GetFunction<int>("seven")!());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void MalformedAndInvalidModulesThrowTheirErrors()
    {
        var engine = new Engine();
        Assert.Throws<DecodeException>(() => Module.FromBytes(engine, [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]));
        Assert.Throws<ValidationException>(() => Module.FromText(engine, "(module (func (result i32) (i64.const 1)))"));
        Assert.Throws<TextParseException>(() => Module.FromText(engine, "(module (func"));
    }

    [Fact]
    public void MemoryOfADisposedStoreTrapsInsteadOfTouchingFreedPages()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, """
            (module (memory (export "m") 1) (func (export "load") (result i32) (i32.load (i32.const 0))))
            """));
        var load = instance.GetFunction<int>("load")!;
        Assert.Equal(0, load());
        store.Dispose();
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => load()).Code);
        Assert.Equal(0, instance.GetMemory("m")!.Size);
    }
}
