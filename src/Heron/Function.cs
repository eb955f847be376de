using Heron.Runtime;

namespace Heron;

/// <summary>
/// A WebAssembly function, or a host function that WebAssembly can call. Call it with
/// <see cref="Invoke"/>, or faster through a typed delegate (<see cref="AsFunc{TResult}"/>,
/// <see cref="AsDelegate{TDelegate}"/>), which calls the compiled code without boxing.
/// Typed delegates use <c>int</c>/<c>uint</c> for i32, <c>long</c>/<c>ulong</c> for i64, <c>float</c>,
/// <c>double</c>, <c>Vector128&lt;byte&gt;</c> for v128, <see cref="Function"/> for funcref and
/// <c>object</c> for externref.
/// </summary>
public sealed partial class Function : Extern
{
    internal Function(FunctionInstance function)
    {
        Runtime = function;
    }

    /// <summary>
    /// A host function of the given type in a store, calling <paramref name="callback"/> with the caller
    /// and the arguments; it must return one value per result type.
    /// </summary>
    public Function(Store store, FunctionType type, Func<Caller, ReadOnlySpan<Value>, Value[]> callback)
    {
        ArgumentNullException.ThrowIfNull(store);
        Runtime = HostFunctionDefinition.FromCallback(store.Engine, type, callback).Bind(store.Runtime, null);
        Runtime.Wrapper = this;
    }

    /// <summary>A host function in a store from a typed delegate (its first parameter may be a <see cref="Caller"/>).</summary>
    public static Function FromDelegate(Store store, Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(store);
        var function = HostFunctionDefinition.FromDelegate(store.Engine, callback).Bind(store.Runtime, null);
        return Wrap(function);
    }

    internal FunctionInstance Runtime { get; }

    internal override StoreRuntime? Owner => Runtime.Context.Runtime;

    internal Engine Engine => Runtime.Context.Runtime.Engine!;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Function;

    /// <summary>The function's type.</summary>
    public FunctionType Type => Runtime.Type;

    internal static Function Wrap(FunctionInstance function) => function.Wrapper ??= new Function(function);

    /// <summary>
    /// Calls the function with arguments of its parameter types and returns its results. Throws
    /// <see cref="TrapException"/> when it traps and <see cref="ArgumentException"/> for wrong arguments.
    /// </summary>
    public Value[] Invoke(params Value[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = Runtime.Type;
        if (args.Length != type.Parameters.Count)
            throw new ArgumentException($"expected {type.Parameters.Count} arguments, got {args.Length}", nameof(args));
        for (int i = 0; i < args.Length; i++)
        {
            if (!ValueConversion.Matches(args[i], Runtime.Canonical.Function!.Parameters[i], Engine.Signatures))
                throw new ArgumentException($"argument {i} is {args[i].Type}, expected {type.Parameters[i]}", nameof(args));
        }
        var invoker = Engine.Stubs.GetInvoker(Runtime.SignatureId, type);
        var results = type.Results.Count == 0 ? NoItems<Value>.Array : new Value[type.Results.Count];
        var runtime = Runtime.Context.Runtime;
        HostEntry.Enter(runtime);
        try
        {
            invoker(args, results, Runtime.Code, Runtime.Context);
        }
        catch (OverflowException fault) when (MemoryFault.IsFault(fault))
        {
            throw MemoryFault.Trap(fault);
        }
        finally
        {
            HostEntry.Exit(runtime);
        }
        return results;
    }

    /// <summary>
    /// A delegate of type <typeparamref name="TDelegate"/> that calls the function directly; its
    /// parameter and return types must match the function's type (at most one result).
    /// </summary>
    public TDelegate AsDelegate<TDelegate>() where TDelegate : Delegate =>
        (TDelegate)Engine.Stubs.CreateTypedEntry(typeof(TDelegate), Runtime);

    /// <summary>Whether a delegate of <paramref name="delegateType"/> can call this function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    internal bool Fits(Type delegateType) => Compilation.CilTypes.DelegateFits(delegateType, Runtime.Type);

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<TResult> AsFunc<TResult>() => AsDelegate<Func<TResult>>();

    /// <summary>A typed delegate calling this function directly; the function must have no parameters and no results.</summary>
    public Action AsAction() => AsDelegate<Action>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, TResult> AsFunc<T1, TResult>() => AsDelegate<Func<T1, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1> AsAction<T1>() => AsDelegate<Action<T1>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, TResult> AsFunc<T1, T2, TResult>() => AsDelegate<Func<T1, T2, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2> AsAction<T1, T2>() => AsDelegate<Action<T1, T2>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, TResult> AsFunc<T1, T2, T3, TResult>() => AsDelegate<Func<T1, T2, T3, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3> AsAction<T1, T2, T3>() => AsDelegate<Action<T1, T2, T3>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, T4, TResult> AsFunc<T1, T2, T3, T4, TResult>() => AsDelegate<Func<T1, T2, T3, T4, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3, T4> AsAction<T1, T2, T3, T4>() => AsDelegate<Action<T1, T2, T3, T4>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, T4, T5, TResult> AsFunc<T1, T2, T3, T4, T5, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3, T4, T5> AsAction<T1, T2, T3, T4, T5>() => AsDelegate<Action<T1, T2, T3, T4, T5>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult> AsFunc<T1, T2, T3, T4, T5, T6, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, T6, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3, T4, T5, T6> AsAction<T1, T2, T3, T4, T5, T6>() => AsDelegate<Action<T1, T2, T3, T4, T5, T6>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult> AsFunc<T1, T2, T3, T4, T5, T6, T7, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, T6, T7, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7> AsAction<T1, T2, T3, T4, T5, T6, T7>() => AsDelegate<Action<T1, T2, T3, T4, T5, T6, T7>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> AsFunc<T1, T2, T3, T4, T5, T6, T7, T8, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>>();

    /// <summary>A typed delegate calling this function directly (no boxing); the type arguments must match its type.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8> AsAction<T1, T2, T3, T4, T5, T6, T7, T8>() => AsDelegate<Action<T1, T2, T3, T4, T5, T6, T7, T8>>();
}
