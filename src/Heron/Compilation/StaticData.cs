using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// Read-only data of the generated code (lookup tables), kept as initialised static fields of the generated
/// type: the bytes travel with the code (a precompiled assembly carries them too), need no GC object and no
/// native allocation, and <c>ldsflda</c> gives their address. Functions are compiled on several threads
/// into one type, so definitions take a lock.
/// </summary>
internal sealed class StaticData(TypeBuilder type)
{
    private readonly Lock gate = new();

    /// <summary>The lock every definition in the generated type takes (outlined regions' methods too).</summary>
    public Lock Gate => gate;
    private int count;

    /// <summary>A static field holding <paramref name="bytes"/>, to be read through its address.</summary>
    public FieldInfo Define(byte[] bytes)
    {
        lock (gate)
        {
            var name = "data" + count++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return type.DefineInitializedData(name, bytes, FieldAttributes.Static | FieldAttributes.Assembly);
        }
    }
}
