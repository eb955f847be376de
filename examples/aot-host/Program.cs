using Heron;
using Heron.Wasi;

// Runs hello-c.wasm, precompiled into this executable at build time (see aot-host.csproj), as
// `heron run hello-c.wasm` runs it: a WASI command with the host's standard streams.
// The engine's settings must be those the module was precompiled with: `heron compile` compiles for
// WebAssembly 3.0, as `heron run` runs it, and a precompiled module under other features is refused.
var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
var module = Module.FromPrecompiled(engine, PrecompiledCode.FromAssembly("hello-c"), "hello-c");
using var store = new Store(engine);
using var wasi = new WasiConfiguration()
    .WithArguments(["hello-c.wasm", .. args])
    .InheritStandardStreams()
    .Build();
var linker = new Linker(engine);
linker.DefineWasi(wasi);
try
{
    linker.Instantiate(store, module).GetFunction("_start")!.Invoke();
    return 0;
}
catch (WasiExitException exit)
{
    return exit.ExitCode;
}
catch (TrapException trap)
{
    Console.Error.WriteLine($"aot-host: wasm trap: {trap.Message}");
    return 134;
}
catch (WasmException failure)
{
    Console.Error.WriteLine($"aot-host: {failure.Message}");
    return 1;
}
