using static System.FormattableString;

namespace AsyncLab;

/// <summary>What the chapters' checks share: times at the latency scale, values the learner cannot guess, and outcome wrappers.</summary>
internal static class CheckData
{
    /// <summary><paramref name="seconds"/> at the current latency scale, as the simulated operations wait them.</summary>
    public static TimeSpan Scaled(double seconds) => LatencyScale.Apply(TimeSpan.FromSeconds(seconds), LatencyScale.Current);

    /// <summary>A number the learner's code cannot know in advance, to make each value unique.</summary>
    public static int Tag() => Random.Shared.Next(100, 1000);

    /// <summary>
    /// Awaits <paramref name="call"/> with a token canceled after <paramref name="cancelAfter"/> (never when null) on
    /// <paramref name="io"/>'s clock, and turns how it ended into a value: its result (or <see cref="Attempt.Finished"/>),
    /// <see cref="Attempt.Canceled"/> when it let that cancellation through, or "failed: message" for a
    /// <see cref="SimulatedFailureException"/>. Anything else propagates, so the check reports it.
    /// </summary>
    public static async Task<object?> OutcomeAsync<T>(SimulatedIO io, TimeSpan? cancelAfter, Func<CancellationToken, Task<T>> call)
    {
        using var caller = cancelAfter is TimeSpan after ? new CancellationTokenSource(after, io.Recorder.TimeProvider) : new CancellationTokenSource();
        try
        {
            T result = await (call(caller.Token) ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the method async."));
            return result;
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            return Attempt.Canceled;
        }
        catch (SimulatedFailureException failure)
        {
            return "failed: " + failure.Message;
        }
    }

    /// <summary>Like <see cref="OutcomeAsync{T}"/> for a call that returns no value: <see cref="Attempt.Finished"/> when it ends normally.</summary>
    public static Task<object?> OutcomeAsync(SimulatedIO io, TimeSpan? cancelAfter, Func<CancellationToken, Task> call) =>
        OutcomeAsync<string>(io, cancelAfter, async token =>
        {
            await (call(token) ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the method async."));
            return Attempt.Finished;
        });

    /// <summary>The operation called <paramref name="name"/> lasted at least <paramref name="seconds"/> (at the latency scale, less 10 %).</summary>
    public static Expectation Lasted(string name, double seconds) => new(
        Invariant($"\"{name}\" takes the {seconds} s it was given"),
        run =>
        {
            OperationRecord? operation = run.Operations.FirstOrDefault(o => o.Name == name);
            TimeSpan expected = Scaled(seconds);
            return operation?.Duration is TimeSpan duration
                ? (duration >= expected * 0.9, "lasted " + TextFormat.Seconds(duration) + " for " + TextFormat.Seconds(expected))
                : (false, operation is null ? "\"" + name + "\" never started" : "\"" + name + "\" is still running");
        },
        "The operation did not take the latency your method was given: use the parameters, not values written in the method.");

    /// <summary>The attempt returned no earlier than <paramref name="bound"/> allows (a little jitter aside).</summary>
    public static Expectation NotBefore(TimeSpan bound, string what) => new(
        "Waits for " + what + " until " + TextFormat.Seconds(bound),
        run => (run.WallTime >= bound - TimeSpan.FromMilliseconds(20), "returned after " + TextFormat.Seconds(run.WallTime)),
        "Your code gave up before the time it was given: use the parameter, not a value written in the method.");

    /// <summary>The operation <paramref name="second"/> started only once <paramref name="first"/> had ended (both recorded on the attempt's thread, so the order is exact).</summary>
    public static Expectation StartsAfter(string second, string first) => new(
        "\"" + second + "\" starts only after \"" + first + "\" has ended",
        run =>
        {
            OperationRecord? before = run.Operations.FirstOrDefault(o => o.Name == first), after = run.Operations.FirstOrDefault(o => o.Name == second);
            return before?.End is TimeSpan end && after is not null
                ? (after.Start >= end && after.Sequence > before.Sequence, "\"" + first + "\" ended at " + TextFormat.Seconds(end) + ", \"" + second + "\" started at " + TextFormat.Seconds(after.Start))
                : (false, (before is null ? "\"" + first + "\" never started" : "\"" + first + "\" did not end") + (after is null ? "; \"" + second + "\" never started" : ""));
        },
        "The second operation started before the first had ended, so it ran on every call, even when it was not needed: start it only once the first has failed.");

    /// <summary>Every operation with one of <paramref name="names"/> completed.</summary>
    public static Expectation CompletedOnly(params string[] names) => new(
        string.Join(", ", names.Select(n => "\"" + n + "\"")) + (names.Length == 1 ? " completes" : " complete"),
        run =>
        {
            bool met = names.All(name => run.Operations.Any(o => o.Name == name && o.Outcome == OperationOutcome.Completed));
            return (met, string.Join("; ", run.Operations.Select(o => "\"" + o.Name + "\" " + o.Outcome.ToString().ToLowerInvariant())));
        },
        "An operation that had time enough was stopped or never started: cancel only when the time is up, and only what is still running.");

    /// <summary>"0.5 s, 1 s, 0.25 s": latencies as a trial describes them.</summary>
    public static string Seconds(IEnumerable<double> seconds) => string.Join(", ", seconds.Select(s => TextFormat.Number(s) + " s"));
}
