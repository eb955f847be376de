using Heron.Binary;
using Heron.Compilation;
using Heron.Model;
using Heron.Precompiled;
using Heron.Runtime;
using Heron.Text;
using Heron.Validation;

namespace Heron;

/// <summary>
/// A compiled WebAssembly module: decoded, validated and compiled to CIL once, then immutable and
/// shared by every store and thread that instantiates it. Disposable as Wasmtime's is: a disposed module
/// cannot be instantiated again, while instances made before keep running.
/// </summary>
public sealed class Module : IDisposable
{
    private volatile bool disposed;

    private Module(Engine engine, WasmModule description, CompiledModule compiled, string? name)
    {
        Engine = engine;
        Description = description;
        Compiled = compiled;
        Name = name ?? description.Names.ModuleName;
        Imports = BuildImports(description);
        Exports = BuildExports(description);
    }

    /// <summary>The engine the module was compiled by.</summary>
    public Engine Engine { get; }

    /// <summary>The module's name: as given, or from its name section, or null.</summary>
    public string? Name { get; }

    /// <summary>The imports, in the module's order.</summary>
    public IReadOnlyList<ImportType> Imports { get; }

    /// <summary>The exports, in the module's order.</summary>
    public IReadOnlyList<ExportType> Exports { get; }

    /// <summary>Refuses further instantiation; instances already made keep their code.</summary>
    public void Dispose() => disposed = true;

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the module is disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    internal WasmModule Description { get; }

    internal CompiledModule Compiled { get; }

    private readonly Lock imageGate = new();
    private MemoryImage?[]? memoryImages;
    private int memoryImagesBuilt;

    /// <summary>
    /// The copy-on-write images of the module's own memories (see <see cref="MemoryImage"/>), built on the
    /// first instantiation; null when no memory has one.
    /// </summary>
    internal MemoryImage?[]? MemoryImages
    {
        get
        {
            if (Volatile.Read(ref memoryImagesBuilt) != 0) return memoryImages;
            lock (imageGate)
            {
                if (memoryImagesBuilt == 0)
                {
                    memoryImages = MemoryImage.Build(Description);
                    Volatile.Write(ref memoryImagesBuilt, 1);
                }
            }
            return memoryImages;
        }
    }

    /// <summary>
    /// Decodes, validates and compiles a module in the binary format. Throws <see cref="DecodeException"/>
    /// for malformed bytes and <see cref="ValidationException"/> for an invalid module.
    /// </summary>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> bytes, string? name = null) => FromBytesChecked(engine, bytes, name, checkExports: null);

    /// <summary>
    /// As <see cref="FromBytes"/>, but first shows the module's exports
    /// to <paramref name="checkExports"/>, once the module is decoded and validated and before any of its
    /// functions is compiled: a caller that needs an export (a command's <c>_start</c>) refuses a module
    /// without it by throwing, at no compile cost.
    /// </summary>
    public static Module FromBytesChecked(Engine engine, ReadOnlySpan<byte> bytes, string? name, Action<IReadOnlyList<ExportType>>? checkExports)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        RefusePrecompiled(bytes);
        var features = engine.Config.Features;
        var description = ModuleDecoder.Decode(bytes.ToArray(), features);
        var validation = ModuleValidator.Validate(description, features);
        checkExports?.Invoke(BuildExports(description));
        CompilerSupport.EnsureSupported(description);
        var compiled = ModuleCompiler.Compile(engine, description, validation, name);
        return new Module(engine, description, compiled, name);
    }

    /// <summary>Compiles a module from the text format (.wat); throws <see cref="TextParseException"/> for malformed text.</summary>
    public static Module FromText(Engine engine, string wat, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(wat);
        return FromBytes(engine, WatParser.ParseModule(wat, 1, 1, emitNames: true), name);
    }

    /// <summary>
    /// Compiles a module from a file in the text format (Wasmtime's name; <see cref="FromFile"/> takes
    /// either format). Throws <see cref="TextParseException"/> when the file is not valid text.
    /// </summary>
    public static Module FromTextFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromText(engine, File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Compiles a module from a file in the binary format or the text format (told apart by its content).</summary>
    public static Module FromFile(Engine engine, string path) => FromFileChecked(engine, path, checkExports: null);

    /// <summary>
    /// As <see cref="FromFile"/>, with <paramref name="checkExports"/> called before any function is
    /// compiled (see <see cref="FromBytesChecked"/>).
    /// </summary>
    public static Module FromFileChecked(Engine engine, string path, Action<IReadOnlyList<ExportType>>? checkExports)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileNameWithoutExtension(path);
        RefusePrecompiled(bytes);
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m')
            return FromBytesChecked(engine, bytes, name, checkExports);
        return FromBytesChecked(engine, WatParser.ParseModule(System.Text.Encoding.UTF8.GetString(bytes), 1, 1, emitNames: true), name, checkExports);
    }

    /// <summary>
    /// Loads a precompiled module (<see cref="Engine.PrecompileModule"/>, <c>heron compile</c>) from its
    /// bytes, generating no code. Throws <see cref="PrecompiledModuleException"/> for bytes that are not a
    /// precompiled module, or one made by another Heron build, for another .NET runtime or processor, or
    /// with other features or code-changing settings than <paramref name="engine"/>'s. A precompiled
    /// module is a .NET assembly that runs in this process: load only files you trust, as Wasmtime's
    /// <c>Module::deserialize</c> warns. <see cref="DeserializeFile(Engine, string)"/> also uses the file's ReadyToRun code.
    /// </summary>
    public static Module Deserialize(Engine engine, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var (description, compiled) = PrecompiledLoader.FromBytes(engine, bytes.ToArray());
        return new Module(engine, description, compiled, null);
    }

    /// <summary>
    /// As <see cref="Deserialize"/>, from a file, which is mapped as the runtime maps any assembly: its
    /// ReadyToRun native code (written by <c>heron compile</c>) runs with no JIT compilation.
    /// </summary>
    public static Module DeserializeFile(Engine engine, string path) => DeserializeFile(engine, path, Path.GetFileNameWithoutExtension(path));

    /// <summary>As <see cref="DeserializeFile(Engine, string)"/>, named <paramref name="name"/> (a cache entry named for the module it came from).</summary>
    internal static Module DeserializeFile(Engine engine, string path, string? name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(path);
        var (description, compiled) = PrecompiledLoader.FromFile(engine, path);
        return new Module(engine, description, compiled, name);
    }

    /// <summary>
    /// A module from a precompiled module's assembly that the application references (built in, as a
    /// NativeAOT app does: see docs/native-aot.md): <c>Module.FromPrecompiled(engine, new Heron.Precompiled.Code())</c>.
    /// Checked against <paramref name="engine"/> as <see cref="Deserialize"/> checks.
    /// </summary>
    public static Module FromPrecompiled(Engine engine, PrecompiledCode code, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(code);
        var (description, compiled) = PrecompiledLoader.FromCode(engine, code);
        return new Module(engine, description, compiled, name);
    }

    /// <summary>A precompiled module is a .NET assembly, not a WebAssembly module: say so rather than fail to decode it.</summary>
    private static void RefusePrecompiled(ReadOnlySpan<byte> bytes)
    {
        if (PrecompiledImage.LooksLikeAssembly(bytes) && PrecompiledImage.TryReadManifest(bytes.ToArray()) is not null)
            throw new PrecompiledModuleException(
                "this is a precompiled module (made by heron compile), not a WebAssembly module: load it with Module.Deserialize, " +
                "or run it with heron run --allow-precompiled");
    }

    internal static List<ImportType> BuildImports(WasmModule module)
    {
        var list = new List<ImportType>(module.Imports.Length);
        foreach (var import in module.Imports)
        {
            list.Add(import.Kind switch
            {
                ExternKind.Function => new ImportType(import.Module, import.Name, import.Kind) { FunctionType = module.Types[import.TypeIndex].FunctionType },
                ExternKind.Table => new ImportType(import.Module, import.Name, import.Kind) { TableType = import.Table },
                ExternKind.Memory => new ImportType(import.Module, import.Name, import.Kind) { MemoryType = import.Memory },
                ExternKind.Global => new ImportType(import.Module, import.Name, import.Kind) { GlobalType = import.Global },
                ExternKind.Tag => new ImportType(import.Module, import.Name, import.Kind) { TagType = module.Types[import.TypeIndex].FunctionType },
                _ => new ImportType(import.Module, import.Name, import.Kind),
            });
        }
        return list;
    }

    internal static List<ExportType> BuildExports(WasmModule module)
    {
        var list = new List<ExportType>(module.Exports.Length);
        foreach (var export in module.Exports)
        {
            list.Add(export.Kind switch
            {
                ExternKind.Function => new ExportType(export.Name, export.Kind) { FunctionType = module.FunctionTypeOf(export.Index) },
                ExternKind.Table => new ExportType(export.Name, export.Kind) { TableType = module.TableTypeOf(export.Index) },
                ExternKind.Memory => new ExportType(export.Name, export.Kind) { MemoryType = module.MemoryTypeOf(export.Index) },
                ExternKind.Global => new ExportType(export.Name, export.Kind) { GlobalType = module.GlobalTypeOf(export.Index) },
                ExternKind.Tag => new ExportType(export.Name, export.Kind) { TagType = module.Types[module.TagTypeIndex(export.Index)].FunctionType },
                _ => new ExportType(export.Name, export.Kind),
            });
        }
        return list;
    }
}
