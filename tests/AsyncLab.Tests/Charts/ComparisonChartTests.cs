using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

public class ComparisonChartTests
{
    [Fact]
    public void Bars_ValuesInSecondsPrintedOnTheBars()
    {
        PlotlyChart chart = ComparisonChart.Bars("Three downloads", ("sequential", Seconds(3.004)), ("WhenAll", Seconds(1.002)));

        var bars = Figure.Traces(chart).Single()!;
        Assert.Equal("bar", (string?)bars["type"]);
        Assert.Equal([3.004, 1.002], Figure.Values<double>(bars["y"]));
        Assert.Equal(["3.004 s", "1.002 s"], Figure.Values<string>(bars["text"]));
        Assert.Equal(["sequential", "WhenAll"], Figure.Values<string>(Figure.Layout(chart)["xaxis"]!["ticktext"]));
        Assert.Equal("Three downloads", chart.Title);
    }

    [Fact]
    public void Bars_ToString_DrawsTextBars()
    {
        string text = ComparisonChart.Bars("Three downloads", ("sequential", Seconds(3)), ("WhenAll", Seconds(1))).ToString();

        Assert.Equal(
            "Three downloads\n"
            + "sequential  |" + new string('█', 30) + "| 3.000 s\n"
            + "WhenAll     |" + new string('█', 10) + new string(' ', 20) + "| 1.000 s",
            text);
    }

    [Fact]
    public void Bars_InvalidArguments_ThrowWithParameterNames()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonChart.Bars("t", ("A", Seconds(-1))));
        Assert.Equal("bars", negative.ParamName);
        Assert.StartsWith("The value of bar \"A\" must be zero or positive, but was -00:00:01.", negative.Message);
        Assert.Equal("bars", Assert.Throws<ArgumentNullException>(() => ComparisonChart.Bars("t", (null!, Seconds(1)))).ParamName);
        Assert.Equal("bars", Assert.Throws<ArgumentNullException>(() => ComparisonChart.Bars("t", null!)).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentException>(() => ComparisonChart.Bars("")).ParamName);
    }

    [Fact]
    public void Line_DrawsThePointsWithAxisTitles()
    {
        PlotlyChart chart = ComparisonChart.Line("Scaling", "requests", "seconds", [(1, 1.0), (2, 1.01), (4, 1.02)]);

        var line = Figure.Traces(chart).Single()!;
        Assert.Equal("lines+markers", (string?)line["mode"]);
        Assert.Equal([1.0, 2.0, 4.0], Figure.Values<double>(line["x"]));
        Assert.Equal([1.0, 1.01, 1.02], Figure.Values<double>(line["y"]));
        Assert.Equal("requests", (string?)Figure.Layout(chart)["xaxis"]!["title"]!["text"]);
        Assert.Equal("Scaling\nrequests → seconds\n1 → 1\n2 → 1.01\n4 → 1.02", chart.ToString());
    }

    [Fact]
    public void Line_InvalidArguments_ThrowWithParameterNames()
    {
        var notFinite = Assert.Throws<ArgumentException>(() => ComparisonChart.Line("t", "x", "y", [(1, 1), (2, double.NaN)]));
        Assert.Equal("points", notFinite.ParamName);
        Assert.StartsWith("Every point must have finite coordinates, but point 1 was (2, NaN).", notFinite.Message);
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => ComparisonChart.Line("t", "x", "y", null!)).ParamName);
        Assert.Equal("xTitle", Assert.Throws<ArgumentNullException>(() => ComparisonChart.Line("t", null!, "y", [])).ParamName);
        Assert.Equal("yTitle", Assert.Throws<ArgumentNullException>(() => ComparisonChart.Line("t", "x", null!, [])).ParamName);
    }
}
