// netstandard2.0 lacks the types the C# compiler needs for records and init accessors; declaring them
// here (internal) lets the generator use those language features.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
