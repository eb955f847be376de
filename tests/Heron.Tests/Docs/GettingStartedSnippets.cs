using Heron.Wasi;

namespace Heron.Tests.Docs;

/// <summary>
/// The C# of docs/getting-started.md, compiled and run. Each region between "// snippet: NAME" and
/// "// end snippet" must appear in the page as a csharp block, word for word (checked below).
/// </summary>
public sealed class GettingStartedSnippets
{
    [Fact]
    public void FirstCall()
    {
        // snippet: first-call
        var engine = new Engine();
        var module = Module.FromText(engine, """
            (module
              (func (export "add") (param i32 i32) (result i32)
                (i32.add (local.get 0) (local.get 1))))
            """);
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, module);
        var add = instance.GetFunction<int, int, int>("add")!;
        int sum = add(2, 3); // 5
        // end snippet
        Assert.Equal(5, sum);
    }

    [Fact]
    public void HostFunctionsAndState()
    {
        // snippet: host-functions
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
        {
            var text = caller.GetMemory()!.ReadString(address, length);
            caller.GetData<List<string>>().Add(text);
        });
        using var store = new Store<List<string>>(engine, new List<string>());
        var instance = linker.Instantiate(store, Module.FromText(engine, """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "Hello, host!")
              (func (export "run") (call $log (i32.const 0) (i32.const 12))))
            """));
        instance.GetAction("run")!();
        // store.Data now holds "Hello, host!"
        // end snippet
        Assert.Equal(["Hello, host!"], store.Data);
    }

    [Fact]
    public void Wasi()
    {
        var path = Path.Combine(Cli.HeronProcess.RepositoryRoot, "examples", "hello.wat");
        var output = new MemoryStream();
        // snippet: wasi
        var engine = new Engine();
        var module = Module.FromFile(engine, path);
        using var wasi = new WasiConfiguration()
            .WithArguments("hello")
            .WithStandardOutput(output)
            .Build();
        using var store = new Store(engine);
        var linker = new Linker(engine).DefineWasi(wasi);
        var instance = linker.Instantiate(store, module);
        try
        {
            instance.GetAction("_start")!();
        }
        catch (WasiExitException exit) when (exit.ExitCode == 0)
        {
            // proc_exit(0): a normal end
        }
        // end snippet
        Assert.Equal("Hello from Heron!\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void FuelAndEpochs()
    {
        var stopped = new List<TrapCode>();
        // snippet: fuel-and-epochs
        var engine = new Engine(new EngineConfig { ConsumeFuel = true, EpochInterruption = true });
        var module = Module.FromText(engine, """(module (func (export "spin") (loop (br 0))))""");
        using var store = new Store(engine);
        var spin = new Linker(engine).Instantiate(store, module).GetAction("spin")!;

        // Fuel: a budget of instructions, counted deterministically.
        store.SetFuel(1_000_000);
        try { spin(); }
        catch (TrapException trap) when (trap.Code == TrapCode.OutOfFuel) { stopped.Add(trap.Code); }

        // Epochs: a deadline in ticks of a clock the host advances, from any thread.
        store.SetFuel(ulong.MaxValue);
        store.SetEpochDeadline(1);
        using var timer = new Timer(_ => engine.IncrementEpoch(), null, 100, Timeout.Infinite);
        try { spin(); }
        catch (TrapException trap) when (trap.Code == TrapCode.Interrupt) { stopped.Add(trap.Code); }
        // end snippet
        Assert.Equal([TrapCode.OutOfFuel, TrapCode.Interrupt], stopped);
    }

    [Fact]
    public void Limits()
    {
        var engine = new Engine();
        // snippet: limits
        using var store = new Store(engine);
        store.SetLimits(memorySize: 16 * 1024 * 1024, tableElements: 10_000, instances: 10);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, """
            (module (memory (export "memory") 1)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """));
        int grown = instance.GetFunction<int, int>("grow")!(1000); // -1: 1001 pages is more than 16 MiB
        // end snippet
        Assert.Equal(-1, grown);
    }

    [Fact]
    public void EverySnippetIsOnThePageWordForWord()
    {
        var root = Cli.HeronProcess.RepositoryRoot;
        var page = Normalize(File.ReadAllText(Path.Combine(root, "docs", "getting-started.md")));
        var source = File.ReadAllLines(Path.Combine(root, "tests", "Heron.Tests", "Docs", "GettingStartedSnippets.cs"));
        var count = 0;
        for (int i = 0; i < source.Length; i++)
        {
            if (!source[i].Trim().StartsWith("// snippet: ", StringComparison.Ordinal)) continue;
            var name = source[i].Trim()["// snippet: ".Length..];
            var lines = new List<string>();
            for (i++; !source[i].Trim().Equals("// end snippet", StringComparison.Ordinal); i++) lines.Add(source[i]);
            Assert.True(page.Contains(Normalize(string.Join('\n', lines)), StringComparison.Ordinal), $"snippet {name} differs from docs/getting-started.md");
            count++;
        }
        Assert.Equal(5, count);
    }

    /// <summary>Indentation differs between the page and the method bodies; the words and line breaks may not.</summary>
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
}
