namespace Heron.Tests.Controls;

/// <summary>Tests that measure the process's memory run alone, after the parallel ones, so others' allocations do not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}
