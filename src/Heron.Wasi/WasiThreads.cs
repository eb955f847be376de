namespace Heron.Wasi;

/// <summary>
/// wasi-threads: the import <c>wasi::thread-spawn(start_arg) -&gt; tid</c>. Each spawn instantiates the
/// program's module again, in a store of its own, on a new .NET thread, and calls its export
/// <c>wasi_thread_start(tid, start_arg)</c> there. Every instance imports the same shared memory (define it
/// with <see cref="DefineSharedMemories"/>), which is what the threads share; everything else (globals,
/// tables, the stack pointer) is per thread. A thread that calls <c>proc_exit</c> or traps ends the
/// whole program, as in Wasmtime: <see cref="Exited"/> is raised on that thread so the host can do so.
/// </summary>
/// <example>
/// <code>
/// var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.Threads });
/// var module = Module.FromFile(engine, "app.wasm");
/// using var store = new Store(engine);
/// var linker = new Linker(engine).DefineWasi(context);
/// WasiThreads.DefineSharedMemories(linker, store, module);
/// var threads = new WasiThreads(module, linker);
/// threads.Exited += exit => Environment.Exit(exit.ExitCode);
/// threads.Define();
/// int code = WasiCommand.Run(linker, store, module, context);
/// </code>
/// </example>
public sealed class WasiThreads
{
    /// <summary>The import module of <c>thread-spawn</c>.</summary>
    public const string ModuleName = "wasi";

    /// <summary>Thread ids are 1 to 2^29 - 1 (the top bits are reserved to libc's mutex words).</summary>
    public const int MaxThreadId = 0x1FFFFFFF;

    /// <summary>The machine stack of a spawned thread beyond the engine's WebAssembly stack limit, for host frames.</summary>
    private const int HostStackMargin = 4 * 1024 * 1024;

    private readonly Module module;
    private readonly Linker linker;
    private readonly Action<Store>? prepareStore;
    private int lastThreadId;

    /// <param name="module">The program: each thread instantiates it again.</param>
    /// <param name="linker">What its imports are bound to (WASI, the shared memory, <c>thread-spawn</c> once <see cref="Define"/> ran); not changed after the first spawn.</param>
    /// <param name="prepareStore">Sets up each thread's new store before instantiation (fuel, limits, an epoch deadline).</param>
    public WasiThreads(Module module, Linker linker, Action<Store>? prepareStore = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(linker);
        this.module = module;
        this.linker = linker;
        this.prepareStore = prepareStore;
    }

    /// <summary>Raised on a spawned thread that called <c>proc_exit</c> or trapped; without a handler only that thread ends.</summary>
    public event Action<WasiThreadExit>? Exited;

    /// <summary>Defines <c>wasi::thread-spawn</c> on the linker given to the constructor.</summary>
    public Linker Define()
    {
        linker.DefineFunction(ModuleName, "thread-spawn", (Func<int, int>)Spawn);
        return linker;
    }

    /// <summary>
    /// Creates, in <paramref name="store"/>, each shared memory <paramref name="module"/> imports, sized by
    /// its import type, and defines it under the import's name: the memory the program's threads share
    /// (a wasi-threads program imports its memory rather than defining it).
    /// </summary>
    public static void DefineSharedMemories(Linker linker, Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        foreach (var import in module.Imports)
            if (import.MemoryType is { Shared: true } type)
                linker.Define(import.Module, import.Name, new Memory(store, type));
    }

    /// <summary>
    /// <c>thread-spawn</c>: starts a thread running <c>wasi_thread_start(tid, <paramref name="startArgument"/>)</c>;
    /// returns its id, or a negative number when no thread could be started (ids exhausted, or the module
    /// could not be instantiated again).
    /// </summary>
    public int Spawn(int startArgument)
    {
        var id = Interlocked.Increment(ref lastThreadId);
        if (id > MaxThreadId || id <= 0) return -(int)WasiErrno.Again;
        using var started = new ManualResetEventSlim(false);
        var failed = false;
        var stackSize = module.Engine.Config.MaxWasmStack + HostStackMargin;
        var thread = new Thread(() =>
        {
            var store = new Store(module.Engine);
            Function start;
            try
            {
                prepareStore?.Invoke(store);
                var instance = linker.Instantiate(store, module);
                start = instance.GetFunction("wasi_thread_start")
                    ?? throw new WasmException("a wasi-threads program must export wasi_thread_start");
            }
            catch (Exception)
            {
                failed = true;
                store.Dispose();
                started.Set();
                return;
            }
            started.Set();
            try
            {
                start.Invoke(Value.I32(id), Value.I32(startArgument));
            }
            catch (Exception error) when (WasiCommand.ExitCode(error) is int code)
            {
                Exited?.Invoke(new WasiThreadExit(id, code, null));
            }
            catch (TrapException trap)
            {
                Exited?.Invoke(new WasiThreadExit(id, TrapExitCode, trap));
            }
            finally
            {
                store.Dispose();
            }
        }, stackSize)
        {
            // The program ends when its main thread does, whatever its other threads are doing.
            IsBackground = true,
            Name = $"wasi thread {id}",
        };
        thread.Start();
        started.Wait();
        return failed ? -(int)WasiErrno.Again : id;
    }

    /// <summary>What a trapping thread's program exits with: 128 + SIGABRT, as Wasmtime on Unix.</summary>
    public const int TrapExitCode = 134;
}
