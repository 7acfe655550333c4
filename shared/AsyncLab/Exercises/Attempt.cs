using static System.FormattableString;

namespace AsyncLab;

/// <summary>Wraps an attempt for <see cref="Exercise.CheckAsync(string, Func{SimulatedIO, Task}, Expectation[])"/> when the exercise is about how it reacts to something.</summary>
public static class Attempt
{
    /// <summary>The result of <see cref="CanceledAfter"/> when the attempt threw an <see cref="OperationCanceledException"/> for its token: "canceled".</summary>
    public const string Canceled = "canceled";

    /// <summary>The result of <see cref="CanceledAfter"/> when the attempt returned normally: "finished".</summary>
    public const string Finished = "finished";

    /// <summary>
    /// Runs <paramref name="attempt"/> with a token that is canceled after <paramref name="delay"/> (on the recorder's
    /// clock) and returns <see cref="Canceled"/> if the attempt let the cancellation surface as an
    /// <see cref="OperationCanceledException"/> after the token was canceled, <see cref="Finished"/> if it returned normally. Any other
    /// exception propagates, so the check reports it.
    /// </summary>
    /// <param name="delay">How long after the start to cancel, greater than zero and at most one day.</param>
    /// <param name="attempt">The learner's code, given simulated I/O and the token to observe.</param>
    /// <example>
    /// <code>
    /// await Exercise.CheckAsync("Closes on cancel", Attempt.CanceledAfter(TimeSpan.FromSeconds(0.5), (io, token) => CopyAsync(io, connections, token)),
    ///     Expect.Result(Attempt.Canceled), Expect.AllClosed(connections))
    /// </code>
    /// </example>
    public static Func<SimulatedIO, Task<string>> CanceledAfter(TimeSpan delay, Func<SimulatedIO, CancellationToken, Task> attempt)
    {
        if (delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), Invariant($"The delay before canceling must be greater than zero and at most one day, but was {delay}."));
        }

        ArgumentNullException.ThrowIfNull(attempt);
        return async io =>
        {
            ArgumentNullException.ThrowIfNull(io);
            using var cancellation = new CancellationTokenSource(delay, io.Recorder.TimeProvider);
            try
            {
                await (attempt(io, cancellation.Token) ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the lambda async."));
                return Finished;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return Canceled;
            }
        };
    }
}
