using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

[Collection(ProcessWideState.Name)]
public class LatencyNoteTests
{
    [Fact]
    public void Title_ScaledLatencies_SaysSo()
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, "0.5");

        Assert.Equal("Sequential — 1.000 s (latencies × 0.5)", TimelineChart.Create("Sequential", [Completed(0, "A", 0, 1)]).Title);
        Assert.EndsWith("(latencies × 0.5)", ConcurrencyChart.Create("Downloads", []).Title);
    }

    [Fact]
    public void Title_UnscaledLatencies_HasNoNote()
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, null);

        Assert.Equal("Sequential — 1.000 s", TimelineChart.Create("Sequential", [Completed(0, "A", 0, 1)]).Title);
    }
}
