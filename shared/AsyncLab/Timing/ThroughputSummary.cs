using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// How much a set of requests got done and how long each one waited: completed requests per second and
/// latency percentiles. The numbers of a load test, and of Little's law: in flight on average =
/// throughput × latency.
/// </summary>
/// <example>
/// <code>
/// ThroughputSummary.Create(recorder.Operations)   // 64 requests in 1.600 s: 40.0 completed per second; mean 0.200 s, p50 0.200 s, p95 0.200 s; ...
/// </code>
/// </example>
public sealed record ThroughputSummary
{
    private ThroughputSummary()
    {
    }

    /// <summary>How many requests were recorded.</summary>
    public int Requests { get; private init; }

    /// <summary>How many completed successfully.</summary>
    public int Completed { get; private init; }

    /// <summary>How many ended with an exception, such as a refusal.</summary>
    public int Faulted { get; private init; }

    /// <summary>From the first start to the last end of the ended requests; zero when none has ended.</summary>
    public TimeSpan Elapsed { get; private init; }

    /// <summary>Completed requests per second of <see cref="Elapsed"/>; 0 when elapsed is 0.</summary>
    public double Throughput { get; private init; }

    /// <summary>The mean duration of the completed requests: the latency in Little's law; zero when none completed.</summary>
    public TimeSpan Mean { get; private init; }

    /// <summary>The median duration of the completed requests; zero when none completed.</summary>
    public TimeSpan P50 { get; private init; }

    /// <summary>The 95th percentile duration of the completed requests: 95 % took at most this long; zero when none completed.</summary>
    public TimeSpan P95 { get; private init; }

    /// <summary>The sum of all ended durations divided by <see cref="Elapsed"/>: how many were in flight on average.</summary>
    public double AverageInFlight { get; private init; }

    /// <summary>Summarizes <paramref name="operations"/>; requests still running are left out.</summary>
    /// <param name="operations">The requests, for example <see cref="TimingRecorder.Operations"/>.</param>
    public static ThroughputSummary Create(IEnumerable<OperationRecord> operations)
    {
        OperationRecord[] ended = [.. Require.NoNulls(operations, "The operations").Where(o => o.End is not null)];
        TimeSpan[] completed = [.. ended.Where(o => o.Outcome == OperationOutcome.Completed).Select(o => o.Duration!.Value)];
        TimeSpan elapsed = ended.Length == 0 ? TimeSpan.Zero : ended.Max(o => o.End!.Value) - ended.Min(o => o.Start);
        double seconds = elapsed.TotalSeconds;
        return new ThroughputSummary
        {
            Requests = ended.Length,
            Completed = completed.Length,
            Faulted = ended.Count(o => o.Outcome == OperationOutcome.Faulted),
            Elapsed = elapsed,
            Throughput = seconds > 0 ? completed.Length / seconds : 0,
            Mean = completed.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)completed.Average(d => d.Ticks)),
            P50 = completed.Length == 0 ? TimeSpan.Zero : Percentile(completed, 50),
            P95 = completed.Length == 0 ? TimeSpan.Zero : Percentile(completed, 95),
            AverageInFlight = seconds > 0 ? ended.Sum(o => o.Duration!.Value.TotalSeconds) / seconds : 0,
        };
    }

    /// <summary>The nearest-rank percentile: the smallest value that at least <paramref name="percent"/> % of the values do not exceed.</summary>
    /// <param name="values">At least one duration.</param>
    /// <param name="percent">Greater than 0 and at most 100, such as 95.</param>
    /// <example><c>ThroughputSummary.Percentile([1 s, 2 s, 3 s, 4 s], 50)</c> is 2 s.</example>
    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), Invariant($"The percentile must be greater than 0 and at most 100, such as 95, but was {percent}."));
        }

        TimeSpan[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A percentile needs at least one value, but none was given.", nameof(values));
        }

        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>"64 requests in 1.600 s: 40.0 completed per second; mean 0.200 s, p50 0.200 s, p95 0.200 s; 8.00 in flight on average; 0 faulted".</summary>
    public override string ToString() => Invariant(
        $"{TextFormat.Count(Requests, "request")} in {TextFormat.Seconds(Elapsed)}: {Throughput:0.0} completed per second; mean {TextFormat.Seconds(Mean)}, p50 {TextFormat.Seconds(P50)}, p95 {TextFormat.Seconds(P95)}; {AverageInFlight:0.00} in flight on average; {Faulted} faulted");
}
