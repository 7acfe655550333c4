using System.Text.Json.Nodes;

namespace AsyncLab;

/// <summary>
/// Gantt-style charts of recorded operations: one lane per operation on a time axis, coloured by
/// outcome, so sequential and concurrent code can be told apart at a glance.
/// </summary>
public static class TimelineChart
{
    private static readonly (OperationOutcome Outcome, string Name, string Color)[] Styles =
    [
        (OperationOutcome.Completed, "completed", "#2e9d5b"),
        (OperationOutcome.Faulted, "faulted", "#d64545"),
        (OperationOutcome.Canceled, "canceled", "#9e9e9e"),
        (OperationOutcome.Running, "running (drawn up to now)", "#e0a526"),
    ];

    /// <summary>A timeline of <paramref name="operations"/>; running ones are drawn up to the latest start or end among them.</summary>
    /// <param name="title">The chart's title; the elapsed time is appended, as in "Sequential — 3.004 s".</param>
    /// <param name="operations">The operations to draw, for example <see cref="TimingRecorder.Operations"/>.</param>
    /// <remarks><see cref="TimingRecorderCharts.Timeline(TimingRecorder, string)"/> draws running operations up to now instead.</remarks>
    public static PlotlyChart Create(string title, IEnumerable<OperationRecord> operations)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        return Create(title, all, Concurrency.LatestInstant(all));
    }

    /// <summary>
    /// Several recorders on ONE time axis (each measured from its own start), with lanes labelled
    /// "Group · Name": for example "Sequential" above "Concurrent".
    /// </summary>
    /// <param name="title">The chart's title; each group's elapsed time is appended.</param>
    /// <param name="groups">The groups, top to bottom, each a name and the recorder that timed it.</param>
    /// <example><c>TimelineChart.Compare("Three downloads", ("Sequential", sequential), ("Concurrent", concurrent))</c></example>
    public static PlotlyChart Compare(string title, params (string Group, TimingRecorder Recorder)[] groups)
    {
        Require.NotBlank(title, "A chart title");
        ValidateGroups(groups);

        var lanes = new List<TimelineLane>();
        var headlines = new List<string>();
        var elapsed = new List<string>();
        foreach (var (group, recorder) in groups)
        {
            var (operations, now) = recorder.Snapshot();
            TimingSummary summary = TimingSummary.Create(operations, now);
            lanes.AddRange(TimelineLane.For(operations, now, o => group + " · " + o.Name));
            headlines.Add(group + ": " + summary.Headline());
            elapsed.Add(group + " " + TextFormat.Seconds(summary.Elapsed));
        }

        string fullTitle = ChartTitle.Timed(title, string.Join(" · ", elapsed));
        return Build(fullTitle, lanes, string.Join("\n", [fullTitle, AsciiGantt.Render(lanes), .. headlines]));
    }

    /// <summary>A timeline of <paramref name="operations"/> with running ones drawn up to <paramref name="now"/>.</summary>
    internal static PlotlyChart Create(string title, IReadOnlyList<OperationRecord> operations, TimeSpan now)
    {
        Require.NotBlank(title, "A chart title");
        TimingSummary summary = TimingSummary.Create(operations, now);
        string fullTitle = ChartTitle.Timed(title, TextFormat.Seconds(summary.Elapsed));
        List<TimelineLane> lanes = [.. TimelineLane.For(operations, now, o => o.Name)];
        return Build(fullTitle, lanes, string.Join("\n", fullTitle, AsciiGantt.Render(lanes), summary));
    }

    private static void ValidateGroups((string Group, TimingRecorder Recorder)[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0)
        {
            throw new ArgumentException("Compare needs at least one (group name, recorder) pair, but none were given.", nameof(groups));
        }

        foreach (var (group, recorder) in groups)
        {
            Require.NotBlank(group, "A group name", nameof(groups));
            if (recorder is null)
            {
                throw new ArgumentNullException(nameof(groups), $"Every group needs a recorder, but the recorder of group \"{group}\" was null.");
            }
        }
    }

    private static PlotlyChart Build(string title, List<TimelineLane> lanes, string text)
    {
        var data = new JsonArray();
        foreach (var (outcome, name, color) in Styles)
        {
            var rows = lanes.Select((lane, index) => (Lane: lane, Index: index)).Where(row => row.Lane.Operation.Outcome == outcome).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var marker = new JsonObject { ["color"] = color };
            if (outcome == OperationOutcome.Running)
            {
                marker["pattern"] = new JsonObject { ["shape"] = "/" };
            }

            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["orientation"] = "h",
                ["name"] = name,
                ["y"] = PlotlyFigure.Array(rows.Select(row => (JsonNode)row.Index)),
                ["base"] = PlotlyFigure.Array(rows.Select(row => PlotlyFigure.Seconds(row.Lane.Operation.Start))),
                ["x"] = PlotlyFigure.Array(rows.Select(row => PlotlyFigure.Seconds(row.Lane.End - row.Lane.Operation.Start))),
                ["width"] = 0.6,
                ["marker"] = marker,
                ["hovertext"] = PlotlyFigure.Array(rows.Select(row => (JsonNode)HoverText(row.Lane))),
                ["hovertemplate"] = "%{hovertext}<extra></extra>",
            });
        }

        JsonObject yAxis = PlotlyFigure.CategoryAxis([.. lanes.Select(lane => lane.Label)]);
        yAxis["autorange"] = "reversed";
        JsonObject layout = PlotlyFigure.Layout(title, Math.Max(240, 120 + (32 * lanes.Count)), PlotlyFigure.Axis("seconds"), yAxis);
        layout["barmode"] = "overlay";
        return new PlotlyChart(title, PlotlyFigure.Create(data, layout), text);
    }

    private static string HoverText(TimelineLane lane)
    {
        OperationRecord operation = lane.Operation;
        bool running = operation.Outcome == OperationOutcome.Running;
        string end = running ? "still running at " + TextFormat.Seconds(lane.End) : "end " + TextFormat.Seconds(lane.End);
        string duration = (running ? "duration so far " : "duration ") + TextFormat.Seconds(lane.End - operation.Start);
        return "<b>" + Html.Encode(lane.Label) + "</b><br>start " + TextFormat.Seconds(operation.Start) + " · " + end
            + "<br>" + duration + "<br>threads " + lane.Threads(" → ") + "<br>" + Html.Encode(lane.OutcomeText);
    }
}
