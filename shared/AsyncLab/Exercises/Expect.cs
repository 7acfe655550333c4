using System.Collections;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Ready-made <see cref="Expectation"/>s for exercise checks. Each one measures behaviour (what ran
/// when), not code, so any correct solution passes.
/// </summary>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Download all three at once", MyAttempt,
///     Expect.Operations(3), Expect.AllAtOnce(), Expect.TotalNearLongest());
/// </code>
/// </example>
public static partial class Expect
{
    private static readonly Expectation s_noException = new(
        "Runs to the end without an unexpected exception",
        run => run switch
        {
            { TimedOut: true } => (false, "did not finish within " + TextFormat.Seconds(run.WallTime)),
            { Exception: { } exception } => (false, exception.GetType().Name + ": " + exception.Message),
            _ => (true, "ended after " + TextFormat.Seconds(run.WallTime)),
        },
        "Your code threw an exception or never finished: replace any `throw new NotImplementedException()` with your solution, "
        + "and make sure every task you await can complete.");

    /// <summary>Exactly <paramref name="count"/> operations were recorded.</summary>
    /// <param name="count">The expected number of operations, zero or more.</param>
    public static Expectation Operations(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), Invariant($"The expected number of operations must be zero or positive, but was {count}."));
        }

        return new Expectation(
            Invariant($"Records exactly {TextFormat.Count(count, "operation")}"),
            run => (run.Summary.Count == count, TextFormat.Count(run.Summary.Count, "operation") + " recorded"),
            Invariant($"The number of recorded operations differs from {count}: every call to an io method records one, so call each of them exactly once."));
    }

    /// <summary>At least two operations were in flight at the same moment.</summary>
    public static Expectation Overlap() => new(
        "At least two operations are in flight at the same time",
        run => (run.Summary.Overlapped, Invariant($"peak {run.Summary.PeakConcurrency} in flight; overlapped for {TextFormat.Seconds(run.Summary.OverlapTime)}")),
        "The peak number of operations in flight never reached 2: each operation started only after the previous one had finished. "
        + "Start the next operation before awaiting the previous one.");

    /// <summary>Every operation was in flight together at some moment (the peak equals the count).</summary>
    public static Expectation AllAtOnce() => new(
        "All operations are in flight at the same time",
        run => (run.Summary.Count > 0 && run.Summary.PeakConcurrency == run.Summary.Count,
            Invariant($"peak {run.Summary.PeakConcurrency} of {run.Summary.Count} in flight")),
        "The peak number in flight was lower than the number of operations: some started only after others had finished. "
        + "Start every operation first, keep the tasks, then await them all (for example with Task.WhenAll).");

    /// <summary>
    /// The elapsed time is closer to the longest operation than to the sum of all durations: the
    /// operations overlapped instead of waiting for each other.
    /// </summary>
    public static Expectation TotalNearLongest() => new(
        "The total time is close to the longest operation, not to the sum of all of them",
        run => (run.Summary.Count > 0 && run.Summary.Elapsed <= Midpoint(run.Summary), Durations(run.Summary)),
        "The elapsed time was closer to the sum of the durations than to the longest one, so the operations waited for each other. "
        + "Start them all before awaiting any of them.");

    /// <summary>
    /// The elapsed time is closer to the sum of all durations than to the longest one: the operations
    /// ran one after another. For exercises that must stay sequential.
    /// </summary>
    public static Expectation TotalNearSum() => new(
        "The operations run one after another (the total time is close to the sum of their durations)",
        run => (run.Summary.Count > 0 && run.Summary.Elapsed >= Midpoint(run.Summary), Durations(run.Summary)),
        "The elapsed time was closer to the longest duration than to their sum, so the operations overlapped. "
        + "Here each one must finish before the next starts: await each operation before starting the next.");

    /// <summary>Never more than <paramref name="limit"/> operations were in flight at once.</summary>
    /// <param name="limit">The largest allowed number in flight, at least 1.</param>
    public static Expectation AtMostInFlight(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), Invariant($"The limit of operations in flight must be at least 1, but was {limit}."));
        }

        return new Expectation(
            Invariant($"At most {limit} in flight at once"),
            run => (run.Summary.PeakConcurrency <= limit, Invariant($"peak {run.Summary.PeakConcurrency} in flight")),
            Invariant($"The peak number of operations in flight was above {limit}: wait for a free slot (for example with a SemaphoreSlim) before starting another operation."));
    }

    /// <summary>The attempt returned <paramref name="expected"/> (compared with Equals, or item by item for sequences other than strings).</summary>
    /// <param name="expected">The value the attempt must return.</param>
    public static Expectation Result(object? expected) => new(
        "Returns " + ValueText.Format(expected),
        run => (SameValue(expected, run.Result), "returned " + ValueText.Format(run.Result)),
        "The returned value differs from the expected one: compare the two above, including the order of items.");

    /// <summary>No operation was still running when the attempt returned: every started task was awaited.</summary>
    public static Expectation NothingRunning() => new(
        "Every operation has finished when your code returns",
        run =>
        {
            string[] running = [.. run.Operations.Where(o => o.Outcome == OperationOutcome.Running).Select(o => o.Name)];
            return (running.Length == 0, running.Length == 0 ? "none still running" : Invariant($"{running.Length} still running: {string.Join(", ", running)}"));
        },
        "Some operations were still running when your code returned: await every task you start, because a task nobody awaits may not have finished.");

    /// <summary>The attempt finished in time without throwing. <see cref="Exercise"/> checks this first, always.</summary>
    public static Expectation NoException() => s_noException;

    private static TimeSpan Midpoint(TimingSummary summary) => summary.Longest + ((summary.SumOfDurations - summary.Longest) / 2);

    private static string Durations(TimingSummary summary) =>
        "elapsed " + TextFormat.Seconds(summary.Elapsed) + "; longest " + TextFormat.Seconds(summary.Longest)
        + "; sum " + TextFormat.Seconds(summary.SumOfDurations);

    private static bool SameValue(object? expected, object? actual) =>
        (expected, actual) is (IEnumerable expectedItems and not string, IEnumerable actualItems and not string)
            ? expectedItems.Cast<object?>().SequenceEqual(actualItems.Cast<object?>())
            : Equals(expected, actual);
}
