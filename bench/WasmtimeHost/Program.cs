using Wasmtime;

// wasmtime-host [--gc] [--dir HOST[::GUEST]]... FILE [ARGS...]: runs FILE's _start as a WASI command with the
// standard streams inherited, defining every import WASI leaves unknown (the sightglass programs' bench.start
// and bench.end) as a function returning zeros: what `heron run -W unknown-imports-default=y` does. --gc turns
// on WebAssembly GC (with the function references it needs), which `heron run` accepts by default.
var directories = new List<(string Host, string Guest)>();
var gc = false;
int i = 0;
for (; i < args.Length; i++)
{
    if (args[i] == "--gc") gc = true;
    else if (args[i] == "--dir" && i + 1 < args.Length)
    {
        var split = args[++i].IndexOf("::", StringComparison.Ordinal);
        directories.Add(split < 0 ? (args[i], args[i]) : (args[i][..split], args[i][(split + 2)..]));
    }
    else break;
}
if (i >= args.Length)
{
    Console.Error.WriteLine("usage: wasmtime-host [--gc] [--dir HOST[::GUEST]]... FILE [ARGS...]");
    return 2;
}
var file = args[i];
var config = new Config();
if (gc) config.WithReferenceTypes(true).WithFunctionReferences(true).WithGc(true);
using var engine = new Engine(config);
using var module = file.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) ? Module.FromTextFile(engine, file) : Module.FromFile(engine, file);
using var linker = new Linker(engine);
using var store = new Store(engine);
var wasi = new WasiConfiguration()
    .WithArgs(args[i..].Select(Path.GetFileName).Take(1).Concat(args[(i + 1)..]).Select(a => a!))
    .WithInheritedStandardInput()
    .WithInheritedStandardOutput()
    .WithInheritedStandardError();
foreach (var (host, guest) in directories) wasi = wasi.WithPreopenedDirectory(host, guest, true);
store.SetWasiConfiguration(wasi);
linker.DefineWasi();
linker.DefineUnknownImportsAsDefaultValues(store, module);
var start = linker.Instantiate(store, module).GetAction("_start");
if (start is null)
{
    Console.Error.WriteLine($"{file}: no _start export");
    return 1;
}
try
{
    start();
    return 0;
}
catch (WasmtimeException e) when (e.ExitCode is { } code)
{
    return code;
}
catch (TrapException trap)
{
    Console.Error.WriteLine($"wasm trap: {trap.Message}");
    return 134;
}
