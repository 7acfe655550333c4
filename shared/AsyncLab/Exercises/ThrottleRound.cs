using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// One run of a learner's throttling method in a <see cref="ThrottleDrill"/>: the data it was given (items, a limit,
/// perhaps a failing item or a cancel), and what it did with them.
/// </summary>
public sealed class ThrottleRound
{
    internal ThrottleRound(string title, int limit, IReadOnlyList<string> items, IReadOnlyList<TimeSpan> latencies)
    {
        Title = title;
        Limit = limit;
        Items = items;
        Latencies = latencies;
        Predicted = PredictSlidingWindow(latencies, limit);
    }

    /// <summary>What the round tests, such as "9 items, limit 3".</summary>
    public string Title { get; }

    /// <summary>The limit the method was given; the service refuses requests beyond it.</summary>
    public int Limit { get; }

    /// <summary>The items the method was given, in order.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Each item's latency, scaled, in the order of <see cref="Items"/>.</summary>
    public IReadOnlyList<TimeSpan> Latencies { get; }

    /// <summary>
    /// How long the items take when a new one starts as soon as one of <see cref="Limit"/> slots is free, in order:
    /// the time a correct method needs.
    /// </summary>
    public TimeSpan Predicted { get; }

    /// <summary>The item whose request fails, or null.</summary>
    public string? FailingItem { get; internal init; }

    /// <summary>The responses a correct method returns, in item order; null for rounds whose method returns nothing, or that fail.</summary>
    public IReadOnlyList<string>? ExpectedResult { get; internal init; }

    /// <summary>When the token is canceled, from the call (scaled); null when it is not, zero when it is canceled before the call.</summary>
    public TimeSpan? CancelAfter { get; internal init; }

    /// <summary>When the token was actually canceled, on the round's clock; null when it was not.</summary>
    public TimeSpan? CanceledAt { get; internal set; }

    /// <summary>How long the call took to hand back its task: the time it blocked the caller's thread (real time).</summary>
    public TimeSpan ReturnedTaskAfter { get; internal set; }

    /// <summary>From the call until its task ended, on the round's clock.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>What the method returned, or null.</summary>
    public object? Result { get; internal set; }

    /// <summary>What the method threw, or null.</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>True when the method had not finished within the round's time limit.</summary>
    public bool TimedOut { get; internal set; }

    /// <summary>The requests as recorded when the method's task ended (or timed out).</summary>
    public IReadOnlyList<OperationRecord> Operations { get; internal set; } = [];

    /// <summary>How many requests the service refused because more than <see cref="Limit"/> were in flight.</summary>
    public int Refused { get; internal set; }

    /// <summary>The most requests in flight at once, from <see cref="Operations"/>.</summary>
    public int PeakInFlight => TimingSummary.Create(Operations, Operations.Select(o => o.End ?? o.Start).DefaultIfEmpty().Max()).PeakConcurrency;

    /// <summary>The shortest latency among the first <see cref="Limit"/> items: a method that blocks until a slot is free blocks at least this long.</summary>
    public TimeSpan ShortestFirstWave => Latencies.Take(Limit).DefaultIfEmpty().Min();

    /// <summary>"9 items, limit 3: 1.203 s (1.200 s predicted), peak 3".</summary>
    public override string ToString() =>
        Invariant($"{Title}: {(TimedOut ? "did not finish" : TextFormat.Seconds(Elapsed))} ({TextFormat.Seconds(Predicted)} predicted), peak {PeakInFlight}");

    /// <summary>List scheduling: each item, in order, takes the slot that frees first.</summary>
    internal static TimeSpan PredictSlidingWindow(IReadOnlyList<TimeSpan> latencies, int limit)
    {
        var slots = new PriorityQueue<TimeSpan, TimeSpan>();
        for (int slot = 0; slot < limit; slot++)
        {
            slots.Enqueue(TimeSpan.Zero, TimeSpan.Zero);
        }

        TimeSpan end = TimeSpan.Zero;
        foreach (TimeSpan latency in latencies)
        {
            TimeSpan free = slots.Dequeue();
            TimeSpan done = free + latency;
            end = end > done ? end : done;
            slots.Enqueue(done, done);
        }

        return end;
    }
}
