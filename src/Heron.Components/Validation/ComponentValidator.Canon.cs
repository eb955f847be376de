using Heron.Components.Model;
using Heron.Components.Runtime;

namespace Heron.Components.Validation;

/// <summary>
/// Canonical definitions: lift and lower are checked against the core signature the canonical ABI gives
/// their function type, with the options they need (memory, realloc, post-return); the resource built-ins
/// against their resource. Built-ins of the asynchronous ABI, threads and error contexts are refused.
/// </summary>
internal sealed partial class ComponentValidator
{
    private static readonly FunctionType I32ToI32 = new([ValueType.I32], [ValueType.I32]);
    private static readonly FunctionType I32ToNothing = new([ValueType.I32], []);
    private static readonly FunctionType Realloc = new([ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32], [ValueType.I32]);

    private static void ValidateCanon(Scope scope, CanonDefinition canon)
    {
        var offset = canon.Offset;
        switch (canon)
        {
            case CanonLift lift:
            {
                var core = CoreFuncAt(scope, lift.CoreFuncIndex, offset);
                var type = TypeAt(scope, lift.TypeIndex, offset) as ComponentFunctionType
                    ?? throw Error($"type index {lift.TypeIndex} is not a function type", offset);
                // The options first: a 64-bit memory changes the signature (pointers are i64), which only
                // the 32-bit flattening below knows.
                var options = CheckOptions(scope, lift.Options, offset);
                var expected = LiftedFunction.CoreType(type);
                if (!expected.Parameters.SequenceEqual(core.Parameters))
                    throw Error($"lowered parameter types `{Flat(expected.Parameters)}` do not match parameter types `{Flat(core.Parameters)}` of core function {lift.CoreFuncIndex}", offset);
                if (!expected.Results.SequenceEqual(core.Results))
                    throw Error($"lowered result types `{Flat(expected.Results)}` do not match result types `{Flat(core.Results)}` of core function {lift.CoreFuncIndex}", offset);
                // A lifted function receives its arguments in its own memory, allocated there with realloc.
                RequireMemory(type, options, reallocForParameters: true, offset);
                if (options.PostReturn is { } postReturn)
                {
                    var postType = CoreFuncAt(scope, postReturn, offset);
                    if (!postType.Equals(new FunctionType(expected.Results, [])))
                        throw Error($"canonical option `post-return` uses a core function with an incorrect signature: expected {new FunctionType(expected.Results, [])}, found {postType}", offset);
                }
                scope.Funcs.Add(type);
                break;
            }
            case CanonLower lower:
            {
                if ((uint)lower.FuncIndex >= (uint)scope.Funcs.Count) throw Error("func index out of bounds", offset);
                var type = scope.Funcs[lower.FuncIndex];
                var options = CheckOptions(scope, lower.Options, offset);
                if (options.PostReturn != null) throw Error("canonical option `post-return` cannot be specified for lowerings", offset);
                // A lowered call receives the result's strings and lists in the caller's memory, allocated with realloc.
                RequireMemory(type, options, reallocForParameters: false, offset);
                scope.CoreFuncs.Add(LoweredFunction.CoreType(type));
                break;
            }
            case CanonResourceNew resourceNew:
                LocalResource(scope, resourceNew.TypeIndex, offset);
                scope.CoreFuncs.Add(I32ToI32);
                break;
            case CanonResourceDrop drop:
                ResourceAt(scope, drop.TypeIndex, offset);
                scope.CoreFuncs.Add(I32ToNothing);
                break;
            case CanonResourceRep rep:
                LocalResource(scope, rep.TypeIndex, offset);
                scope.CoreFuncs.Add(I32ToI32);
                break;
            case CanonUnsupported unsupported:
                throw new UnsupportedFeatureException($"`canon {unsupported.Name}`, part of the asynchronous ABI, threads or error contexts", offset);
        }
    }

    private static void RequireMemory(ComponentFunctionType type, CheckedOptions options, bool reallocForParameters, int offset)
    {
        var parametersInMemory = type.Parameters.Any(p => NeedsMemory(p.Type)) || LiftedFunction.FlatCount(type.Parameters) > 16;
        var resultInMemory = type.Result != null && (NeedsMemory(type.Result) || type.Result.Layout.Flat.Count > 1);
        if ((parametersInMemory || resultInMemory) && options.Memory == null) throw Error("canonical option `memory` is required", offset);
        var needsRealloc = reallocForParameters ? parametersInMemory : type.Result != null && NeedsMemory(type.Result);
        if (needsRealloc && options.Realloc == null) throw Error("canonical option `realloc` is required", offset);
    }

    private static string EncodingName(CanonOptionKind kind) => kind switch
    {
        CanonOptionKind.Utf8 => "utf8",
        CanonOptionKind.Utf16 => "utf16",
        _ => "latin1-utf16",
    };

    /// <summary>Core value types as wasm-tools lists them in signature errors: <c>[I32, I64]</c>.</summary>
    private static string Flat(IReadOnlyList<ValueType> types) =>
        "[" + string.Join(", ", types.Select(t => t.ToString() is var s && s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s)) + "]";

    private static void LocalResource(Scope scope, int index, int offset)
    {
        var resource = ResourceAt(scope, index, offset);
        if (!scope.DefinedResources.ContainsKey(resource.Canonical)) throw Error($"type index {index} is not a local resource", offset);
    }

    private static FunctionType CoreFuncAt(Scope scope, int index, int offset) =>
        (uint)index < (uint)scope.CoreFuncs.Count ? scope.CoreFuncs[index] : throw Error("core function index out of bounds", offset);

    /// <summary>Strings and lists live in linear memory, so passing them needs a memory (and to receive them, realloc).</summary>
    private static bool NeedsMemory(ComponentValueType type) =>
        AnyPart(type, t => t is PrimitiveType { Kind: PrimitiveKind.String } or ListType { FixedLength: null });

    private sealed record CheckedOptions(int? Memory, int? Realloc, int? PostReturn);

    private static CheckedOptions CheckOptions(Scope scope, IReadOnlyList<CanonOption> options, int offset)
    {
        CanonOptionKind? encoding = null;
        int? memory = null, realloc = null, postReturn = null;
        foreach (var option in options)
        {
            switch (option.Kind)
            {
                case CanonOptionKind.Utf8 or CanonOptionKind.Utf16 or CanonOptionKind.Latin1Utf16:
                    if (encoding != null) throw Error($"canonical encoding option `{EncodingName(encoding.Value)}` conflicts with option `{EncodingName(option.Kind)}`", offset);
                    encoding = option.Kind;
                    break;
                case CanonOptionKind.Memory:
                    if (memory != null) throw Error("canonical option `memory` is specified more than once", offset);
                    if ((uint)option.Index >= (uint)scope.CoreMemories.Count) throw Error("core memory index out of bounds", offset);
                    if (scope.CoreMemories[option.Index].Is64) throw new UnsupportedFeatureException("64-bit memories in canonical options", offset);
                    memory = option.Index;
                    break;
                case CanonOptionKind.Realloc:
                    if (realloc != null) throw Error("canonical option `realloc` is specified more than once", offset);
                    var reallocType = CoreFuncAt(scope, option.Index, offset);
                    if (!reallocType.Equals(Realloc))
                        throw Error($"canonical option `realloc` uses a core function with an incorrect signature: expected {Realloc}, found {reallocType}", offset);
                    realloc = option.Index;
                    break;
                case CanonOptionKind.PostReturn:
                    if (postReturn != null) throw Error("canonical option `post-return` is specified more than once", offset);
                    CoreFuncAt(scope, option.Index, offset);
                    postReturn = option.Index;
                    break;
                case CanonOptionKind.CoreType or CanonOptionKind.Gc:
                    throw new UnsupportedFeatureException($"the canonical option `{option}` of the GC ABI (a gated feature)", offset);
                default:
                    throw new UnsupportedFeatureException($"the canonical option `{option}`, part of the asynchronous ABI", offset);
            }
        }
        if (realloc != null && memory == null) throw Error("canonical option `realloc` requires `memory` to also be specified", offset);
        return new CheckedOptions(memory, realloc, postReturn);
    }
}
