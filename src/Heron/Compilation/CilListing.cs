using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The text of the CIL a <see cref="CilWriter"/> emits, one instruction a line, recorded as it is
/// emitted (<c>heron inspect --il</c>). Also counts what drives the .NET JIT's cost: instructions, labels
/// (a lower bound on basic blocks) and locals.
/// </summary>
internal sealed class CilListing
{
    private readonly List<string> lines = new();

    public int Instructions { get; private set; }
    /// <summary>Size of the method body's IL in bytes, once compiled.</summary>
    public int Bytes { get; set; }
    public int Labels { get; private set; }
    public int Locals { get; private set; }

    public IReadOnlyList<string> Lines => lines;

    public void Op(OpCode op, string? operand = null)
    {
        Instructions++;
        lines.Add(operand == null ? "    " + op.Name : $"    {op.Name,-12} {operand}");
    }

    public void Mark(Label label)
    {
        Labels++;
        lines.Add(Name(label) + ":");
    }

    /// <summary>A line that is not an instruction (the bounds of exception regions).</summary>
    public void Note(string text) => lines.Add(text);

    public void Declare(LocalBuilder local)
    {
        Locals++;
        lines.Add($"  .local {Name(local)} : {local.LocalType.Name}");
    }

    public static string Name(Label label) => "L" + label.GetHashCode().ToString(CultureInfo.InvariantCulture);

    public static string Name(LocalBuilder local) => "V" + local.LocalIndex.ToString(CultureInfo.InvariantCulture);

    public static string Name(FieldInfo field) => $"{field.DeclaringType?.Name}::{field.Name}";

    public static string Name(MethodInfo method) => method.DeclaringType is { } type ? $"{type.Name}::{method.Name}" : method.Name;
}
