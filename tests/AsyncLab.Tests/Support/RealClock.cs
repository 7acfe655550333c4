namespace AsyncLab.Tests.Support;

/// <summary>
/// Tests that run learner-like code on the real clock and judge its timing join this collection (an attempt that
/// blocks a thread would hang a virtual-time loop), which xunit runs on its own, after the parallel tests: a wrong
/// solution that blocks thread-pool threads in one test would otherwise delay the continuations of a correct
/// solution measured at the same time in another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClock
{
    public const string Name = "Real clock";
}
