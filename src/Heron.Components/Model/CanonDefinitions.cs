namespace Heron.Components.Model;

/// <summary>A <c>canon</c> definition: lift adds a component function, everything else a core function.</summary>
internal abstract record CanonDefinition(int Offset) : ComponentDefinition(Offset);

/// <summary><c>(canon lift f opts (type ft))</c>: a component function from core function <see cref="CoreFuncIndex"/>.</summary>
internal sealed record CanonLift(int Offset, int CoreFuncIndex, IReadOnlyList<CanonOption> Options, int TypeIndex) : CanonDefinition(Offset);

/// <summary><c>(canon lower f opts)</c>: a core function calling component function <see cref="FuncIndex"/>.</summary>
internal sealed record CanonLower(int Offset, int FuncIndex, IReadOnlyList<CanonOption> Options) : CanonDefinition(Offset);

/// <summary><c>(canon resource.new rt)</c>.</summary>
internal sealed record CanonResourceNew(int Offset, int TypeIndex) : CanonDefinition(Offset);

/// <summary><c>(canon resource.drop rt)</c>.</summary>
internal sealed record CanonResourceDrop(int Offset, int TypeIndex) : CanonDefinition(Offset);

/// <summary><c>(canon resource.rep rt)</c>.</summary>
internal sealed record CanonResourceRep(int Offset, int TypeIndex) : CanonDefinition(Offset);

/// <summary>
/// A built-in of the async ABI, threads or error contexts (task.return, stream.read, thread.spawn-ref, ...),
/// which Heron does not run. <see cref="Name"/> is its text name; <see cref="Indices"/> the indices among
/// its immediates, in order (a type, a memory, a core type and a table), for the built-ins the validator
/// checks; the others are refused as not supported.
/// </summary>
internal sealed record CanonUnsupported(int Offset, byte Opcode, string Name) : CanonDefinition(Offset)
{
    public IReadOnlyList<int> Indices { get; init; } = [];
}

internal enum CanonOptionKind : byte
{
    Utf8 = 0,
    Utf16 = 1,
    Latin1Utf16 = 2,
    Memory = 3,
    Realloc = 4,
    PostReturn = 5,
    Async = 6,
    Callback = 7,
    /// <summary>The core function type a lifted or lowered function has under the GC ABI.</summary>
    CoreType = 8,
    /// <summary>Values cross as GC references instead of through linear memory.</summary>
    Gc = 9,
}

/// <summary>A canonical option; <see cref="Index"/> is the core memory or function index where the kind has one.</summary>
internal sealed record CanonOption(CanonOptionKind Kind, int Index = -1)
{
    public override string ToString() => Kind switch
    {
        CanonOptionKind.Utf8 => "string-encoding=utf8",
        CanonOptionKind.Utf16 => "string-encoding=utf16",
        CanonOptionKind.Latin1Utf16 => "string-encoding=latin1+utf16",
        CanonOptionKind.Memory => $"(memory {Index})",
        CanonOptionKind.Realloc => $"(realloc {Index})",
        CanonOptionKind.PostReturn => $"(post-return {Index})",
        CanonOptionKind.Async => "async",
        CanonOptionKind.CoreType => $"(core-type {Index})",
        CanonOptionKind.Gc => "gc",
        _ => $"(callback {Index})",
    };
}
