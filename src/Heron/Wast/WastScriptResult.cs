namespace Heron.Wast;

/// <summary>The outcome of running one .wast script: counts of commands and the failures.</summary>
public sealed class WastScriptResult
{
    internal WastScriptResult(string file) => File = file;

    /// <summary>The script's path.</summary>
    public string File { get; }

    /// <summary>Commands that gave the expected outcome.</summary>
    public int Passed { get; internal set; }

    /// <summary>Commands that did not.</summary>
    public int Failed => Failures.Count;

    /// <summary>Commands Heron reads but does not run (see <see cref="SkippedCommands"/>).</summary>
    public int Skipped { get; internal set; }

    /// <summary>Every failed command with what differed.</summary>
    public List<WastFailure> Failures { get; } = new();

    /// <summary>The keywords of skipped commands, with their lines.</summary>
    public List<string> SkippedCommands { get; } = new();

    /// <summary>The summary line: <c>file: N passed, M failed</c> (with <c>, K skipped</c> when any).</summary>
    public override string ToString() =>
        $"{File}: {Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");
}
