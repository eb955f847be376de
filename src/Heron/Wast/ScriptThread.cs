using Heron.Text.Script;

namespace Heron.Wast;

/// <summary>
/// The commands of one <c>(thread ...)</c> of a script, running on a .NET thread of their own in a session
/// (and so a store) of their own. The instances the thread shares are the script's: their shared memories
/// are the very memories the script and the other threads use.
/// </summary>
internal sealed class ScriptThread
{
    private readonly Thread thread;
    private readonly List<(ScriptCommand Command, string? Failure)> outcomes = new();

    public ScriptThread(Engine engine, ThreadCommand command, IReadOnlyList<(string Name, Instance Instance)> shared)
    {
        thread = new Thread(() =>
        {
            using var session = new ScriptSession(engine);
            foreach (var (name, instance) in shared) session.Share(name, instance);
            foreach (var inner in command.Commands) outcomes.AddRange(session.Outcomes(inner));
        })
        { IsBackground = true, Name = "wast thread " + command.Name };
        thread.Start();
    }

    /// <summary>Waits for the thread to finish; then the outcome of each of its commands, in order.</summary>
    public IReadOnlyList<(ScriptCommand Command, string? Failure)> Join()
    {
        thread.Join();
        return outcomes;
    }
}
