using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// The types of a function's locals (parameters first), looked up by index without expanding the declared
/// runs (a body may declare millions of locals in a few bytes). Also tracks which non-defaultable locals
/// (3.0 non-nullable references) are set, with a log so that leaving a block forgets what it set.
/// </summary>
internal sealed class LocalTypes
{
    private ValueType[] parameters = NoItems<ValueType>.Array;
    private LocalDeclaration[] runs = NoItems<LocalDeclaration>.Array;
    private long[] runEnds = new long[8];
    private bool[] initialized = [];
    private int[] initLog = new int[16];
    private bool tracksInit;

    public long Count { get; private set; }

    public int InitLogCount { get; private set; }

    public void Reset(ValueType[] parameterTypes, LocalDeclaration[] declared)
    {
        parameters = parameterTypes;
        runs = declared;
        if (runEnds.Length < declared.Length) runEnds = new long[declared.Length];
        long end = parameterTypes.Length;
        tracksInit = false;
        for (int i = 0; i < declared.Length; i++)
        {
            end += declared[i].Count;
            runEnds[i] = end;
            var type = declared[i].Type;
            if (type.IsReference && !type.Nullable && declared[i].Count > 0) tracksInit = true;
        }
        Count = end;
        InitLogCount = 0;
        if (tracksInit)
        {
            // Only 3.0 bodies with non-nullable locals pay for this; the decoder bounds the local count.
            if (initialized.Length < end) initialized = new bool[end];
            else Array.Clear(initialized, 0, (int)end);
        }
    }

    /// <summary>The type of local <paramref name="index"/>, or false when there is no such local.</summary>
    public bool TryGet(uint index, out ValueType type)
    {
        if (index < (uint)parameters.Length)
        {
            type = parameters[index];
            return true;
        }
        if (index >= Count)
        {
            type = default;
            return false;
        }
        // Binary search over the runs' cumulative ends: few runs in practice, and no expansion needed.
        int low = 0, high = runs.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (index < runEnds[mid]) high = mid;
            else low = mid + 1;
        }
        type = runs[low].Type;
        return true;
    }

    /// <summary>False for a non-defaultable local read before it is set on every path to here.</summary>
    public bool IsInitialized(uint index, ValueType type) =>
        !tracksInit || !type.IsReference || type.Nullable || index < (uint)parameters.Length || initialized[index];

    public void MarkInitialized(uint index, ValueType type)
    {
        if (!tracksInit || !type.IsReference || type.Nullable || index < (uint)parameters.Length || initialized[index]) return;
        initialized[index] = true;
        if (InitLogCount == initLog.Length) Array.Resize(ref initLog, initLog.Length * 2);
        initLog[InitLogCount++] = (int)index;
    }

    /// <summary>Forgets the locals set since the log was at <paramref name="height"/> (a block ended or an else began).</summary>
    public void ResetInitLog(int height)
    {
        while (InitLogCount > height) initialized[initLog[--InitLogCount]] = false;
    }
}
