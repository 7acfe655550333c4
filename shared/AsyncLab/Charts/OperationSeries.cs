namespace AsyncLab;

/// <summary>
/// Turns recorded operations into <see cref="ChartSeries"/> over time, in seconds from the recorder's start, to draw
/// several runs on one <see cref="SeriesChart"/>: how many were in flight, how many had started.
/// </summary>
/// <example>
/// <code>
/// SeriesChart.Create("Requests started", "seconds", "requests started",
///     [OperationSeries.Started("token bucket", bucket.Operations), OperationSeries.Started("fixed window", window.Operations)])
/// </code>
/// </example>
public static class OperationSeries
{
    /// <summary>Operations in flight over time, as steps that start at (0, 0); running operations count until the latest start or end.</summary>
    /// <param name="name">The name in the legend.</param>
    /// <param name="operations">The operations, for example <see cref="TimingRecorder.Operations"/>.</param>
    public static ChartSeries InFlight(string name, IEnumerable<OperationRecord> operations)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        IEnumerable<ConcurrencyStep> steps = Concurrency.Steps(all, Concurrency.LatestInstant(all));
        return new ChartSeries(name, [(0, 0), .. steps.Select(s => (s.At.TotalSeconds, (double)s.InFlight))]) { Steps = true };
    }

    /// <summary>How many operations had started by each moment: a staircase that rises by one at every start.</summary>
    /// <param name="name">The name in the legend.</param>
    /// <param name="operations">The operations, for example <see cref="TimingRecorder.Operations"/>.</param>
    public static ChartSeries Started(string name, IEnumerable<OperationRecord> operations)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        TimeSpan[] starts = [.. all.Select(o => o.Start).Order()];
        return new ChartSeries(name, [(0, 0), .. starts.Select((start, index) => (start.TotalSeconds, index + 1.0))]) { Steps = true };
    }
}
