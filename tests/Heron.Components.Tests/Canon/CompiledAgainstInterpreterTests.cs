using Xunit.Abstractions;

namespace Heron.Components.Tests.Canon;

/// <summary>
/// The compiled canonical ABI against the interpreter it replaced, over random signatures and values: the
/// same call through both must deliver the same arguments to the host, return the same result, and leave
/// the guest's memory byte for byte the same (so every allocation and every store matched).
/// </summary>
public sealed class CompiledAgainstInterpreterTests(ITestOutputHelper output)
{
    private sealed record Outcome(ComponentValue[]? Received, ComponentValue? Result, string? Trap, byte[] Memory);

    private static Outcome Run(string text, RandomSignature signature, ComponentValue[] arguments, ComponentValue? reply, bool echo, bool interpret)
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine) { InterpretCanonicalAbi = interpret };
        ComponentValue[]? received = null;
        linker.Instance("host").DefineFunction("h", args =>
        {
            received = args.ToArray();
            return echo ? args[0] : reply;
        });
        var instance = linker.Instantiate(new Store(engine), Component.FromText(engine, text));
        var f = instance.GetFunction("f")!;
        ComponentValue? result = null;
        string? trap = null;
        try
        {
            result = f.Invoke(arguments);
        }
        catch (TrapException e)
        {
            trap = e.Message;
        }
        return new Outcome(received, result, trap, f.Canonical!.Abi.Memory.Span.ToArray());
    }

    private static Outcome RunGarbage(string text, string export, bool interpret)
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine) { InterpretCanonicalAbi = interpret };
        ComponentValue[]? received = null;
        linker.Instance("host").DefineFunction("h", args =>
        {
            received = args.ToArray();
            return null;
        });
        var instance = linker.Instantiate(new Store(engine), Component.FromText(engine, text));
        ComponentValue? result = null;
        string? trap = null;
        try
        {
            result = instance.GetFunction(export)!.Invoke();
        }
        catch (TrapException e)
        {
            trap = e.Message;
        }
        return new Outcome(received, result, trap, instance.GetFunction("g")!.Canonical!.Abi.Memory.Span.ToArray());
    }

    [Fact]
    public void GarbageFromTheGuestTrapsTheSameCompiledAsInterpreted()
    {
        int traps = 0, values = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var signature = new RandomSignature(seed);
            var text = signature.GarbageComponent();
            foreach (var export in new[] { "g", "k" })
            {
                Outcome compiled, interpreted;
                try
                {
                    compiled = RunGarbage(text, export, interpret: false);
                    interpreted = RunGarbage(text, export, interpret: true);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}: {signature.Function}\n{text}\n{e}");
                }
                var context = $"seed {seed}, {export}: {signature.Function} ({signature.LiftEncoding})";
                Assert.True(compiled.Trap == interpreted.Trap, $"{context}: compiled trap '{compiled.Trap}', interpreted '{interpreted.Trap}'");
                Assert.True(Equals(compiled.Result, interpreted.Result), $"{context}: {compiled.Result} against {interpreted.Result}");
                Assert.True((compiled.Received ?? []).SequenceEqual(interpreted.Received ?? []), context);
                Assert.True(compiled.Memory.AsSpan().SequenceEqual(interpreted.Memory), $"{context}: the guest memories differ");
                if (compiled.Trap != null) traps++;
                else values++;
            }
        }
        output.WriteLine($"{traps} calls trapped and {values} lifted a value, alike compiled and interpreted");
        Assert.True(traps > 30 && values > 30, $"{traps} traps and {values} values: the garbage should give plenty of both");
    }

    [Fact]
    public void RandomSignaturesAndValuesMakeTheSameCallsCompiledAsInterpreted()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var signature = new RandomSignature(seed);
            var text = signature.Component();
            var arguments = signature.Arguments();
            // The host echoes its first argument when the types allow: strings lifted from the guest then go
            // back the way a string from another component does.
            var echo = signature.Function.Result != null && signature.Function.Parameters[0].Type == signature.Function.Result;
            var reply = echo ? null : signature.Result();
            Outcome compiled, interpreted;
            try
            {
                compiled = Run(text, signature, arguments, reply, echo, interpret: false);
                interpreted = Run(text, signature, arguments, reply, echo, interpret: true);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {signature.Function}\n{text}\n{e}");
            }
            var context = $"seed {seed}: {signature.Function} ({signature.LiftEncoding})";
            Assert.True(compiled.Trap == null, $"{context}: {compiled.Trap}");
            Assert.True(interpreted.Trap == null, $"{context}: {interpreted.Trap}");
            Assert.True(arguments.SequenceEqual(compiled.Received!), $"{context}: the host received {string.Join(", ", compiled.Received!.Select(v => v.ToString()))}");
            Assert.True(compiled.Received!.SequenceEqual(interpreted.Received!), context);
            var expected = echo ? arguments[0] : reply;
            Assert.True(Equals(expected, compiled.Result), $"{context}: returned {compiled.Result}, expected {expected}");
            Assert.True(Equals(compiled.Result, interpreted.Result), context);
            Assert.True(compiled.Memory.AsSpan().SequenceEqual(interpreted.Memory), $"{context}: the guest memories differ");
        }
        output.WriteLine("200 random signatures agree");
    }
}
