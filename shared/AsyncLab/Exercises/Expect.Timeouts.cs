using static System.FormattableString;

namespace AsyncLab;

/// <summary>Expectations for timeouts: that work was stopped, not only no longer waited for, and that the attempt gave up in time.</summary>
public static partial class Expect
{
    private static readonly TimeSpan s_maximumBound = TimeSpan.FromDays(1);

    /// <summary>
    /// Every operation with one of <paramref name="names"/> was recorded and had ended canceled when the attempt
    /// returned. An operation that was only no longer awaited (with <c>WaitAsync</c>) is still running, and fails this.
    /// </summary>
    /// <param name="names">The names of the operations that must end canceled, at least one.</param>
    /// <example><c>Expect.Canceled("quote")</c></example>
    public static Expectation Canceled(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("At least one operation name is needed, but none was given.", nameof(names));
        }

        for (int index = 0; index < names.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(names[index]))
            {
                throw new ArgumentException(Invariant($"Every operation name must contain at least one visible character, but the name at index {index} was \"{names[index]}\"."), nameof(names));
            }
        }

        string[] copy = [.. names];
        return new Expectation(
            Invariant($"{Quoted(copy)} {(copy.Length == 1 ? "is" : "are")} canceled by the time your code returns"),
            run =>
            {
                string[] states = [.. copy.Select(name => DescribeOutcome(run.Operations, name))];
                bool met = copy.All(name => run.Operations.Any(o => o.Name == name)
                    && run.Operations.Where(o => o.Name == name).All(o => o.Outcome == OperationOutcome.Canceled));
                return (met, string.Join("; ", states));
            },
            "An operation that had to be stopped was still running or ran to its end. Waiting less (WaitAsync) does not stop the work: "
            + "pass a CancellationToken to the operation and cancel its source (CancelAfter, or Cancel), then await the operation.");
    }

    /// <summary>The attempt returned within <paramref name="bound"/>, measured on the recorder's clock.</summary>
    /// <param name="bound">The longest the attempt may take; greater than zero and at most one day. Leave a generous margin.</param>
    /// <example><c>Expect.FinishedWithin(TimeSpan.FromSeconds(1.5))</c></example>
    public static Expectation FinishedWithin(TimeSpan bound)
    {
        if (bound <= TimeSpan.Zero || bound > s_maximumBound)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), Invariant($"The time bound must be greater than zero and at most one day, but was {bound}."));
        }

        return new Expectation(
            "Returns within " + TextFormat.Seconds(bound),
            run => (!run.TimedOut && run.WallTime <= bound, "returned after " + TextFormat.Seconds(run.WallTime)),
            "Your code took longer than the deadline allows: make sure the deadline covers every step, and that the operations get the token that carries it.");
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => "\"" + name + "\""));

    private static string DescribeOutcome(IReadOnlyList<OperationRecord> operations, string name)
    {
        OperationOutcome[] outcomes = [.. operations.Where(o => o.Name == name).Select(o => o.Outcome)];
        return outcomes.Length == 0
            ? "\"" + name + "\" never started"
            : "\"" + name + "\" " + string.Join(", ", outcomes.Select(o => o.ToString().ToLowerInvariant()));
    }
}
