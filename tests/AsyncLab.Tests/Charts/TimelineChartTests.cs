using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

public class TimelineChartTests
{
    private static readonly OperationRecord[] Sequential =
    [
        Completed(0, "A", 0, 1),
        new(1, "B", Seconds(1), Seconds(2), 9, 12, OperationOutcome.Faulted, "server busy"),
        new(2, "C", Seconds(2), Seconds(3), 12, 12, OperationOutcome.Canceled),
    ];

    [Fact]
    public void Create_OneLanePerOperation_FirstStartedAtTheTop()
    {
        PlotlyChart chart = TimelineChart.Create("Sequential", Sequential.Reverse());

        var yAxis = Figure.Layout(chart)["yaxis"]!;
        Assert.Equal(["A", "B", "C"], Figure.Values<string>(yAxis["ticktext"]));
        Assert.Equal([0, 1, 2], Figure.Values<int>(yAxis["tickvals"]));
        Assert.Equal("reversed", (string?)yAxis["autorange"]);
        Assert.Equal("overlay", (string?)Figure.Layout(chart)["barmode"]);
    }

    [Fact]
    public void Create_HorizontalBarsFromStartWithDurationWidth_ColouredByOutcome()
    {
        PlotlyChart chart = TimelineChart.Create("Sequential", Sequential);

        Assert.Equal(["completed", "faulted", "canceled"], Figure.Traces(chart).Select(t => (string?)t!["name"]));
        var faulted = Figure.Trace(chart, "faulted");
        Assert.Equal("bar", (string?)faulted["type"]);
        Assert.Equal("h", (string?)faulted["orientation"]);
        Assert.Equal([1], Figure.Values<int>(faulted["y"]));
        Assert.Equal([1.0], Figure.Values<double>(faulted["base"]));
        Assert.Equal([1.0], Figure.Values<double>(faulted["x"]));
        Assert.Equal("#d64545", (string?)faulted["marker"]!["color"]);
        Assert.Equal("#2e9d5b", (string?)Figure.Trace(chart, "completed")["marker"]!["color"]);
    }

    [Fact]
    public void Create_HoverShowsNameTimesDurationThreadsAndOutcome()
    {
        PlotlyChart chart = TimelineChart.Create("Sequential", Sequential);

        string hover = Figure.Values<string>(Figure.Trace(chart, "completed")["hovertext"]).Single();
        Assert.Equal("<b>A</b><br>start 0.000 s · end 1.000 s<br>duration 1.000 s<br>threads 5 → 9<br>completed", hover);
        Assert.Contains("faulted: server busy", Figure.Values<string>(Figure.Trace(chart, "faulted")["hovertext"]).Single());
        Assert.Equal("%{hovertext}<extra></extra>", (string?)Figure.Trace(chart, "completed")["hovertemplate"]);
    }

    [Fact]
    public void Create_TitleIncludesTheElapsedTime()
    {
        PlotlyChart chart = TimelineChart.Create("Sequential", Sequential);

        Assert.StartsWith("Sequential — 3.000 s", chart.Title);
        Assert.StartsWith("Sequential — 3.000 s", (string?)Figure.Layout(chart)["title"]!["text"]);
    }

    [Fact]
    public void Create_HeightGrowsWithTheNumberOfLanes()
    {
        OperationRecord[] many = [.. Enumerable.Range(0, 20).Select(i => Completed(i, "op" + i, i, i + 1))];

        int few = (int)Figure.Layout(TimelineChart.Create("t", Sequential))["height"]!;
        int lots = (int)Figure.Layout(TimelineChart.Create("t", many))["height"]!;

        Assert.True(lots > few, $"{lots} should exceed {few}");
    }

    [Fact]
    public void ToString_DrawsAnAsciiGanttWithTheSummary()
    {
        string text = TimelineChart.Create("Sequential", Sequential).ToString();

        string[] lines = text.Split('\n');
        Assert.StartsWith("Sequential — 3.000 s", lines[0]);
        Assert.Equal("A  |█████████████                           | 0.000–1.000 s  threads 5→9  completed", lines[1]);
        Assert.Equal("B  |             ██████████████             | 1.000–2.000 s  threads 9→12  faulted: server busy", lines[2]);
        Assert.Equal("C  |                           █████████████| 2.000–3.000 s  threads 12→12  canceled", lines[3]);
        Assert.StartsWith("3 operations in 3.000 s;", lines[4]);
    }

    [Fact]
    public void Timeline_RunningOperation_IsDrawnUntilNowAndMarked()
    {
        var time = new ManualTimeProvider();
        TimingRecorder recorder = Recorder(time, ("A", 0, 1), ("B", 0.5, null));
        time.Advance(Seconds(1.5));

        PlotlyChart chart = recorder.Timeline("Live");

        var running = Figure.Trace(chart, "running (drawn up to now)");
        Assert.Equal([0.5], Figure.Values<double>(running["base"]));
        Assert.Equal([2.0], Figure.Values<double>(running["x"]));
        Assert.Equal("/", (string?)running["marker"]!["pattern"]!["shape"]);
        Assert.Contains("still running at 2.500 s", Figure.Values<string>(running["hovertext"]).Single());
        Assert.Contains("→…  running", chart.ToString());
    }

    [Fact]
    public void Create_RunningOperation_IsDrawnUntilTheLatestInstant()
    {
        PlotlyChart chart = TimelineChart.Create("t", [Completed(0, "A", 0, 3), Running(1, "B", 1)]);

        Assert.Equal([2.0], Figure.Values<double>(Figure.Trace(chart, "running (drawn up to now)")["x"]));
    }

    [Fact]
    public void Compare_PutsGroupsOnOneAxisWithLabelledLanes()
    {
        var time = new ManualTimeProvider();
        TimingRecorder sequential = Recorder(time, ("A", 0, 1), ("B", 1, 2));
        TimingRecorder concurrent = Recorder(new ManualTimeProvider(), ("A", 0, 1), ("B", 0, 1));

        PlotlyChart chart = TimelineChart.Compare("Two downloads", ("Sequential", sequential), ("Concurrent", concurrent));

        Assert.Equal(
            ["Sequential · A", "Sequential · B", "Concurrent · A", "Concurrent · B"],
            Figure.Values<string>(Figure.Layout(chart)["yaxis"]!["ticktext"]));
        Assert.Equal([0.0, 1.0, 0.0, 0.0], Figure.Values<double>(Figure.Trace(chart, "completed")["base"]));
        Assert.StartsWith("Two downloads — Sequential 2.000 s · Concurrent 1.000 s", chart.Title);
        Assert.Contains("Concurrent: 2 operations in 1.000 s;", chart.ToString());
    }

    [Fact]
    public void Create_UserTextIsEscaped()
    {
        const string name = "</script><b>x</b>";

        PlotlyChart chart = TimelineChart.Create("<i>t</i>", [Completed(0, name, 0, 1)]);

        Assert.Equal("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;", Figure.Values<string>(Figure.Layout(chart)["yaxis"]!["ticktext"]).Single());
        Assert.StartsWith("&lt;i&gt;t&lt;/i&gt;", (string?)Figure.Layout(chart)["title"]!["text"]);
        string html = chart.ToHtml();
        Assert.Equal(1, html.Split("</script>").Length - 1);
        Assert.DoesNotContain("<b>x</b>", html);
    }

    [Fact]
    public void Create_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("title", Assert.Throws<ArgumentNullException>(() => TimelineChart.Create(null!, Sequential)).ParamName);
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => TimelineChart.Create("t", null!)).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentNullException>(() => new TimingRecorder().Timeline(null!)).ParamName);
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => ((TimingRecorder)null!).Timeline("t")).ParamName);
    }

    [Fact]
    public void Compare_InvalidGroups_ThrowWithParameterName()
    {
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => TimelineChart.Compare("t")).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentNullException>(() => TimelineChart.Compare("t", null!)).ParamName);
        var noRecorder = Assert.Throws<ArgumentNullException>(() => TimelineChart.Compare("t", ("Sequential", null!)));
        Assert.Equal("groups", noRecorder.ParamName);
        Assert.StartsWith("Every group needs a recorder, but the recorder of group \"Sequential\" was null.", noRecorder.Message);
    }
}
