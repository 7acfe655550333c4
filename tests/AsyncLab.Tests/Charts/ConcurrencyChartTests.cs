using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

public class ConcurrencyChartTests
{
    private static readonly OperationRecord[] Operations = [Completed(0, "A", 0, 1), Completed(1, "B", 0.5, 2)];

    [Fact]
    public void Create_StepLineOfOperationsInFlight_StartingFromZero()
    {
        PlotlyChart chart = ConcurrencyChart.Create("Downloads", Operations);

        var line = Figure.Trace(chart, "in flight");
        Assert.Equal("hv", (string?)line["line"]!["shape"]);
        Assert.Equal([0.0, 0.0, 0.5, 1.0, 2.0], Figure.Values<double>(line["x"]));
        Assert.Equal([0, 1, 2, 1, 0], Figure.Values<int>(line["y"]));
    }

    [Fact]
    public void Create_IntegerYAxisFromZero_AndAverageLine()
    {
        PlotlyChart chart = ConcurrencyChart.Create("Downloads", Operations);

        var yAxis = Figure.Layout(chart)["yaxis"]!;
        Assert.Equal(1, (int)yAxis["dtick"]!);
        Assert.Equal("tozero", (string?)yAxis["rangemode"]);
        var average = Figure.Trace(chart, "average 1.25");
        Assert.Equal([1.25, 1.25], Figure.Values<double>(average["y"]));
        Assert.Equal([0.0, 2.0], Figure.Values<double>(average["x"]));
    }

    [Fact]
    public void Create_TitleAndTextShowPeakAndAverage()
    {
        PlotlyChart chart = ConcurrencyChart.Create("Downloads", Operations);

        Assert.StartsWith("Downloads — peak 2 in flight, average 1.25", chart.Title);
        Assert.Contains("in flight: 0.000 s → 0, 0.000 s → 1, 0.500 s → 2, 1.000 s → 1, 2.000 s → 0", chart.ToString());
    }

    [Fact]
    public void ConcurrencyChart_FromRecorder_CountsRunningOperationsUntilNow()
    {
        var time = new ManualTimeProvider();
        TimingRecorder recorder = Recorder(time, ("A", 0, null));
        time.Advance(Seconds(2));

        PlotlyChart chart = recorder.ConcurrencyChart("Live");

        Assert.Equal([0.0, 0.0, 2.0], Figure.Values<double>(Figure.Trace(chart, "in flight")["x"]));
    }

    [Fact]
    public void Create_NoOperations_DrawsAFlatLine()
    {
        PlotlyChart chart = ConcurrencyChart.Create("Nothing", []);

        Assert.Single(Figure.Traces(chart));
        Assert.StartsWith("Nothing — peak 0 in flight, average 0.00", chart.Title);
    }

    [Fact]
    public void Create_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("title", Assert.Throws<ArgumentException>(() => ConcurrencyChart.Create(" ", Operations)).ParamName);
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => ConcurrencyChart.Create("t", null!)).ParamName);
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => ((TimingRecorder)null!).ConcurrencyChart("t")).ParamName);
    }
}
