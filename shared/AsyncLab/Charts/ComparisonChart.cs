using System.Text.Json.Nodes;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>Simple charts for comparing measurements: durations side by side, or how one number grows with another.</summary>
public static class ComparisonChart
{
    private const int TextBarWidth = 30;

    /// <summary>One bar per label, in seconds, with each value printed on its bar.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="bars">The bars, left to right, each a label and a duration (zero or positive).</param>
    /// <example><c>ComparisonChart.Bars("Three downloads", ("sequential", sequentialTime), ("WhenAll", concurrentTime))</c></example>
    public static PlotlyChart Bars(string title, params (string Label, TimeSpan Value)[] bars)
    {
        Require.NotBlank(title, "A chart title");
        ArgumentNullException.ThrowIfNull(bars);
        foreach (var (label, value) in bars)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(bars));
            Require.NonNegative(value, $"The value of bar \"{label}\"", nameof(bars));
        }

        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "bar",
                ["x"] = PlotlyFigure.Array(bars.Select((_, index) => (JsonNode)index)),
                ["y"] = PlotlyFigure.Array(bars.Select(bar => PlotlyFigure.Seconds(bar.Value))),
                ["text"] = PlotlyFigure.Array(bars.Select(bar => (JsonNode)TextFormat.Seconds(bar.Value))),
                ["textposition"] = "auto",
                ["marker"] = new JsonObject { ["color"] = PlotlyFigure.NeutralColor },
                ["hovertemplate"] = "%{text}<extra></extra>",
            },
        };
        JsonObject layout = PlotlyFigure.Layout(title, 360, PlotlyFigure.CategoryAxis([.. bars.Select(bar => bar.Label)]), PlotlyFigure.Axis("seconds"));

        double longest = bars.Select(bar => bar.Value.TotalSeconds).DefaultIfEmpty(0).Max();
        int labelWidth = bars.Select(bar => bar.Label.Length).DefaultIfEmpty(0).Max();
        IEnumerable<string> lines = bars.Select(bar =>
        {
            int cells = longest == 0 ? 0 : (int)Math.Round(bar.Value.TotalSeconds / longest * TextBarWidth, MidpointRounding.AwayFromZero);
            return bar.Label.PadRight(labelWidth) + "  |" + new string('█', cells).PadRight(TextBarWidth) + "| " + TextFormat.Seconds(bar.Value);
        });
        return new PlotlyChart(title, PlotlyFigure.Create(data, layout), string.Join("\n", [title, .. lines]));
    }

    /// <summary>A line through <paramref name="points"/>, for example the total time against the number of requests.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The horizontal axis title.</param>
    /// <param name="yTitle">The vertical axis title.</param>
    /// <param name="points">The points, in drawing order; every coordinate must be a finite number.</param>
    public static PlotlyChart Line(string title, string xTitle, string yTitle, IEnumerable<(double X, double Y)> points)
    {
        Require.NotBlank(title, "A chart title");
        ArgumentNullException.ThrowIfNull(xTitle);
        ArgumentNullException.ThrowIfNull(yTitle);
        ArgumentNullException.ThrowIfNull(points);
        (double X, double Y)[] all = [.. points];
        int bad = Array.FindIndex(all, p => !double.IsFinite(p.X) || !double.IsFinite(p.Y));
        if (bad >= 0)
        {
            throw new ArgumentException(Invariant($"Every point must have finite coordinates, but point {bad} was ({all[bad].X}, {all[bad].Y})."), nameof(points));
        }

        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["x"] = PlotlyFigure.Array(all.Select(p => (JsonNode)p.X)),
                ["y"] = PlotlyFigure.Array(all.Select(p => (JsonNode)p.Y)),
                ["line"] = new JsonObject { ["color"] = PlotlyFigure.NeutralColor },
            },
        };
        JsonObject layout = PlotlyFigure.Layout(title, 360, PlotlyFigure.Axis(xTitle), PlotlyFigure.Axis(yTitle));
        IEnumerable<string> lines = all.Select(p => TextFormat.Number(p.X) + " → " + TextFormat.Number(p.Y));
        return new PlotlyChart(title, PlotlyFigure.Create(data, layout), string.Join("\n", [title, xTitle + " → " + yTitle, .. lines]));
    }
}
