namespace Heron.Components.Runtime;

/// <summary>
/// One synchronous call across a component boundary, for borrow bookkeeping: the owned handles the caller
/// lent for the call's duration, and how many borrowed handles the callee still holds (it must drop them
/// all before returning).
/// </summary>
internal sealed class CallScope
{
    private List<HandleEntry>? _lenders;

    public int Borrows { get; set; }

    public void AddLender(HandleEntry entry)
    {
        entry.Lends++;
        (_lenders ??= []).Add(entry);
    }

    /// <summary>At the end of the call: the lent handles are free to move or drop again.</summary>
    public void ReleaseLenders()
    {
        if (_lenders == null) return;
        foreach (var entry in _lenders) entry.Lends--;
        _lenders.Clear();
    }
}
