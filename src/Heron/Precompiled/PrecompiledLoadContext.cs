using System.Reflection;
using System.Runtime.Loader;

namespace Heron.Precompiled;

/// <summary>
/// The load context a precompiled module's assembly is loaded into: one per module, so two modules (or
/// the same file loaded twice) never clash by name; it resolves the reference to Heron to the Heron
/// that loads it, even when that Heron itself lives in a plugin's context. Not collectible: the runtime
/// runs no ReadyToRun code of a collectible assembly.
/// </summary>
internal sealed class PrecompiledLoadContext(string name) : AssemblyLoadContext(name, isCollectible: false)
{
    private static readonly Assembly Heron = typeof(Module).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, Heron.GetName()) ? Heron : null;
}
