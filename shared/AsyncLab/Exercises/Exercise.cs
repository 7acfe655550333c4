using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Runs a learner's attempt at an exercise against fresh <see cref="SimulatedIO"/> and checks its
/// behaviour. A check never throws because of an unsolved exercise: an exception, a
/// <see cref="NotImplementedException"/> or a hang all become "not yet".
/// </summary>
/// <remarks>
/// Called inside <see cref="VirtualTimeLoop"/>, a check runs the attempt on the loop with the virtual
/// clock: the measured times are exact, and <see cref="Timeout"/> is virtual time. Elsewhere the attempt
/// runs on the thread pool with the real clock, so that an attempt that blocks cannot block the check.
/// </remarks>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Fetch both at once",
///     io => Task.WhenAll(io.FetchAsync("A", TimeSpan.FromSeconds(1)), io.FetchAsync("B", TimeSpan.FromSeconds(1))),
///     Expect.Operations(2), Expect.AllAtOnce());
/// </code>
/// </example>
public static class Exercise
{
    private static readonly TimeSpan s_maximumTimeout = TimeSpan.FromDays(1);
    private static TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an attempt may run before it counts as hanging; 30 seconds unless changed (virtual seconds inside <see cref="VirtualTimeLoop"/>).</summary>
    public static TimeSpan Timeout
    {
        get => s_timeout;
        set
        {
            if (value <= TimeSpan.Zero || value > s_maximumTimeout)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The exercise timeout must be greater than zero and at most one day, but was {value}."));
            }

            s_timeout = value;
        }
    }

    /// <summary>Runs <paramref name="attempt"/> and checks it: first that it finished without an exception, then <paramref name="expectations"/>.</summary>
    /// <param name="title">The exercise's title, shown in the result.</param>
    /// <param name="attempt">The learner's code, given fresh simulated I/O to use.</param>
    /// <param name="expectations">What the attempt's behaviour must show, usually from <see cref="Expect"/>.</param>
    public static Task<CheckResult> CheckAsync(string title, Func<SimulatedIO, Task> attempt, params Expectation[] expectations) =>
        CheckAsync(title, attempt, new SimulatedIO(new TimingRecorder()), Timeout, expectations);

    /// <summary>Runs <paramref name="attempt"/>, which returns a value, and checks it (use <see cref="Expect.Result(object?)"/> for the value).</summary>
    /// <param name="title">The exercise's title, shown in the result.</param>
    /// <param name="attempt">The learner's code, given fresh simulated I/O to use.</param>
    /// <param name="expectations">What the attempt's behaviour must show, usually from <see cref="Expect"/>.</param>
    public static Task<CheckResult> CheckAsync<T>(string title, Func<SimulatedIO, Task<T>> attempt, params Expectation[] expectations) =>
        CheckAsync(title, attempt, new SimulatedIO(new TimingRecorder()), Timeout, expectations);

    /// <summary>Checks an attempt that uses <paramref name="io"/> (and its recorder's clock), timing out after <paramref name="timeout"/>.</summary>
    internal static Task<CheckResult> CheckAsync(string title, Func<SimulatedIO, Task> attempt, SimulatedIO io, TimeSpan timeout, params Expectation[] expectations)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return CheckCoreAsync(title, async simulatedIO =>
        {
            await NotNull(attempt(simulatedIO));
            return null;
        }, io, timeout, expectations);
    }

    /// <summary>Checks an attempt that returns a value, using <paramref name="io"/> and timing out after <paramref name="timeout"/>.</summary>
    internal static Task<CheckResult> CheckAsync<T>(string title, Func<SimulatedIO, Task<T>> attempt, SimulatedIO io, TimeSpan timeout, params Expectation[] expectations)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return CheckCoreAsync(title, async simulatedIO => await NotNull(attempt(simulatedIO)), io, timeout, expectations);
    }

    private static Task<CheckResult> CheckCoreAsync(string title, Func<SimulatedIO, Task<object?>> attempt, SimulatedIO io, TimeSpan timeout, Expectation[] expectations)
    {
        Require.NotBlank(title, "An exercise title");
        Expectation[] checks = [Expect.NoException(), .. Require.NoNulls(expectations, "The expectations").Where(e => e != Expect.NoException())];
        return RunAndJudgeAsync(title, attempt, io, timeout, checks);
    }

    private static async Task<CheckResult> RunAndJudgeAsync(string title, Func<SimulatedIO, Task<object?>> attempt, SimulatedIO io, TimeSpan timeout, Expectation[] checks)
    {
        TimeProvider time = io.Recorder.TimeProvider;
        long started = time.GetTimestamp();
        using var stopTimeout = new CancellationTokenSource();
        Task timeoutElapsed = Task.Delay(timeout, time, stopTimeout.Token);

        // On the thread pool, so that an attempt that blocks its thread cannot block the check; but on
        // a virtual time loop the attempt must stay on the loop, where its timers fire and its time is exact.
        Task<object?> attemptTask = VirtualTimeLoop.IsRunning ? attempt(io) : Task.Run(() => attempt(io));
        bool timedOut = await Task.WhenAny(attemptTask, timeoutElapsed) != attemptTask;
        stopTimeout.Cancel();

        object? result = null;
        Exception? exception = null;
        if (!timedOut)
        {
            try
            {
                result = await attemptTask;
            }
            catch (Exception thrown)
            {
                exception = thrown;
            }
        }

        var run = new ExerciseRun(io.Recorder, result, exception, timedOut, time.GetElapsedTime(started));
        ExpectationOutcome[] outcomes = [.. checks.Select(check => check.Evaluate(run))];
        int firstUnmet = Array.FindIndex(outcomes, outcome => !outcome.Met);
        string? hint = firstUnmet < 0 ? null : checks[firstUnmet].Hint + " (measured: " + outcomes[firstUnmet].Measured + ")";
        return new CheckResult(title, outcomes, hint);
    }

    private static TTask NotNull<TTask>(TTask? task)
        where TTask : Task =>
        task ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the lambda async.");
}
