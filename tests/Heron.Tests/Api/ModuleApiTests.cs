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
    public void ADisposedStoresFunctionsCannotBeCalledAndItsMemoryIsEmpty()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, """
            (module (memory (export "m") 1) (func (export "load") (result i32) (i32.load (i32.const 0))))
            """));
        var load = instance.GetFunction<int>("load")!;
        Assert.Equal(0, load());
        store.Dispose();
        // The load's static address is below the memory's minimum, so it is compiled without a check:
        // the call must not get as far as running it.
        Assert.Throws<ObjectDisposedException>(() => load());
        Assert.Throws<ObjectDisposedException>(() => instance.GetFunction("load")!.Invoke());
        Assert.Equal(0, instance.GetMemory("m")!.Size);
    }

    [Fact]
    public void AStoreCannotBeDisposedByAHostFunctionItsCodeCalled()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        InvalidOperationException? refused = null;
        linker.DefineFunction("env", "dispose", () => { refused = Assert.Throws<InvalidOperationException>(store.Dispose); });
        var instance = linker.Instantiate(store, Module.FromText(engine, """
            (module (import "env" "dispose" (func $dispose)) (memory 1)
              (func (export "run") (param i32) (result i32)
                (drop (i32.load offset=8 (local.get 0)))
                (call $dispose)
                (i32.load offset=4 (local.get 0))))
            """));
        // The second load's check is left out (covered by the first): the memory must still be there.
        Assert.Equal(0, instance.GetFunction<int, int>("run")!(100));
        Assert.NotNull(refused);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => instance.GetFunction<int, int>("run")!(100));
    }

    [Fact]
    public void AStoreCannotBeDisposedFromAnotherThreadWhileItsCodeRuns()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        Exception? fromOtherThread = null;
        linker.DefineFunction("env", "pause", () =>
        {
            var other = new Thread(() => fromOtherThread = Record.Exception(store.Dispose));
            other.Start();
            other.Join();
        });
        var instance = linker.Instantiate(store, Module.FromText(engine, """
            (module (import "env" "pause" (func $pause)) (memory 1)
              (func (export "run") (result i32) (call $pause) (i32.load (i32.const 16))))
            """));
        Assert.Equal(0, instance.GetFunction<int>("run")!());
        Assert.IsType<InvalidOperationException>(fromOtherThread);
    }
}
