using System.Text.Json.Nodes;

namespace AsyncLab;

/// <summary>
/// Several named lines on one chart, each in its own colour and named in the legend: occupancy over
/// time, throughput against a limit, permits granted per second. A series can use a second vertical
/// axis on the right for a quantity with another unit.
/// </summary>
public static class SeriesChart
{
    private static readonly string[] Palette = [PlotlyFigure.NeutralColor, "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d"];

    /// <summary>A chart of <paramref name="series"/>, with a legend and one colour per series.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The horizontal axis title.</param>
    /// <param name="yTitle">The left vertical axis title.</param>
    /// <param name="series">The lines; at most eight, so that each keeps a colour of its own.</param>
    /// <param name="secondaryTitle">The right vertical axis title, required when a series is <see cref="ChartSeries.OnSecondaryAxis"/>.</param>
    /// <example><c>SeriesChart.Create("Throughput and p95", "limit", "requests per second", [throughput, p95 with { OnSecondaryAxis = true }], "p95 latency (s)")</c></example>
    public static PlotlyChart Create(string title, string xTitle, string yTitle, IEnumerable<ChartSeries> series, string? secondaryTitle = null)
    {
        Require.NotBlank(title, "A chart title");
        ArgumentNullException.ThrowIfNull(xTitle);
        ArgumentNullException.ThrowIfNull(yTitle);
        ChartSeries[] all = Require.NoNulls(series, "The series");
        if (all.Length > Palette.Length)
        {
            throw new ArgumentException($"A chart can show at most {Palette.Length} series, each in its own colour, but {all.Length} were given.", nameof(series));
        }

        if (secondaryTitle is null && all.Any(s => s.OnSecondaryAxis))
        {
            throw new ArgumentException("A series is drawn on the secondary axis, so the chart needs a title for that axis.", nameof(secondaryTitle));
        }

        var data = new JsonArray([.. all.Select((s, index) => Trace(s, Palette[index]))]);
        JsonObject layout = PlotlyFigure.Layout(title, 360, PlotlyFigure.Axis(xTitle), PlotlyFigure.Axis(yTitle));
        layout["showlegend"] = true;
        if (secondaryTitle is not null)
        {
            JsonObject right = PlotlyFigure.Axis(secondaryTitle);
            right["overlaying"] = "y";
            right["side"] = "right";
            right["showgrid"] = false;
            layout["yaxis2"] = right;

            // Room on the right for the second axis's tick labels and title, which the default margin cuts off.
            layout["margin"]!["r"] = 80;
        }

        IEnumerable<string> lines = all.Select(s => s.Name + ": " + string.Join(", ", s.Points.Select(p => TextFormat.Number(p.X) + " → " + TextFormat.Number(p.Y))));
        return new PlotlyChart(title, PlotlyFigure.Create(data, layout), string.Join("\n", [title, xTitle + " → " + yTitle, .. lines]));
    }

    private static JsonObject Trace(ChartSeries series, string color) => new()
    {
        ["type"] = "scatter",
        ["mode"] = series.MarkersOnly ? "markers" : series.Steps ? "lines" : "lines+markers",
        ["name"] = Html.Encode(series.Name),
        ["x"] = PlotlyFigure.Array(series.Points.Select(p => (JsonNode)p.X)),
        ["y"] = PlotlyFigure.Array(series.Points.Select(p => (JsonNode)p.Y)),
        ["yaxis"] = series.OnSecondaryAxis ? "y2" : "y",
        ["line"] = new JsonObject { ["color"] = color, ["shape"] = series.Steps ? "hv" : "linear" },
    };
}
