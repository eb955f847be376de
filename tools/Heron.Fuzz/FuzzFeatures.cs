using WT = Wasmtime;

namespace Heron.Fuzz;

/// <summary>
/// The WebAssembly features a differential campaign turns on, alike in all three places: binaryen's generator
/// (its <c>--enable-...</c> flags), Heron's engine (<see cref="WasmFeatures"/>) and Wasmtime's configuration.
/// Relaxed SIMD stays off everywhere: its results are implementation-defined, so the engines may differ.
/// </summary>
internal sealed record FuzzFeatures(IReadOnlySet<string> Names)
{
    /// <summary>Every switch: its name, Heron's flag, binaryen's flag (none where 2.0 has it already).</summary>
    private static readonly (string Name, WasmFeatures Heron, string? Binaryen)[] Switches =
    [
        ("tail-call", WasmFeatures.TailCall, "--enable-tail-call"),
        ("exceptions", WasmFeatures.Exceptions, "--enable-exception-handling"),
        ("memory64", WasmFeatures.Memory64, "--enable-memory64"),
        ("multi-memory", WasmFeatures.MultiMemory, "--enable-multimemory"),
        ("extended-const", WasmFeatures.ExtendedConst, "--enable-extended-const"),
        // binaryen has no switch of its own for typed function references: they come with its GC feature.
        ("function-references", WasmFeatures.FunctionReferences, null),
        ("gc", WasmFeatures.Gc | WasmFeatures.FunctionReferences, "--enable-gc"),
        // Atomics on shared memories (run on one thread: the point is each atomic's result and alignment trap).
        ("threads", WasmFeatures.Threads, "--enable-threads"),
        ("wide-arithmetic", WasmFeatures.WideArithmetic, "--enable-wide-arithmetic"),
    ];

    /// <summary>The features of <see cref="Wasm3"/>, which a list may name as "wasm3" beside others.</summary>
    private static readonly string[] Wasm3Names = ["tail-call", "exceptions", "memory64", "multi-memory", "extended-const", "function-references"];

    private static readonly string[] Wasm2Flags =
    [
        "--mvp-features", "--enable-mutable-globals", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
        "--enable-multivalue", "--enable-bulk-memory", "--enable-simd",
    ];

    /// <summary>WebAssembly 2.0 only: the campaign as it was before 3.0.</summary>
    public static readonly FuzzFeatures Wasm2 = new(new HashSet<string>());

    /// <summary>
    /// The 3.0 features the campaign ran on first: all but relaxed SIMD and GC (kept apart so that seeds of the
    /// first 10,000-case run still make the same modules; "wasm3,gc" adds GC). Typed function references are on:
    /// the own generator writes them (binaryen writes them only with GC).
    /// </summary>
    public static readonly FuzzFeatures Wasm3 = new(Wasm3Names.ToHashSet());

    /// <summary>"wasm2", "wasm3" or a comma-separated list of feature names added to 2.0, where "wasm3" stands for
    /// its features (so "wasm3,gc" is 3.0 with GC, "wasm3,threads,wide-arithmetic" 3.0 with atomics and 128-bit arithmetic).</summary>
    public static FuzzFeatures Parse(string text)
    {
        if (text == "wasm2") return Wasm2;
        var names = new HashSet<string>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "wasm3")
            {
                names.UnionWith(Wasm3Names);
                continue;
            }
            if (!Switches.Any(s => s.Name == name))
                throw new ArgumentException($"unknown feature {name}: use wasm2, wasm3 or a list of wasm3, {string.Join(", ", Switches.Select(s => s.Name))}");
            names.Add(name);
        }
        return new FuzzFeatures(names);
    }

    public bool IsWasm2 => Names.Count == 0;

    public bool Has(string name) => Names.Contains(name);

    /// <summary>Whether functions may have exnref or typed references in their types, which Wasmtime's .NET API cannot wrap.</summary>
    public bool MayHaveUnwrappableFunctions => Has("exceptions") || Has("function-references") || Has("gc");

    /// <summary>Whether externrefs reaching the host are shown without their null-ness (see <see cref="Differential.ValueText.ExternRef"/>).</summary>
    public bool ExternrefOpaque => Has("gc");

    /// <summary>Heron's features: 2.0 plus the switches.</summary>
    public WasmFeatures Heron => Switches.Where(s => Has(s.Name)).Aggregate(WasmFeatures.Wasm2, (all, s) => all | s.Heron);

    /// <summary>binaryen's flags.</summary>
    public string[] BinaryenFlags() =>
    [
        .. Wasm2Flags, "--enable-reference-types",
        .. Switches.Where(s => Has(s.Name) && s.Binaryen != null).Select(s => s.Binaryen!),
        // binaryen's generator also writes the legacy try/catch/rethrow/delegate, which Wasmtime does not run:
        // this rewrites them into try_table and throw_ref before the module is written.
        .. (string[])(Has("exceptions") ? ["--emit-exnref"] : []),
    ];

    /// <summary>Wasmtime's configuration. Extended constant expressions cannot be switched in its .NET API
    /// (no WithExtendedConst); Wasmtime 50 has them on, so a 2.0 campaign relies on binaryen not emitting them.
    /// Nor can the legacy exception instructions (try/catch/rethrow/delegate): Wasmtime 50 does not run them at
    /// all, so they are not fuzzed against this oracle (binaryen's are rewritten into try_table first).</summary>
    public WT.Config ConfigureWasmtime(WT.Config config) => (Has("threads") ? Differential.WasmtimeSharedMemory.Enable(config) : config)
        .WithReferenceTypes(true).WithSIMD(true).WithBulkMemory(true).WithMultiValue(true)
        .WithRelaxedSIMD(false, false)
        .WithGc(Has("gc")).WithFunctionReferences(Has("gc") || Has("function-references"))
        .WithTailCalls(Has("tail-call")).WithMultiMemory(Has("multi-memory")).WithMemory64(Has("memory64"))
        .WithExceptions(Has("exceptions"))
        .WithWideArithmetic(Has("wide-arithmetic")).WithWasmThreads(Has("threads")).WithComponentModel(false);

    public override string ToString() => IsWasm2 ? "wasm2" : string.Join(',', Switches.Where(s => Has(s.Name)).Select(s => s.Name));
}
