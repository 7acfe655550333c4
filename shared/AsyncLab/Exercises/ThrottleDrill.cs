using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Runs a learner's throttling method several times, on data the learner did not write: other items, other
/// latencies, other limits, an item that fails, a cancel at different stages. Each round gets a fresh
/// <see cref="LimitedService"/> that refuses requests beyond the round's limit. Pass the result to
/// <see cref="Exercise.CheckAsync{T}(string, Func{SimulatedIO, Task{T}}, Expectation[])"/> with the throttling
/// expectations of <see cref="Expect"/>, such as <see cref="Expect.WithinLimit"/>.
/// </summary>
/// <example>
/// <code>
/// await Exercise.CheckAsync("At most limit at once", ThrottleDrill.FetchAll(FetchAllAsync), Expect.WithinLimit(), Expect.EveryItemOnce())
/// </code>
/// </example>
public static class ThrottleDrill
{
    private static readonly double[] s_fetchFirst = [0.4, 0.6, 0.4, 0.2, 0.2, 0.6, 0.6, 0.3, 0.3];
    private static readonly double[] s_fetchSecond = [0.5, 0.4, 0.4, 0.5, 0.6, 0.2, 0.2, 0.6, 0.5, 0.4, 0.3, 0.5];
    private static readonly double[] s_withFailure = [0.6, 0.4, 0.6, 0.2, 0.2, 0.6, 0.6];
    private static readonly double[] s_processFirst = [0.6, 0.4, 0.5, 0.6, 0.2, 0.6, 0.6, 0.4, 0.6, 0.2];
    private static readonly double[] s_processSecond = [0.6, 0.4, 0.6, 0.2, 0.2, 0.6, 0.6];
    private static readonly double[] s_processCanceled = [0.6, 0.4, 0.6, 0.3, 0.5, 0.4, 0.6, 0.3, 0.5];

    /// <summary>
    /// Rounds for a method that requests every item through the service, at most <c>limit</c> at once, and returns the
    /// responses in item order: 9 items with limit 3, 12 with limit 5, and 7 with limit 2 where the second item fails
    /// (the failure must reach the caller, and every other item must still be requested).
    /// </summary>
    /// <param name="attempt">The learner's method: <c>Task&lt;string[]&gt; FetchAllAsync(LimitedService service, IReadOnlyList&lt;string&gt; items, int limit)</c>.</param>
    public static Func<SimulatedIO, Task<ThrottleReport>> FetchAll(Func<LimitedService, IReadOnlyList<string>, int, Task<string[]>> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return io => RunAsync(io, FetchRounds(io.LatencyScale), async (service, items, limit, _) => await Started(attempt(service, items, limit)));
    }

    /// <summary>
    /// Rounds for a method that requests every item, at most <c>limit</c> at once, and observes its token: 10 items with
    /// limit 4, 7 with limit 2, 9 with limit 3 canceled after 0.5 s (in flight, with items still waiting), and 4 with
    /// limit 2 canceled before the call.
    /// </summary>
    /// <param name="attempt">The learner's method: <c>Task ProcessAllAsync(LimitedService service, IReadOnlyList&lt;string&gt; items, int limit, CancellationToken cancellationToken)</c>.</param>
    public static Func<SimulatedIO, Task<ThrottleReport>> ProcessAll(Func<LimitedService, IReadOnlyList<string>, int, CancellationToken, Task> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return io => RunAsync(io, ProcessRounds(io.LatencyScale), async (service, items, limit, token) =>
        {
            await Started(attempt(service, items, limit, token));
            return null;
        });
    }

    private static ThrottleRound[] FetchRounds(double scale) =>
    [
        Round(scale, "order", 3, s_fetchFirst, withResult: true),
        Round(scale, "invoice", 5, s_fetchSecond, withResult: true),
        Round(scale, "report", 2, s_withFailure, failingIndex: 1),
    ];

    private static ThrottleRound[] ProcessRounds(double scale) =>
    [
        Round(scale, "image", 4, s_processFirst),
        Round(scale, "video", 2, s_processSecond),
        Round(scale, "mail", 3, s_processCanceled, cancelAfter: 0.5),
        Round(scale, "page", 2, [0.2, 0.2, 0.2, 0.2], cancelAfter: 0),
    ];

    private static ThrottleRound Round(double scale, string kind, int limit, double[] seconds, bool withResult = false, int? failingIndex = null, double? cancelAfter = null)
    {
        // Names the learner cannot guess: a kind and a number that jumps around.
        string[] items = [.. seconds.Select((_, index) => Invariant($"{kind} {(((index * 37) + (limit * 11)) % 89) + 10}"))];
        TimeSpan[] latencies = [.. seconds.Select(s => LatencyScale.Apply(TimeSpan.FromSeconds(s), scale))];
        string title = Invariant($"{items.Length} items, limit {limit}")
            + (failingIndex is int failing ? Invariant($", \"{items[failing]}\" fails") : "")
            + cancelAfter switch
            {
                0 => ", canceled before the call",
                double after => ", canceled after " + TextFormat.Seconds(LatencyScale.Apply(TimeSpan.FromSeconds(after), scale)),
                null => "",
            };
        return new ThrottleRound(title, limit, items, latencies)
        {
            ExpectedResult = withResult ? [.. items.Select(item => "response from " + item)] : null,
            FailingItem = failingIndex is int index ? items[index] : null,
            CancelAfter = cancelAfter is double delay ? LatencyScale.Apply(TimeSpan.FromSeconds(delay), scale) : null,
        };
    }

    private static async Task<ThrottleReport> RunAsync(SimulatedIO io, ThrottleRound[] rounds, Func<LimitedService, IReadOnlyList<string>, int, CancellationToken, Task<object?>> call)
    {
        ArgumentNullException.ThrowIfNull(io);

        // A warm-up call, not judged, so that compiling the learner's method does not count as blocking.
        await RunRoundAsync(io, new ThrottleRound("warm-up", 2, ["warm-up 1", "warm-up 2"], [TimeSpan.Zero, TimeSpan.Zero]), call);
        foreach (ThrottleRound round in rounds)
        {
            await RunRoundAsync(io, round, call);
        }

        return new ThrottleReport(rounds);
    }

    private static async Task RunRoundAsync(SimulatedIO io, ThrottleRound round, Func<LimitedService, IReadOnlyList<string>, int, CancellationToken, Task<object?>> call)
    {
        TimeProvider time = io.Recorder.TimeProvider;
        var recorder = new TimingRecorder(time);
        var options = new LimitedServiceOptions { Capacity = round.Limit, Overload = OverloadBehavior.Refuse, LatencyScale = 1 };
        var latencies = round.Items.Zip(round.Latencies).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        options.LatencyOf = name => latencies.GetValueOrDefault(name);
        if (round.FailingItem is not null)
        {
            options.FailingRequests.Add(round.FailingItem);
        }

        var service = new LimitedService(recorder, options);
        using CancellationTokenSource cancellation = round.CancelAfter is TimeSpan after && after > TimeSpan.Zero
            ? new CancellationTokenSource(after, time)
            : new CancellationTokenSource();
        using CancellationTokenRegistration noted = cancellation.Token.Register(() => round.CanceledAt = recorder.Elapsed);
        if (round.CancelAfter == TimeSpan.Zero)
        {
            // Cancel, not CancelAsync: CancelAsync runs the callbacks on the thread pool, off a virtual time loop.
            cancellation.Cancel();
        }

        // Long enough for the items one after another, twice over: only a method that hangs runs out of it.
        TimeSpan limit = (2 * round.Latencies.Aggregate(TimeSpan.Zero, (sum, latency) => sum + latency)) + LatencyScale.Apply(TimeSpan.FromSeconds(1), io.LatencyScale);
        long started = time.GetTimestamp();
        long startedReal = Stopwatch.GetTimestamp();
        Task<object?> task = call(service, round.Items, round.Limit, cancellation.Token);
        round.ReturnedTaskAfter = Stopwatch.GetElapsedTime(startedReal);
        using var stopLimit = new CancellationTokenSource();
        Task expired = Task.Delay(limit, time, stopLimit.Token);
        round.TimedOut = await Task.WhenAny(task, expired) != task;
        stopLimit.Cancel();
        round.Elapsed = time.GetElapsedTime(started);
        round.Operations = recorder.Operations;
        round.Refused = service.RefusedCount;
        if (!round.TimedOut)
        {
            try
            {
                round.Result = await task;
            }
            catch (Exception exception)
            {
                round.Exception = exception;
            }
        }
    }

    /// <summary>Turns a synchronous throw or a null task into a faulted task, so that the round records it.</summary>
    private static async Task<T> Started<T>(Task<T>? task) =>
        await (task ?? throw new InvalidOperationException("The method returned null instead of a task: return the task, or mark the method async."));

    private static async Task Started(Task? task) =>
        await (task ?? throw new InvalidOperationException("The method returned null instead of a task: return the task, or mark the method async."));
}
