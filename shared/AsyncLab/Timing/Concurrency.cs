namespace AsyncLab;

/// <summary>Counts how many operations were in flight at each moment.</summary>
public static class Concurrency
{
    /// <summary>
    /// The step function of operations in flight: one step per moment at which the count changes.
    /// Operations still running count until <paramref name="now"/>, where the last step returns to 0.
    /// An operation that ends at the very moment another starts does not overlap it.
    /// </summary>
    /// <param name="operations">The operations, for example <see cref="TimingRecorder.Operations"/>.</param>
    /// <param name="now">The current time relative to the recorder's start, such as <see cref="TimingRecorder.Elapsed"/>.</param>
    /// <example>
    /// A from 0 s to 1 s and B from 0.5 s to 2 s give (0 s, 1), (0.5 s, 2), (1 s, 1), (2 s, 0).
    /// </example>
    public static IReadOnlyList<ConcurrencyStep> Steps(IEnumerable<OperationRecord> operations, TimeSpan now)
    {
        OperationRecord[] all = Require.NoNulls(operations, "The operations");
        Require.NonNegative(now, "The current time");

        // Net change per instant: an end and a start at the same instant cancel out, which is
        // the same as letting ends happen before starts.
        var changes = new SortedDictionary<TimeSpan, int>();
        foreach (OperationRecord operation in all)
        {
            changes[operation.Start] = changes.GetValueOrDefault(operation.Start) + 1;
            TimeSpan end = EndOf(operation, now);
            changes[end] = changes.GetValueOrDefault(end) - 1;
        }

        var steps = new List<ConcurrencyStep>();
        int inFlight = 0;
        foreach (var (at, change) in changes)
        {
            if (change != 0)
            {
                inFlight += change;
                steps.Add(new ConcurrencyStep(at, inFlight));
            }
        }

        return steps;
    }

    /// <summary>When the operation ended, or <paramref name="now"/> (never before its start) if it is still running.</summary>
    internal static TimeSpan EndOf(OperationRecord operation, TimeSpan now) =>
        operation.End ?? (now > operation.Start ? now : operation.Start);

    /// <summary>The latest start or end among <paramref name="operations"/>; zero when there are none.</summary>
    internal static TimeSpan LatestInstant(IEnumerable<OperationRecord> operations) =>
        operations.Select(o => o.End ?? o.Start).DefaultIfEmpty(TimeSpan.Zero).Max();
}
