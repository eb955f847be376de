namespace Heron.Text.Script;

/// <summary>What an expected result of assert_return accepts.</summary>
internal enum ScriptResultKind : byte
{
    /// <summary>Exactly <see cref="ScriptResult.Value"/> (bit for bit; v128 lane by lane with <see cref="ScriptResult.LanePatterns"/>).</summary>
    Exact,
    /// <summary><c>nan:canonical</c>.</summary>
    CanonicalNan,
    /// <summary><c>nan:arithmetic</c>.</summary>
    ArithmeticNan,
    /// <summary><c>(ref.null)</c> or <c>(ref.null ht)</c>: any null reference.</summary>
    RefNull,
    /// <summary><c>(ref.func)</c> or <c>(ref.func $f)</c>: any non-null function reference.</summary>
    RefFunc,
    /// <summary><c>(ref.extern)</c>: any non-null extern reference; <c>(ref.extern n)</c> is Exact with HostReference.</summary>
    RefExtern,
    /// <summary>3.0 GC patterns: <c>(ref.any)</c>, <c>(ref.eq)</c>, <c>(ref.struct)</c>, <c>(ref.array)</c>, <c>(ref.i31)</c>, <c>(ref.host)</c>, <c>(ref.exn)</c>.</summary>
    RefOfHeapType,
    /// <summary><c>(either r1 r2 ...)</c>: any of <see cref="ScriptResult.Alternatives"/>.</summary>
    Either,
}
