namespace Heron.Text.Script;

/// <summary><c>(invoke $m? "name" args...)</c> or <c>(get $m? "name")</c>.</summary>
internal sealed record ScriptAction(bool IsInvoke, string? ModuleName, string Field, ScriptValue[] Arguments, int Line, int Column);
