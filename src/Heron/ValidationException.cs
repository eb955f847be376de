namespace Heron;

/// <summary>An invalid module: well-formed, but breaking a validation rule of the specification.</summary>
public sealed class ValidationException : WasmException
{
    /// <summary>Creates a validation error; <paramref name="functionIndex"/> is -1 outside function bodies.</summary>
    public ValidationException(string message, int functionIndex = -1, long offset = -1, string? instruction = null)
        : base(Format(message, functionIndex, offset, instruction))
    {
        Reason = message;
        FunctionIndex = functionIndex;
        Offset = offset;
        Instruction = instruction;
    }

    /// <summary>The message without the position, starting with the specification's wording.</summary>
    public string Reason { get; }

    /// <summary>The index of the function whose body is invalid, or -1.</summary>
    public int FunctionIndex { get; }

    /// <summary>The byte offset of the offending instruction in the binary module, or -1.</summary>
    public long Offset { get; }

    /// <summary>The text name of the offending instruction, when one is known.</summary>
    public string? Instruction { get; }

    private static string Format(string message, int functionIndex, long offset, string? instruction)
    {
        var where = new System.Text.StringBuilder(message);
        if (functionIndex >= 0) where.Append($" (in function {functionIndex}");
        if (instruction != null) where.Append(functionIndex >= 0 ? $", at {instruction}" : $" (at {instruction}");
        if (offset >= 0) where.Append(functionIndex >= 0 || instruction != null ? $", byte offset 0x{offset:x}" : $" (at byte offset 0x{offset:x}");
        if (functionIndex >= 0 || instruction != null || offset >= 0) where.Append(')');
        return where.ToString();
    }
}
