using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// What <see cref="AddressBounds"/> knows about one i32 operand: the largest value it can have, read as
/// unsigned (<see cref="uint.MaxValue"/>: nothing known); whether it is exactly that constant; the local
/// whose current value it is (-1: none); and, for the result of a comparison of a local with a constant,
/// that comparison (<see cref="Test"/>), which a branch on it turns into a bound on the local.
/// </summary>
internal readonly record struct BoundedValue(uint Max, bool IsConstant = false, int Local = -1, LocalTest Test = default)
{
    public static readonly BoundedValue Unknown = new(uint.MaxValue);

    public static BoundedValue Constant(uint value) => new(value, IsConstant: true);

    /// <summary>The result of a binary i32 instruction whose operands are <paramref name="a"/> (below) and <paramref name="b"/>.</summary>
    public static BoundedValue Binary(Opcode opcode, BoundedValue a, BoundedValue b)
    {
        if (a.IsConstant && b.IsConstant && Fold(opcode, a.Max, b.Max) is { } folded) return Constant(folded);
        switch (opcode)
        {
            case Opcode.I32Add: return Sum((ulong)a.Max + b.Max);
            case Opcode.I32Mul: return Sum((ulong)a.Max * b.Max);
            case Opcode.I32And: return new(Math.Min(a.Max, b.Max));
            case Opcode.I32Or or Opcode.I32Xor: return new(Mask(Math.Max(a.Max, b.Max)));
            case Opcode.I32Shl when b.IsConstant: return Sum((ulong)a.Max << (int)(b.Max & 31));
            case Opcode.I32ShrU: return new(b.IsConstant ? a.Max >> (int)(b.Max & 31) : a.Max);
            case Opcode.I32ShrS when a.Max <= int.MaxValue: return new(b.IsConstant ? a.Max >> (int)(b.Max & 31) : a.Max);
            case Opcode.I32DivU: return new(a.Max);
            case Opcode.I32RemU: return new(b.Max == 0 ? a.Max : Math.Min(a.Max, b.Max - 1));
            default:
                return LocalTest.Compare(opcode, a, b) is { } test ? new(1, Test: test) : IsComparison(opcode) ? new(1) : Unknown;
        }
    }

    /// <summary>The result of a unary i32 instruction applied to <paramref name="a"/>.</summary>
    public static BoundedValue Unary(Opcode opcode, BoundedValue a) => opcode switch
    {
        Opcode.I32Eqz when a.Test.IsKnown => new(1, Test: a.Test.Negated),
        Opcode.I32Eqz when a.Local >= 0 => new(1, Test: new LocalTest(a.Local, TestKind.Equal, 0)),
        Opcode.I32Eqz or Opcode.I64Eqz => new(1),
        Opcode.I32Clz or Opcode.I32Ctz or Opcode.I32Popcnt => new(32),
        Opcode.I64Clz or Opcode.I64Ctz or Opcode.I64Popcnt => Unknown, // i64 results are not followed
        _ => Unknown,
    };

    /// <summary>A bound computed in 64 bits: beyond 32 the operation may wrap, and nothing is known.</summary>
    private static BoundedValue Sum(ulong max) => max <= uint.MaxValue ? new((uint)max) : Unknown;

    /// <summary>The largest value with no bit above the highest bit of <paramref name="max"/>.</summary>
    private static uint Mask(uint max) => max == 0 ? 0 : uint.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(max);

    private static uint? Fold(Opcode opcode, uint a, uint b) => opcode switch
    {
        Opcode.I32Add => unchecked(a + b),
        Opcode.I32Sub => unchecked(a - b),
        Opcode.I32Mul => unchecked(a * b),
        Opcode.I32And => a & b,
        Opcode.I32Or => a | b,
        Opcode.I32Xor => a ^ b,
        Opcode.I32Shl => a << (int)(b & 31),
        Opcode.I32ShrU => a >> (int)(b & 31),
        _ => null,
    };

    private static bool IsComparison(Opcode opcode) => opcode is
        Opcode.I32Eq or Opcode.I32Ne or Opcode.I32LtS or Opcode.I32LtU or Opcode.I32GtS or Opcode.I32GtU
        or Opcode.I32LeS or Opcode.I32LeU or Opcode.I32GeS or Opcode.I32GeU
        or Opcode.I64Eq or Opcode.I64Ne or Opcode.I64LtS or Opcode.I64LtU or Opcode.I64GtS or Opcode.I64GtU
        or Opcode.I64LeS or Opcode.I64LeU or Opcode.I64GeS or Opcode.I64GeU
        or Opcode.F32Eq or Opcode.F32Ne or Opcode.F32Lt or Opcode.F32Gt or Opcode.F32Le or Opcode.F32Ge
        or Opcode.F64Eq or Opcode.F64Ne or Opcode.F64Lt or Opcode.F64Gt or Opcode.F64Le or Opcode.F64Ge;
}

/// <summary>How a local compares with a constant (unsigned, or signed when <see cref="LocalTest.Signed"/>).</summary>
internal enum TestKind : byte
{
    None,
    Below,          // local <u constant
    AtMost,         // local <=u constant
    Above,          // local >u constant
    AtLeast,        // local >=u constant
    Equal,          // local == constant
    NotEqual,       // local != constant
}

/// <summary>
/// A comparison of local <see cref="Local"/> with <see cref="Constant"/>: when a branch tells whether it
/// held, what it implies about the largest value the local can have on each way out.
/// </summary>
internal readonly record struct LocalTest(int Local, TestKind Kind, uint Constant, bool Signed = false)
{
    public bool IsKnown => Kind != TestKind.None;

    public LocalTest Negated => this with
    {
        Kind = Kind switch
        {
            TestKind.Below => TestKind.AtLeast,
            TestKind.AtLeast => TestKind.Below,
            TestKind.AtMost => TestKind.Above,
            TestKind.Above => TestKind.AtMost,
            TestKind.Equal => TestKind.NotEqual,
            TestKind.NotEqual => TestKind.Equal,
            _ => TestKind.None,
        },
    };

    /// <summary>
    /// The largest value the local can have where the comparison is <paramref name="held"/> (null: no
    /// upper bound follows), given that it was at most <paramref name="localMax"/> before. A signed
    /// comparison says the same as an unsigned one only when both sides are non-negative. A way out that
    /// cannot be taken (<c>x &lt;u 0</c> held) gets 0, which holds vacuously.
    /// </summary>
    public uint? MaxWhen(bool held, uint localMax) =>
        Signed && localMax > int.MaxValue ? null : Guess(held);

    /// <summary>
    /// What <see cref="MaxWhen"/> would give if the local were known non-negative: only a guess for a signed
    /// comparison, which the loop analysis tries and then checks.
    /// </summary>
    public uint? Guess(bool held)
    {
        if (Signed && Constant > int.MaxValue) return null;
        var kind = held ? Kind : Negated.Kind;
        return kind switch
        {
            TestKind.Below => Constant == 0 ? 0 : Constant - 1,
            TestKind.AtMost or TestKind.Equal => Constant,
            _ => null,
        };
    }

    /// <summary>The test made by comparison <paramref name="opcode"/> of <paramref name="a"/> with <paramref name="b"/>, when one is a local and the other a constant.</summary>
    public static LocalTest? Compare(Opcode opcode, BoundedValue a, BoundedValue b)
    {
        var kind = opcode switch
        {
            Opcode.I32LtU or Opcode.I32LtS => TestKind.Below,
            Opcode.I32LeU or Opcode.I32LeS => TestKind.AtMost,
            Opcode.I32GtU or Opcode.I32GtS => TestKind.Above,
            Opcode.I32GeU or Opcode.I32GeS => TestKind.AtLeast,
            Opcode.I32Eq => TestKind.Equal,
            Opcode.I32Ne => TestKind.NotEqual,
            _ => TestKind.None,
        };
        if (kind == TestKind.None) return null;
        var signed = opcode is Opcode.I32LtS or Opcode.I32LeS or Opcode.I32GtS or Opcode.I32GeS;
        if (a.Local >= 0 && b.IsConstant) return new LocalTest(a.Local, kind, b.Max, signed);
        if (b.Local >= 0 && a.IsConstant) return new LocalTest(b.Local, Mirror(kind), a.Max, signed);
        return null;
    }

    /// <summary>The same comparison with its operands swapped (<c>c &lt; x</c> is <c>x &gt; c</c>).</summary>
    private static TestKind Mirror(TestKind kind) => kind switch
    {
        TestKind.Below => TestKind.Above,
        TestKind.Above => TestKind.Below,
        TestKind.AtMost => TestKind.AtLeast,
        TestKind.AtLeast => TestKind.AtMost,
        _ => kind,
    };
}
