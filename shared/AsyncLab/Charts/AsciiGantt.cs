using System.Text;

namespace AsyncLab;

/// <summary>Draws a timeline with text, for outputs that cannot show HTML.</summary>
/// <example><c>A  |██████          | 0.000–1.000 s  threads 5→9  completed</c></example>
internal static class AsciiGantt
{
    private const int Width = 40;

    /// <summary>One line per lane, all on one time axis from 0 to the last end; running bars are shaded lighter.</summary>
    public static string Render(IReadOnlyList<TimelineLane> lanes)
    {
        if (lanes.Count == 0)
        {
            return "(no operations recorded)";
        }

        double axisEnd = lanes.Max(l => l.End).TotalSeconds;
        int labelWidth = lanes.Max(l => l.Label.Length);
        var text = new StringBuilder();
        foreach (TimelineLane lane in lanes)
        {
            text.Append(lane.Label.PadRight(labelWidth)).Append("  |").Append(Bar(lane, axisEnd)).Append("| ")
                .Append(TextFormat.SecondsNumber(lane.Operation.Start)).Append('–').Append(TextFormat.Seconds(lane.End))
                .Append("  threads ").Append(lane.Threads("→"))
                .Append("  ").Append(lane.OutcomeText).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static string Bar(TimelineLane lane, double axisEnd)
    {
        int start = Cell(lane.Operation.Start, axisEnd);
        int end = Cell(lane.End, axisEnd);
        if (end == start && lane.End > lane.Operation.Start)
        {
            // Too short to see at this scale: draw one cell anyway.
            (start, end) = start == Width ? (Width - 1, Width) : (start, start + 1);
        }

        char fill = lane.Operation.Outcome == OperationOutcome.Running ? '▒' : '█';
        return new string(' ', start) + new string(fill, end - start) + new string(' ', Width - end);
    }

    private static int Cell(TimeSpan at, double axisEnd) =>
        axisEnd == 0 ? 0 : (int)Math.Round(at.TotalSeconds / axisEnd * Width, MidpointRounding.AwayFromZero);
}
