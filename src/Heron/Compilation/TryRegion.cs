using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The CIL protected region of one try_table (or of a legacy try's body) while its body is compiled. CIL wants an empty evaluation
/// stack on entry to a region and lets control out of it only by <c>leave</c>, which empties the stack:
/// so the operands below the block (those of the enclosing region, from <see cref="Base"/> up) wait in
/// <see cref="Outer"/>, and every branch out of the body stores the values it carries in a
/// <see cref="Landing"/>'s temporaries and leaves to it. Landings are placed after the region, where the
/// enclosing code reloads the operands and branches on as usual.
/// </summary>
internal sealed class TryRegion
{
    /// <summary>The operand stack height below which operands are not on the CIL stack of the enclosing code.</summary>
    public required int Base { get; init; }

    /// <summary>The operands from <see cref="Base"/> up to the block's parameters, bottom first.</summary>
    public required LocalBuilder[] Outer { get; init; }

    /// <summary>The operand stack height below which operands are not on the CIL stack inside the region.</summary>
    public int Floor => Base + Outer.Length;

    /// <summary>Where the caught exception is kept (rented for the region: its closer gives it back).</summary>
    public required LocalBuilder Exception { get; init; }

    /// <summary>Just after the handler, where the caught exception's clauses are tested: a throw inside the region leaves to it directly.</summary>
    public required Label Caught { get; init; }

    /// <summary>The try_table's catch clauses (none for a legacy try, whose handlers follow its body).</summary>
    public required Binary.CatchClause[] Catches { get; init; }

    /// <summary>One place after the region per branch target outside it, in the order first used.</summary>
    public List<Landing> Landings { get; } = new();

    public Landing LandingFor(ControlFrame target, CilWriter il)
    {
        foreach (var landing in Landings)
            if (landing.Target == target && !landing.Delegates) return landing;
        var types = target.BranchTypes;
        var carried = new LocalBuilder[types.Length];
        for (int i = 0; i < carried.Length; i++) carried[i] = il.Rent(CilTypes.Of(types[i]));
        var created = new Landing(target, il.DefineLabel(), carried, Delegates: false);
        Landings.Add(created);
        return created;
    }

    /// <summary>Where an exception delegated to <paramref name="target"/>'s block leaves the region to, carried in one temporary.</summary>
    public Landing DelegationFor(ControlFrame target, CilWriter il)
    {
        foreach (var landing in Landings)
            if (landing.Target == target && landing.Delegates) return landing;
        var created = new Landing(target, il.DefineLabel(), [il.Rent(typeof(ThrownException))], Delegates: true);
        Landings.Add(created);
        return created;
    }

    /// <summary>
    /// Where branches to <paramref name="Target"/> from inside the region leave to, and the temporaries holding
    /// what they carry; with <paramref name="Delegates"/>, where exceptions delegated to the target's block leave
    /// to (the one temporary holds the exception).
    /// </summary>
    internal sealed record Landing(ControlFrame Target, Label Label, LocalBuilder[] Carried, bool Delegates);
}
