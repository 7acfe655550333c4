using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

public class OperationSeriesTests
{
    private static readonly OperationRecord[] Operations = [Completed(0, "a", 0, 1), Completed(1, "b", 0.5, 2), Completed(2, "c", 1, 1.5)];

    [Fact]
    public void InFlight_StepsFromZero()
    {
        ChartSeries series = OperationSeries.InFlight("in flight", Operations);

        Assert.True(series.Steps);
        // At 1 s "a" ends as "c" starts: the count does not change there.
        Assert.Equal([(0.0, 0.0), (0, 1), (0.5, 2), (1.5, 1), (2, 0)], series.Points);
    }

    [Fact]
    public void Started_RisesByOneAtEveryStart()
    {
        ChartSeries series = OperationSeries.Started("started", Operations.Reverse());

        Assert.Equal("started", series.Name);
        Assert.Equal([(0.0, 0.0), (0, 1), (0.5, 2), (1, 3)], series.Points);
    }

    [Fact]
    public void Series_InvalidArguments_Throw()
    {
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => OperationSeries.Started("s", null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => OperationSeries.InFlight(" ", Operations)).ParamName);
    }
}
