using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Security.Cryptography;
using Heron.Binary;
using Heron.Compilation;
using Heron.Model;

namespace Heron.Precompiled;

/// <summary>
/// Turns a precompiled module back into a <see cref="CompiledModule"/>: checks its manifest against the
/// engine, loads its assembly (from a file, so the runtime maps its ReadyToRun code, or from bytes), and
/// takes the functions' code pointers from its <see cref="PrecompiledCode"/>. No CIL is generated.
/// </summary>
internal static class PrecompiledLoader
{
    public static (WasmModule Description, CompiledModule Compiled) FromFile(Engine engine, string path)
    {
        var full = Path.GetFullPath(path);
        string? manifest;
        using (var stream = File.OpenRead(full)) manifest = PrecompiledImage.TryReadManifest(stream);
        if (manifest is null) throw NotPrecompiled(full);
        PrecompiledManifest.Parse(manifest).EnsureMatches(engine.Config);
        var assembly = new PrecompiledLoadContext(Path.GetFileName(full)).LoadFromAssemblyPath(full);
        return FromAssembly(engine, assembly);
    }

    public static (WasmModule Description, CompiledModule Compiled) FromBytes(Engine engine, byte[] bytes)
    {
        var manifest = PrecompiledImage.TryReadManifest(bytes) ?? throw NotPrecompiled(null);
        PrecompiledManifest.Parse(manifest).EnsureMatches(engine.Config);
        using var stream = new MemoryStream(bytes, writable: false);
        var assembly = new PrecompiledLoadContext("precompiled module").LoadFromStream(stream);
        return FromAssembly(engine, assembly);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "the assembly was loaded at run time, so nothing of it was trimmed")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "as above")]
    private static (WasmModule, CompiledModule) FromAssembly(Engine engine, Assembly assembly)
    {
        var type = assembly.GetType(ModulePrecompiler.CodeTypeName)
            ?? throw new PrecompiledModuleException($"the precompiled module has no {ModulePrecompiler.CodeTypeName}");
        return FromCode(engine, (PrecompiledCode)Activator.CreateInstance(type)!);
    }

    public static (WasmModule Description, CompiledModule Compiled) FromCode(Engine engine, PrecompiledCode code)
    {
        var manifest = PrecompiledManifest.Parse(code.GetManifest());
        manifest.EnsureMatches(engine.Config);
        var wasm = code.GetModuleBytes();
        if (Convert.ToHexStringLower(SHA256.HashData(wasm)) != manifest.ModuleHash)
            throw new PrecompiledModuleException("the precompiled module is corrupt: its module bytes do not match the hash in its manifest");
        // The module was validated when it was compiled, by a Heron with the same features (the manifest
        // says so): decoding is all that is needed to instantiate it.
        var description = ModuleDecoder.Decode(wasm, engine.Config.Features);
        var pointers = code.GetCodePointers();
        if (pointers.Length != description.FunctionTypeIndices.Length)
            throw new PrecompiledModuleException("the precompiled module is corrupt: its code does not match its module");
        var signatureIds = ModuleCompiler.RegisterSignatures(engine, description);
        RegisterStubs(engine, code, signatureIds);
        var functions = code.GetType().Assembly.GetType(ModulePrecompiler.FunctionsTypeName);
        var compiled = new CompiledModule(functions ?? code.GetType(), [], pointers, signatureIds, description.Names.ModuleName);
        if (functions is not null) BacktraceBuilder.Register(functions, description, compiled.Name, offsets: null);
        return (description, compiled);
    }

    /// <summary>Gives the engine the module's invokers and host stubs, so it generates none for them.</summary>
    private static unsafe void RegisterStubs(Engine engine, PrecompiledCode code, int[] signatureIds)
    {
        var typeIndices = code.GetInvokerTypeIndices();
        var invokers = code.GetInvokers();
        var delegateTypes = code.GetHostStubDelegateTypes();
        var hostStubs = code.GetHostStubs();
        if (typeIndices.Length != invokers.Length || delegateTypes.Length != hostStubs.Length)
            throw new PrecompiledModuleException("the precompiled module is corrupt: its stubs do not match");
        for (int i = 0; i < typeIndices.Length; i++)
        {
            var pointer = invokers[i];
            WasmInvoker invoker = (args, results, target, context) =>
                ((delegate*<Value[], Value[], nint, Runtime.InstanceContext, void>)pointer)(args, results, target, context);
            engine.Stubs.AddPrecompiled(signatureIds[typeIndices[i]], invoker, []);
        }
        engine.Stubs.AddPrecompiled(-1, null, delegateTypes.Zip(hostStubs));
    }

    private static PrecompiledModuleException NotPrecompiled(string? path) =>
        new((path is null ? "the bytes are" : $"{path} is") + " not a precompiled module (one made by heron compile or Engine.PrecompileModule)");
}
