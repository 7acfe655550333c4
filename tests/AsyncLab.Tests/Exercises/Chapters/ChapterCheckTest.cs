using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

/// <summary>
/// Base of the tests that run a chapter's check against solutions written as C#: wrong ones must get "not yet",
/// for the reason named, and correct ones (also unusual ones) "passed". The checks run in real time, at half the
/// latency scale as the chapter tests do, in the collection that runs alone, so that nothing else competes for the cores.
/// </summary>
[Collection(ProcessWideState.Name)]
public abstract class ChapterCheckTest : IDisposable
{
    private readonly EnvironmentVariable _scale = new(LatencyScale.EnvironmentVariable, "0.5");

    public void Dispose()
    {
        _scale.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Asserts that the check passed, showing its verdict otherwise.</summary>
    protected static async Task PassesAsync(Task<CheckResult> check)
    {
        CheckResult result = await check;
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Asserts "not yet", and that an unmet line contains <paramref name="unmet"/>: the check rejects it for the right reason.</summary>
    protected static async Task NotYetAsync(Task<CheckResult> check, string unmet)
    {
        CheckResult result = await check;
        Assert.False(result.Passed, result.ToString());
        Assert.True(result.Expectations.Any(e => !e.Met && (e.Description + " — " + e.Measured).Contains(unmet, StringComparison.Ordinal)), $"expected an unmet line containing \"{unmet}\":\n{result}");
    }
}
