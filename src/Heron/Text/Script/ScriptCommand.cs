namespace Heron.Text.Script;

/// <summary>One top-level command of a .wast script, with the position where it starts.</summary>
internal abstract record ScriptCommand(int Line, int Column)
{
    /// <summary>
    /// The module this command carries that must decode (it may still be invalid, unlinkable or trap on
    /// instantiation), or null: what tests over every module of a suite iterate.
    /// </summary>
    public virtual ScriptModule? WellFormedModule => null;
}

/// <summary><c>(module ...)</c>: compile and instantiate (or, for a definition, compile only).</summary>
internal sealed record ModuleCommand(ScriptModule Module, int Line, int Column) : ScriptCommand(Line, Column)
{
    public override ScriptModule? WellFormedModule => Module;
}

/// <summary>3.0 <c>(module instance $i $def)</c>: instantiate a module definition.</summary>
internal sealed record ModuleInstanceCommand(string? InstanceName, string? DefinitionName, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(register "name" $m?)</c>.</summary>
internal sealed record RegisterCommand(string As, string? ModuleName, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary>A bare <c>(invoke ...)</c> or <c>(get ...)</c>.</summary>
internal sealed record ActionCommand(ScriptAction Action, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(assert_return action results...)</c>.</summary>
internal sealed record AssertReturnCommand(ScriptAction Action, ScriptResult[] Expected, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(assert_trap action "msg")</c>, or around a module: instantiation must trap.</summary>
internal sealed record AssertTrapCommand(ScriptAction? Action, ScriptModule? Module, string Message, int Line, int Column) : ScriptCommand(Line, Column)
{
    public override ScriptModule? WellFormedModule => Module;
}

/// <summary><c>(assert_exhaustion action "msg")</c>.</summary>
internal sealed record AssertExhaustionCommand(ScriptAction Action, string Message, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(assert_exception action)</c> (3.0): the action throws an uncaught WebAssembly exception.</summary>
internal sealed record AssertExceptionCommand(ScriptAction Action, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(assert_invalid module "msg")</c>.</summary>
internal sealed record AssertInvalidCommand(ScriptModule Module, string Message, int Line, int Column) : ScriptCommand(Line, Column)
{
    public override ScriptModule? WellFormedModule => Module;
}

/// <summary><c>(assert_malformed module "msg")</c>.</summary>
internal sealed record AssertMalformedCommand(ScriptModule Module, string Message, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(assert_unlinkable module "msg")</c>.</summary>
internal sealed record AssertUnlinkableCommand(ScriptModule Module, string Message, int Line, int Column) : ScriptCommand(Line, Column)
{
    public override ScriptModule? WellFormedModule => Module;
}

/// <summary>
/// <c>(thread $name (shared (module $m))* command*)</c> (threads proposal): the commands run in order on a
/// new thread, in a store of their own, seeing the named instances it shares from the script.
/// </summary>
internal sealed record ThreadCommand(string Name, string[] SharedModules, ScriptCommand[] Commands, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary><c>(wait $name)</c>: waits for a thread's commands to finish; their outcomes are reported here.</summary>
internal sealed record WaitCommand(string Name, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary>
/// <c>(assert_malformed_custom module "msg")</c> or (<paramref name="Invalid"/>) <c>(assert_invalid_custom module "msg")</c>:
/// the module's custom annotations, checked, must be malformed or invalid (the module is otherwise well-formed).
/// </summary>
internal sealed record AssertCustomCommand(ScriptModule Module, string Message, bool Invalid, int Line, int Column) : ScriptCommand(Line, Column);

/// <summary>A command Heron reads but does not know; the runner reports it as skipped.</summary>
internal sealed record UnsupportedCommand(string Keyword, int Line, int Column) : ScriptCommand(Line, Column);
