namespace Notebooks.Tests.Support;

/// <summary>
/// Tests that compare timings of whole processes run in this collection, after every parallel test has
/// finished, so that the chapters running beside them do not skew one side of the comparison.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Measurements
{
    public const string Name = "Measurements";
}
