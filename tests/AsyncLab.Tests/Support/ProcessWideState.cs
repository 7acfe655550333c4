namespace AsyncLab.Tests.Support;

/// <summary>
/// Tests that change process-wide state (environment variables, static settings) join this
/// collection, which xunit runs on its own, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "Process-wide state";
}
