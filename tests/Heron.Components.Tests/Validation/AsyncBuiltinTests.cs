using Heron.Components.Binary;
using Heron.Components.Text;
using Heron.Components.Validation;

namespace Heron.Components.Tests.Validation;

/// <summary>
/// The async and thread built-ins Heron validates (their rules are their immediates and signatures): valid
/// ones give core functions of the right type, invalid ones are refused, and instantiating any is refused as
/// not supported; the rest of the asynchronous ABI is refused as not supported when loaded.
/// </summary>
public class AsyncBuiltinTests
{
    private static ValidatedComponent Validate(string text) => ComponentValidator.Validate(ComponentDecoder.Decode(ComponentText.Parse(text)));

    [Fact]
    public void StreamAndFutureBuiltinsGetTheirCoreSignatures()
    {
        var validated = Validate("""
            (component
              (type $s (stream u8))
              (type $f (future string))
              (canon stream.new $s (core func))
              (canon future.drop-readable $f (core func))
              (canon waitable-set.new (core func))
              (canon waitable.join (core func)))
            """);
        Assert.Equal(["[] -> [i64]", "[i32] -> []", "[] -> [i32]", "[i32 i32] -> []"], validated.CoreFuncs.Select(Signature));
    }

    private static string Signature(FunctionType type) =>
        $"[{string.Join(" ", type.Parameters.Select(p => p.ToString().ToLowerInvariant()))}] -> [{string.Join(" ", type.Results.Select(r => r.ToString().ToLowerInvariant()))}]";

    [Fact]
    public void AStreamBuiltinNeedsAStreamType()
    {
        var error = Assert.Throws<ValidationException>(() => Validate("(component (type $f (future)) (canon stream.new $f (core func)))"));
        Assert.Contains("`stream.new` requires a stream type", error.Message);
    }

    [Fact]
    public void AStreamOfCharIsInvalidEvenThroughATypeIndex()
    {
        var error = Assert.Throws<ValidationException>(() => Validate("(component (type $c char) (type (stream $c)))"));
        Assert.Contains("`stream<char>` is not valid", error.Message);
    }

    [Fact]
    public void ThreadNewIndirectChecksItsStartTypeAndTable()
    {
        const string Table = """(core module $m (table (export "t") 1 externref)) (core instance $i (instantiate $m)) (alias core export $i "t" (core table $t))""";
        var error = Assert.Throws<ValidationException>(() => Validate($$"""(component (core type $ft (func (param i32))) {{Table}} (canon thread.new-indirect $ft $t (core func)))"""));
        Assert.Contains("table is not a 32-bit table of (ref null (func))", error.Message);
        error = Assert.Throws<ValidationException>(() => Validate("(component (core type $ft (func (param i64))) (canon thread.new-indirect $ft 0 (core func)))"));
        Assert.Contains("must take a single `i32` argument", error.Message);
    }

    [Fact]
    public void WaitingNeedsAnUnsharedMemory()
    {
        var error = Assert.Throws<ValidationException>(() => Validate("(component (canon waitable-set.wait (memory 0) (core func)))"));
        Assert.Contains("memory index out of bounds", error.Message);
    }

    [Fact]
    public void AValidComponentWithAStreamBuiltinIsRefusedWhenInstantiated()
    {
        var engine = new Engine();
        var component = Component.FromText(engine, "(component (type $s (stream u8)) (canon stream.new $s (core func)))");
        var error = Assert.Throws<UnsupportedFeatureException>(() => new ComponentLinker(engine).Instantiate(new Store(engine), component));
        Assert.Contains("stream", error.Message);
    }

    [Fact]
    public void ReadsTasksAndContextsAreNotSupported()
    {
        var error = Assert.Throws<UnsupportedFeatureException>(() => Validate("(component (canon context.get i32 0 (core func)))"));
        Assert.Contains("context.get", error.Feature);
    }
}
