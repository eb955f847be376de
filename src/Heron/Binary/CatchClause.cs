namespace Heron.Binary;

/// <summary>One clause of try_table: kind 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref.</summary>
internal readonly record struct CatchClause(byte Kind, int Tag, int Label)
{
    public bool HasTag => Kind < 2;

    public bool PushesExnRef => Kind is 1 or 3;
}
