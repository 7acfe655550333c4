using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Charts;

public class SeriesChartTests
{
    private static readonly ChartSeries Throughput = new("throughput", [(1, 4.0), (2, 7.5), (4, 8.0)]);
    private static readonly ChartSeries Latency = new("p95", [(1, 0.25), (2, 0.26), (4, 0.5)]) { OnSecondaryAxis = true };

    [Fact]
    public void Create_EachSeriesHasItsNameAndAColourOfItsOwn()
    {
        PlotlyChart chart = SeriesChart.Create("Sweep", "limit", "per second", [Throughput, Latency], "seconds");

        var traces = Figure.Traces(chart);
        Assert.Equal(["throughput", "p95"], traces.Select(t => (string?)t!["name"]));
        Assert.Equal(2, traces.Select(t => (string?)t!["line"]!["color"]).Distinct().Count());
        Assert.Equal([1.0, 2.0, 4.0], Figure.Values<double>(Figure.Trace(chart, "throughput")["x"]));
        Assert.Equal("y2", (string?)Figure.Trace(chart, "p95")["yaxis"]);
        Assert.Equal("seconds", (string?)Figure.Layout(chart)["yaxis2"]!["title"]!["text"]);
        Assert.Equal(80, (int)Figure.Layout(chart)["margin"]!["r"]!);
        Assert.True((bool)Figure.Layout(chart)["showlegend"]!);
    }

    [Fact]
    public void Create_StepSeries_HoldsEachValueUntilTheNextPoint()
    {
        PlotlyChart chart = SeriesChart.Create("Occupancy", "seconds", "items", [new ChartSeries("queued", [(0, 0.0), (0.5, 3.0)]) { Steps = true }]);

        Assert.Equal("hv", (string?)Figure.Trace(chart, "queued")["line"]!["shape"]);
        Assert.Equal("lines", (string?)Figure.Trace(chart, "queued")["mode"]);
        Assert.Null(Figure.Layout(chart)["yaxis2"]);
        Assert.Equal(20, (int)Figure.Layout(chart)["margin"]!["r"]!);
    }

    [Fact]
    public void Create_MarkersOnlySeries_DrawsNoLinesBetweenPoints()
    {
        PlotlyChart chart = SeriesChart.Create("Lag", "seconds", "ms", [new ChartSeries("ticks", [(0.1, 2.0), (0.2, 120.0)]) { MarkersOnly = true }]);

        Assert.Equal("markers", (string?)Figure.Trace(chart, "ticks")["mode"]);
    }

    [Fact]
    public void Create_ToString_ListsEverySeries()
    {
        string text = SeriesChart.Create("Sweep", "limit", "per second", [Throughput, Latency], "seconds").ToString();

        Assert.Equal("Sweep\nlimit → per second\nthroughput: 1 → 4, 2 → 7.5, 4 → 8\np95: 1 → 0.25, 2 → 0.26, 4 → 0.5", text);
    }

    [Fact]
    public void Create_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("secondaryTitle", Assert.Throws<ArgumentException>(() => SeriesChart.Create("t", "x", "y", [Latency])).ParamName);
        var tooMany = Assert.Throws<ArgumentException>(() => SeriesChart.Create("t", "x", "y", Enumerable.Range(0, 9).Select(i => new ChartSeries($"s{i}", []))));
        Assert.Equal("series", tooMany.ParamName);
        Assert.StartsWith("A chart can show at most 8 series, each in its own colour, but 9 were given.", tooMany.Message);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => SeriesChart.Create("t", "x", "y", [null!])).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentException>(() => SeriesChart.Create(" ", "x", "y", [])).ParamName);
    }

    [Fact]
    public void ChartSeries_InvalidArguments_ThrowWithParameterNames()
    {
        var notFinite = Assert.Throws<ArgumentException>(() => new ChartSeries("s", [(0, double.NaN)]));
        Assert.Equal("points", notFinite.ParamName);
        Assert.StartsWith("Every point of series \"s\" must have finite coordinates, but point 0 was (0, NaN).", notFinite.Message);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ChartSeries("", [])).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => new ChartSeries("s", null!)).ParamName);
    }
}
