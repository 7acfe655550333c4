using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 09, Pitfalls. Each runs your method on a single thread that plays asyncio's loop,
/// with data you did not write, and measures whether that thread was blocked and whether updates were lost.
/// </summary>
public static class Chapter09Checks
{
    /// <summary>
    /// Checks <c>FetchWithRetryAsync(fetch, pause, token)</c> four times: a fetch that succeeds at once; one that fails,
    /// then succeeds after the pause; one that fails twice (the second failure reaches the caller); and one canceled
    /// during the pause (it ends at the cancel, with no second fetch). Every run must leave its thread free: no
    /// <c>.Result</c>, <c>.Wait()</c>, <c>Thread.Sleep</c> or <c>Task.Run</c>.
    /// </summary>
    /// <param name="fetchWithRetryAsync">Your method.</param>
    public static Task<CheckResult> CheckRetryAsync(Func<Func<CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> fetchWithRetryAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchWithRetryAsync);
        return Exercise.CheckAsync(
            "The retry waits without blocking its thread",
            Retry("the first fetch succeeds", pause: 0.5, cancelAfter: null, (0.4, true)),
            Retry("the first fetch fails, the second succeeds", pause: 0.6, cancelAfter: null, (0.2, false), (0.3, true)),
            Retry("both fetches fail", pause: 0.35, cancelAfter: null, (0.25, false), (0.2, false)),
            Retry("canceled during the pause", pause: 1.2, cancelAfter: 0.5, (0.2, false)));

        Trial Retry(string description, double pause, double? cancelAfter, params (double Seconds, bool Succeeds)[] fetches)
        {
            int tag = CheckData.Tag();
            string value = "profile " + tag;
            string Failure(int call) => Invariant($"the service is busy (call {call}, request {tag})");
            TimeSpan scaledPause = CheckData.Scaled(pause);
            (double Seconds, bool Succeeds) last = fetches[^1];
            object expected = cancelAfter is not null ? Attempt.Canceled : last.Succeeds ? value : "failed: " + Failure(fetches.Length);
            var expectations = new List<Expectation> { Expect.Operations(fetches.Length), Expect.NothingRunning(), Expect.Result(expected) };
            if (fetches.Length == 2)
            {
                expectations.Add(PausesBetween("fetch 1", "fetch 2", scaledPause));
            }

            if (cancelAfter is double cancel)
            {
                expectations.Add(Expect.FinishedWithin(CheckData.Scaled(cancel + (pause / 3))));
            }

            int calls = 0;
            return Trial.Of(
                description + Invariant($" (a pause of {TextFormat.Seconds(scaledPause)})"),
                io => CheckData.OutcomeAsync(io, cancelAfter is double after ? CheckData.Scaled(after) : null, token => fetchWithRetryAsync(
                    fetchToken =>
                    {
                        int call = ++calls;
                        (double seconds, bool succeeds) = fetches[Math.Min(call, fetches.Length) - 1];
                        string name = "fetch " + call;
                        return succeeds
                            ? io.FetchAsync(name, TimeSpan.FromSeconds(seconds), value, fetchToken)
                            : io.FailAsync<string>(name, TimeSpan.FromSeconds(seconds), Failure(call), fetchToken);
                    },
                    scaledPause,
                    token)),
                [.. expectations]);
        }
    }

    /// <summary>
    /// Checks <c>CountVisitsAsync(visits, counter)</c> twice: eight visits, then twelve visits where one of the counter's
    /// writes fails (that failure must reach the caller, and every other visit must still be counted). The visits must
    /// all be in flight together, the counter's read-then-write updates must run one at a time, and no update may be lost.
    /// </summary>
    /// <param name="countVisitsAsync">Your method.</param>
    public static Task<CheckResult> CheckVisitsAsync(Func<IReadOnlyList<Func<Task>>, SimulatedCounter, Task> countVisitsAsync)
    {
        ArgumentNullException.ThrowIfNull(countVisitsAsync);
        return Exercise.CheckAsync(
            "Every visit is counted, and the visits still overlap",
            Visits(8, failingWrite: null),
            Visits(12, failingWrite: 5));

        Trial Visits(int count, int? failingWrite)
        {
            int initial = CheckData.Tag() * 10;
            int expected = initial + count - (failingWrite is null ? 0 : 1);
            SimulatedCounter? counter = null;
            Expectation[] expectations =
            [
                Expect.Result(failingWrite is null ? Attempt.Finished : "failed: the counter's database refused the write"),
                VisitsAllAtOnce(count),
                Counted(() => counter, expected),
                UpdatesOneAtATime(() => counter),
                Expect.NothingRunning(),
            ];
            return Trial.Of(
                Invariant($"{count} visits starting at {initial}") + (failingWrite is int failing ? Invariant($", write {failing} of the counter fails") : ""),
                io =>
                {
                    counter = new SimulatedCounter(io, TimeSpan.FromSeconds(0.03), initial, failingWrite);
                    Func<Task>[] visits = [.. Enumerable.Range(1, count).Select(i => (Func<Task>)(() => io.FetchAsync("visit " + i, TimeSpan.FromSeconds(0.2 + (0.05 * ((i * 7) % 5))))))];
                    return CheckData.OutcomeAsync(io, null, _ => countVisitsAsync(visits, counter));
                },
                expectations);
        }
    }

    private static Expectation PausesBetween(string first, string second, TimeSpan pause) => new(
        Invariant($"\"{second}\" starts {TextFormat.Seconds(pause)} after \"{first}\" failed"),
        run =>
        {
            OperationRecord? before = run.Operations.FirstOrDefault(o => o.Name == first), after = run.Operations.FirstOrDefault(o => o.Name == second);
            if (before?.End is not TimeSpan end || after is null)
            {
                return (false, before is null ? "\"" + first + "\" never started" : after is null ? "\"" + second + "\" never started" : "\"" + first + "\" did not end");
            }

            TimeSpan gap = after.Start - end;
            return (gap >= pause - TimeSpan.FromMilliseconds(20) && gap <= pause * 2, "\"" + second + "\" started " + TextFormat.Seconds(gap) + " after \"" + first + "\" failed");
        },
        "The second fetch did not wait the pause it was given: await Task.Delay(pause, cancellationToken) between the two fetches, with the parameter, not a value written in the method.");

    private static Expectation VisitsAllAtOnce(int count) => new(
        Invariant($"All {count} visits are in flight at the same time"),
        run =>
        {
            OperationRecord[] visits = [.. run.Operations.Where(o => o.Name.StartsWith("visit ", StringComparison.Ordinal))];
            int peak = Concurrency.Steps(visits, run.Recorder.Elapsed).Select(s => s.InFlight).DefaultIfEmpty(0).Max();
            return (visits.Length == count && peak == count, Invariant($"{visits.Length} visits; peak {peak} in flight"));
        },
        "The visits did not all run at once: only the counter's update must wait its turn. Start every visit first, and guard only the read and the write.");

    private static Expectation Counted(Func<SimulatedCounter?> counter, int expected) => new(
        Invariant($"The counter ends at {expected}: no update lost"),
        run =>
        {
            int value = counter()?.Value ?? int.MinValue;
            return (value == expected, Invariant($"the counter ended at {value}: {expected - value} updates lost"));
        },
        "Updates were lost: two visits read the same value and both wrote it plus one. Hold a SemaphoreSlim (await WaitAsync, Release in finally) from the read until the write has ended.");

    private static Expectation UpdatesOneAtATime(Func<SimulatedCounter?> counter) => new(
        "Each read-then-write update runs alone",
        run =>
        {
            int most = counter()?.MostUpdatesInProgress ?? 0;
            return (most == 1, "at most " + TextFormat.Count(most, "update") + " in progress at once");
        },
        "Two updates were in progress at the same time: one read the counter before the other had written it. Guard the read and the write together.");
}
