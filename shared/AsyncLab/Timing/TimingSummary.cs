using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Counts, totals and overlap of a set of recorded operations: the numbers that tell sequential
/// code (elapsed ≈ sum of durations) from concurrent code (elapsed ≈ longest duration).
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed record TimingSummary : IHtmlFormattable
{
    private TimingSummary()
    {
    }

    /// <summary>How many operations were recorded.</summary>
    public int Count { get; private init; }

    /// <summary>How many are still running.</summary>
    public int Running { get; private init; }

    /// <summary>How many completed successfully.</summary>
    public int Completed { get; private init; }

    /// <summary>How many ended with an exception.</summary>
    public int Faulted { get; private init; }

    /// <summary>How many were canceled.</summary>
    public int Canceled { get; private init; }

    /// <summary>From the first start to the last end (running operations count until now); zero when there are none.</summary>
    public TimeSpan Elapsed { get; private init; }

    /// <summary>The durations added up: what the operations would take one after another.</summary>
    public TimeSpan SumOfDurations { get; private init; }

    /// <summary>The longest duration: the least the operations can take even when they all overlap.</summary>
    public TimeSpan Longest { get; private init; }

    /// <summary>The most operations in flight at the same moment.</summary>
    public int PeakConcurrency { get; private init; }

    /// <summary><see cref="SumOfDurations"/> divided by <see cref="Elapsed"/>: how many were in flight on average (0 when elapsed is 0).</summary>
    public double AverageConcurrency { get; private init; }

    /// <summary>The total time during which at least two operations were in flight.</summary>
    public TimeSpan OverlapTime { get; private init; }

    /// <summary>True when some operations ran at the same time (<see cref="OverlapTime"/> is positive).</summary>
    public bool Overlapped => OverlapTime > TimeSpan.Zero;

    /// <summary>Summarizes any set of operations, for example a filtered part of <see cref="TimingRecorder.Operations"/>.</summary>
    /// <param name="operations">The operations to summarize.</param>
    /// <param name="now">The current time relative to the recorder's start; running operations count until then.</param>
    public static TimingSummary Create(IEnumerable<OperationRecord> operations, TimeSpan now)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        IReadOnlyList<ConcurrencyStep> steps = Concurrency.Steps(all, now);
        TimeSpan[] durations = [.. all.Select(o => Concurrency.EndOf(o, now) - o.Start)];
        TimeSpan elapsed = all.Length == 0
            ? TimeSpan.Zero
            : all.Max(o => Concurrency.EndOf(o, now)) - all.Min(o => o.Start);
        TimeSpan sum = TimeSpan.FromTicks(durations.Sum(d => d.Ticks));

        return new TimingSummary
        {
            Count = all.Length,
            Running = all.Count(o => o.Outcome == OperationOutcome.Running),
            Completed = all.Count(o => o.Outcome == OperationOutcome.Completed),
            Faulted = all.Count(o => o.Outcome == OperationOutcome.Faulted),
            Canceled = all.Count(o => o.Outcome == OperationOutcome.Canceled),
            Elapsed = elapsed,
            SumOfDurations = sum,
            Longest = durations.DefaultIfEmpty(TimeSpan.Zero).Max(),
            PeakConcurrency = steps.Select(s => s.InFlight).DefaultIfEmpty(0).Max(),
            AverageConcurrency = elapsed > TimeSpan.Zero ? sum / elapsed : 0,
            OverlapTime = TimeSpan.FromTicks(steps.Zip(steps.Skip(1))
                .Where(pair => pair.First.InFlight >= 2)
                .Sum(pair => (pair.Second.At - pair.First.At).Ticks)),
        };
    }

    /// <summary>
    /// Two lines, for example "3 operations in 2.004 s; sum of durations 3.001 s; peak 2 in flight;
    /// average 1.50; overlapped for 0.998 s" then "2 completed, 1 faulted".
    /// </summary>
    public override string ToString() => Headline() + "\n" + Outcomes();

    /// <summary>The summary as a small self-contained HTML table.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table style=\"border-collapse:collapse;margin:4px 0;font-size:0.95em\">");
        html.Append("<caption style=\"text-align:left;font-weight:600;padding-bottom:4px\">")
            .Append(Html.Encode(TextFormat.Count(Count, "operation") + " in " + TextFormat.Seconds(Elapsed)))
            .Append("</caption>");
        Row(html, "Outcomes", Outcomes());
        Row(html, "Elapsed (first start → last end)", TextFormat.Seconds(Elapsed));
        Row(html, "Sum of durations", TextFormat.Seconds(SumOfDurations));
        Row(html, "Longest", TextFormat.Seconds(Longest));
        Row(html, "Peak in flight", PeakConcurrency.ToString(CultureInfo.InvariantCulture));
        Row(html, "Average in flight", AverageConcurrency.ToString("0.00", CultureInfo.InvariantCulture));
        Row(html, "Overlapped for", TextFormat.Seconds(OverlapTime));
        return html.Append("</table>").ToString();
    }

    /// <summary>The first line of <see cref="ToString"/>.</summary>
    internal string Headline() => Invariant(
        $"{TextFormat.Count(Count, "operation")} in {TextFormat.Seconds(Elapsed)}; sum of durations {TextFormat.Seconds(SumOfDurations)}; peak {PeakConcurrency} in flight; average {AverageConcurrency:0.00}; overlapped for {TextFormat.Seconds(OverlapTime)}");

    private string Outcomes()
    {
        (int Count, string Label)[] outcomes =
            [(Completed, "completed"), (Faulted, "faulted"), (Canceled, "canceled"), (Running, "still running")];
        return Count == 0
            ? "nothing recorded yet"
            : string.Join(", ", outcomes.Where(o => o.Count > 0).Select(o => Invariant($"{o.Count} {o.Label}")));
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td style=\"padding:2px 16px 2px 0;opacity:0.75\">").Append(Html.Encode(label))
            .Append("</td><td style=\"padding:2px 0;font-variant-numeric:tabular-nums\">").Append(Html.Encode(value))
            .Append("</td></tr>");
}
