using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class ThroughputSummaryTests
{
    [Fact]
    public void Create_CountsCompletedPerSecondAndPercentiles()
    {
        OperationRecord[] operations =
        [
            Completed(0, "a", 0, 1),
            Completed(1, "b", 0, 1),
            Completed(2, "c", 1, 2),
            Completed(3, "d", 1, 4),
            new(4, "refused", Seconds(0), Seconds(0.5), 5, 9, OperationOutcome.Faulted, "429"),
            Running(5, "still running", 3),
        ];

        ThroughputSummary summary = ThroughputSummary.Create(operations);

        Assert.Equal((5, 4, 1), (summary.Requests, summary.Completed, summary.Faulted));
        Assert.Equal(Seconds(4), summary.Elapsed);
        Assert.Equal(1.0, summary.Throughput);
        Assert.Equal((Seconds(1.5), Seconds(1), Seconds(3)), (summary.Mean, summary.P50, summary.P95));
        Assert.Equal(1.625, summary.AverageInFlight);
        Assert.Equal("5 requests in 4.000 s: 1.0 completed per second; mean 1.500 s, p50 1.000 s, p95 3.000 s; 1.63 in flight on average; 1 faulted", summary.ToString());
    }

    [Fact]
    public void Create_Nothing_IsAllZero()
    {
        ThroughputSummary summary = ThroughputSummary.Create([]);

        Assert.Equal((0, 0.0, TimeSpan.Zero, TimeSpan.Zero), (summary.Requests, summary.Throughput, summary.P95, summary.Elapsed));
    }

    [Theory]
    [InlineData(50, 2)]
    [InlineData(95, 4)]
    [InlineData(100, 4)]
    [InlineData(1, 1)]
    public void Percentile_NearestRank(double percent, double expectedSeconds)
    {
        Assert.Equal(Seconds(expectedSeconds), ThroughputSummary.Percentile([Seconds(4), Seconds(1), Seconds(3), Seconds(2)], percent));
    }

    [Fact]
    public void Percentile_InvalidArguments_Throw()
    {
        Assert.Equal("percent", Assert.Throws<ArgumentOutOfRangeException>(() => ThroughputSummary.Percentile([Seconds(1)], 0)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => ThroughputSummary.Percentile([], 50)).ParamName);
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => ThroughputSummary.Create(null!)).ParamName);
    }
}
