namespace Heron.Components;

/// <summary>
/// A host implementation of a component function, called with the lifted arguments; it returns the result
/// (null for a function without one). Throwing a <see cref="TrapException"/> traps the caller; other
/// exceptions propagate to whoever called into the component (as <c>WasiExitException</c> does for an exit).
/// Borrowed handles among the arguments are valid only until the handler returns.
/// </summary>
public delegate ComponentValue? HostFunctionHandler(IReadOnlyList<ComponentValue> arguments);
