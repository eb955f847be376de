namespace Heron.Wast;

/// <summary>One command of a script that did not give the expected outcome.</summary>
/// <param name="File">The script's path.</param>
/// <param name="Line">The 1-based line where the command starts.</param>
/// <param name="Command">The command's keyword, for example <c>assert_return</c>.</param>
/// <param name="Message">What differed.</param>
public sealed record WastFailure(string File, int Line, string Command, string Message)
{
    /// <summary>The failure as one line: <c>file:line: command: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Command}: {Message}";
}
