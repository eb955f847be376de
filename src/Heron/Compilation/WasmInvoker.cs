using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>Calls compiled code of one signature with arguments and results as <see cref="Value"/>s.</summary>
internal delegate void WasmInvoker(Value[] args, Value[] results, nint code, InstanceContext context);
