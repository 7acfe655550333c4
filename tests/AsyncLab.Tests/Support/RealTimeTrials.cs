namespace AsyncLab.Tests.Support;

/// <summary>
/// Exercise trials that must run on the real clock (an attempt that blocks a thread would hang a virtual-time
/// loop). xunit runs this collection on its own, after the parallel tests, so that their timings are not
/// measured on a machine busy with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeTrials
{
    public const string Name = "Real-time trials";
}
