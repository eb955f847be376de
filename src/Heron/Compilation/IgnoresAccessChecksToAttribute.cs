// The runtime honours this attribute by name on a dynamic assembly: code generated for modules and
// stubs may then use Heron's internal runtime types and members directly, without making them public.
namespace System.Runtime.CompilerServices;

[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
