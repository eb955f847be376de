using System.Linq.Expressions;
using System.Text;
using Heron.Components.Canon;

namespace Heron.Components.Tests.Canon;

/// <summary>
/// Typed calls against dynamic ones over random signatures of the types .NET values carry (scalars,
/// strings, lists, tuples): the export called through a delegate and the import implemented by a typed
/// delegate must move the same values and leave the guest memory as the dynamic calls leave it.
/// </summary>
public sealed class TypedAgainstDynamicTests
{
    private sealed record Outcome(ComponentValue[] Received, ComponentValue? Result, byte[] Memory);

    /// <summary>The .NET type a typed call carries a value of <paramref name="type"/> as (lists alternate arrays and lists).</summary>
    private static Type Carrier(ComponentValueType type, Random random) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Char } => typeof(Rune),
        PrimitiveType p => Heron.Components.Canon.Emit.ClrMapping.Scalar(p.Kind)[0],
        ListType l => random.Next(3) == 0 ? typeof(List<>).MakeGenericType(Carrier(l.Element, random)) : Carrier(l.Element, random).MakeArrayType(),
        TupleType t => Type.GetType($"System.ValueTuple`{t.Types.Count}")!.MakeGenericType(t.Types.Select(e => Carrier(e, random)).ToArray()),
        _ => throw new ArgumentException($"{type} has no typed carrier here"),
    };

    private static Outcome RunDynamic(string text, ComponentValue[] arguments, ComponentValue? reply)
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        ComponentValue[] received = [];
        linker.Instance("host").DefineFunction("h", args =>
        {
            received = args.ToArray();
            return reply;
        });
        var f = linker.Instantiate(new Store(engine), Component.FromText(engine, text)).GetFunction("f")!;
        var result = f.Invoke(arguments);
        return new Outcome(received, result, f.Canonical!.Abi.Memory.Span.ToArray());
    }

    private static Outcome RunTyped(string text, ComponentFunctionType type, Type[] parameterTypes, Type resultType, ComponentValue[] arguments, ComponentValue? reply)
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        var received = new List<object?[]>();
        var delegateType = resultType == typeof(void)
            ? Expression.GetActionType(parameterTypes)
            : Expression.GetFuncType([.. parameterTypes, resultType]);
        // The host's typed delegate: records what it received, answers the reply as a .NET value.
        var parameters = parameterTypes.Select(Expression.Parameter).ToArray();
        var record = Expression.Call(Expression.Constant(received), typeof(List<object?[]>).GetMethod("Add")!,
            Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object)))));
        Expression body = resultType == typeof(void)
            ? record
            : Expression.Block(record, Expression.Constant(ClrValues.ToClr(reply!, type.Result!, resultType), resultType));
        linker.Instance("host").DefineFunction("h", Expression.Lambda(delegateType, body, parameters).Compile());
        var f = linker.Instantiate(new Store(engine), Component.FromText(engine, text)).GetFunction("f")!;
        var call = (Delegate)typeof(ComponentFunction).GetMethod(nameof(ComponentFunction.AsDelegate))!.MakeGenericMethod(delegateType).Invoke(f, null)!;
        var clrArguments = arguments.Select((a, i) => ClrValues.ToClr(a, type.Parameters[i].Type, parameterTypes[i])).ToArray();
        var result = call.DynamicInvoke(clrArguments);
        var got = received.Single().Select((a, i) => ClrValues.FromClr(a, type.Parameters[i].Type, parameterTypes[i])).ToArray();
        return new Outcome(got, type.Result == null ? null : ClrValues.FromClr(result, type.Result, resultType), f.Canonical!.Abi.Memory.Span.ToArray());
    }

    [Fact]
    public void TypedCallsMoveTheSameValuesAsDynamicOnes()
    {
        for (var seed = 0; seed < 120; seed++)
        {
            var signature = new RandomSignature(seed, typedOnly: true);
            var type = signature.Function;
            if (type.Parameters.Count > 16) continue;
            var random = new Random(seed);
            var parameterTypes = type.Parameters.Select(p => Carrier(p.Type, random)).ToArray();
            var resultType = type.Result == null ? typeof(void) : Carrier(type.Result, random);
            var text = signature.Component();
            var arguments = signature.Arguments();
            var reply = signature.Result();
            var context = $"seed {seed}: {type} as ({string.Join(", ", parameterTypes.Select(t => t.Name))}) -> {resultType.Name}";
            var dynamic = RunDynamic(text, arguments, reply);
            Outcome typed;
            try
            {
                typed = RunTyped(text, type, parameterTypes, resultType, arguments, reply);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{context}\n{e}");
            }
            Assert.True(arguments.SequenceEqual(typed.Received), $"{context}: the typed host received {string.Join(", ", typed.Received.Select(v => v.ToString()))}");
            Assert.True(dynamic.Received.SequenceEqual(typed.Received), context);
            Assert.True(Equals(reply, typed.Result), $"{context}: returned {typed.Result}, expected {reply}");
            Assert.True(dynamic.Memory.AsSpan().SequenceEqual(typed.Memory), $"{context}: the guest memories differ");
        }
    }
}
