using System.Text.Json.Nodes;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>A step chart of how many operations were in flight over time, with the peak and the average.</summary>
public static class ConcurrencyChart
{
    /// <summary>Operations in flight over time; running ones count up to the latest start or end among them.</summary>
    /// <param name="title">The chart's title; the peak and average are appended.</param>
    /// <param name="operations">The operations, for example <see cref="TimingRecorder.Operations"/>.</param>
    /// <remarks><see cref="TimingRecorderCharts.ConcurrencyChart(TimingRecorder, string)"/> counts running operations up to now instead.</remarks>
    public static PlotlyChart Create(string title, IEnumerable<OperationRecord> operations)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        return Create(title, all, Concurrency.LatestInstant(all));
    }

    /// <summary>Operations in flight over time, with running ones counted up to <paramref name="now"/>.</summary>
    internal static PlotlyChart Create(string title, IReadOnlyList<OperationRecord> operations, TimeSpan now)
    {
        Require.NotBlank(title, "A chart title");
        TimingSummary summary = TimingSummary.Create(operations, now);
        string fullTitle = ChartTitle.Timed(title, Invariant($"peak {summary.PeakConcurrency} in flight, average {summary.AverageConcurrency:0.00}"));
        ConcurrencyStep[] steps = [new(TimeSpan.Zero, 0), .. Concurrency.Steps(operations, now)];

        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["name"] = "in flight",
                ["x"] = PlotlyFigure.Array(steps.Select(s => PlotlyFigure.Seconds(s.At))),
                ["y"] = PlotlyFigure.Array(steps.Select(s => (JsonNode)s.InFlight)),
                ["line"] = new JsonObject { ["shape"] = "hv", ["width"] = 2, ["color"] = PlotlyFigure.NeutralColor },
                ["fill"] = "tozeroy",
                ["hovertemplate"] = "%{y} in flight from %{x:.3f} s<extra></extra>",
            },
        };
        if (operations.Count > 0)
        {
            TimeSpan first = operations.Min(o => o.Start);
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["name"] = Invariant($"average {summary.AverageConcurrency:0.00}"),
                ["x"] = PlotlyFigure.Array([PlotlyFigure.Seconds(first), PlotlyFigure.Seconds(first + summary.Elapsed)]),
                ["y"] = PlotlyFigure.Array([summary.AverageConcurrency, summary.AverageConcurrency]),
                ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "#888888" },
                ["hoverinfo"] = "name",
            });
        }

        JsonObject yAxis = PlotlyFigure.Axis("operations in flight");
        yAxis["dtick"] = 1;
        yAxis["tickformat"] = "d";
        JsonObject layout = PlotlyFigure.Layout(fullTitle, 320, PlotlyFigure.Axis("seconds"), yAxis);
        string text = string.Join("\n",
            fullTitle,
            "in flight: " + string.Join(", ", steps.Select(s => Invariant($"{TextFormat.Seconds(s.At)} → {s.InFlight}"))),
            summary);
        return new PlotlyChart(fullTitle, PlotlyFigure.Create(data, layout), text);
    }
}
