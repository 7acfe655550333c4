using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Expectations for throttling (chapter 06). They judge the <see cref="ThrottleReport"/> that a <see cref="ThrottleDrill"/>
/// returns: every round, on data the learner did not write.
/// </summary>
public static partial class Expect
{
    /// <summary>In every round, never more requests in flight than the round's limit, and none refused by the service.</summary>
    public static Expectation WithinLimit() => Rounds(
        "Never more than `limit` requests in flight, whatever the limit",
        rounds => (rounds.All(r => r.PeakInFlight <= r.Limit && r.Refused == 0),
            string.Join("; ", rounds.Select(r => Invariant($"limit {r.Limit}: peak {r.PeakInFlight}, {r.Refused} refused")))),
        "More requests were in flight than the limit allowed, and the service refused some (429). Take a slot before each request "
        + "(await semaphore.WaitAsync()) and give it back in a finally block, once per slot taken; use the limit you were given, not a number of your own.");

    /// <summary>
    /// In every round that is not canceled, each item was requested exactly once, and every request had ended when the method's
    /// task ended, also in the round where one item fails.
    /// </summary>
    public static Expectation EveryItemOnce() => Rounds(
        "Every item is requested exactly once, also when one of them fails, and all have ended when your method returns",
        rounds =>
        {
            string[] problems = [.. rounds.Where(r => r.CancelAfter is null).SelectMany(ItemProblems)];
            int items = rounds.Where(r => r.CancelAfter is null).Sum(r => r.Items.Count);
            return (problems.Length == 0, problems.Length == 0 ? Invariant($"each of {items} items requested once") : string.Join("; ", problems.Take(4)));
        },
        "Some items were not requested, requested twice, or still running when your method returned. Request each item once, "
        + "await all of the requests (Task.WhenAll), and make sure a failing request frees its slot (release in finally), or the items waiting for it never start.");

    /// <summary>The method returned the responses in the order of the items it was given.</summary>
    public static Expectation ResponsesInOrder() => Rounds(
        "Returns every response, in the order of the items",
        rounds =>
        {
            ThrottleRound[] judged = [.. rounds.Where(r => r.ExpectedResult is not null)];
            bool met = judged.Length > 0 && judged.All(r => r.Result is string[] result && result.SequenceEqual(r.ExpectedResult!));
            return (met, string.Join("; ", judged.Select(r => r.Title + ": " + DescribeResponses(r))));
        },
        "The responses are missing, incomplete or in another order. Task.WhenAll returns the results in the order of the tasks you gave it, "
        + "whatever order they finished in: make one task per item, in item order.");

    /// <summary>In the round where an item fails, the method let that failure reach its caller.</summary>
    public static Expectation FailureReachesCaller() => Rounds(
        "When a request fails, the failure reaches the caller",
        rounds =>
        {
            ThrottleRound[] failing = [.. rounds.Where(r => r.FailingItem is not null)];
            bool met = failing.Length > 0 && failing.All(r => Unwrap(r.Exception) is SimulatedFailureException);
            return (met, string.Join("; ", failing.Select(r => r.Title + ": " + (r.TimedOut ? "did not finish" : r.Exception is null ? "returned normally" : "threw " + Unwrap(r.Exception)!.GetType().Name))));
        },
        "A failing request must not be swallowed: let the exception out of your method (await Task.WhenAll rethrows it), "
        + "after every other item has been requested.");

    /// <summary>
    /// Every round that runs to the end took at most 1.25 times the predicted time: a new request starts as soon as a slot
    /// is free. Waiting for the whole batch, running one at a time, using a smaller limit or losing a slot takes longer.
    /// </summary>
    public static Expectation TimeNearPrediction() => Rounds(
        "Each round takes about the time that `limit` requests at once predict",
        rounds =>
        {
            ThrottleRound[] judged = [.. rounds.Where(r => r.CancelAfter is null)];
            bool met = judged.Length > 0 && judged.All(r => !r.TimedOut && r.Elapsed <= r.Predicted * 1.25);
            return (met, string.Join("; ", judged.Select(r => Invariant($"limit {r.Limit}: ") + (r.TimedOut ? "did not finish" : TextFormat.Seconds(r.Elapsed)) + " for " + TextFormat.Seconds(r.Predicted) + " predicted")));
        },
        "A round took clearly longer than the limit allows. Start the next request as soon as any slot is free, not when a whole batch has finished; "
        + "use the limit you were given; and free the slot of a failed request too.");

    /// <summary>In every round the method handed back its task before the first slot could free up: it never blocked its caller's thread.</summary>
    public static Expectation ReturnsItsTaskAtOnce() => Rounds(
        "Hands back its task at once, without blocking the calling thread",
        rounds => (rounds.All(r => r.ReturnedTaskAfter <= r.ShortestFirstWave / 2),
            "returned its task after " + string.Join(", ", rounds.Select(r => TextFormat.Seconds(r.ReturnedTaskAfter)))),
        "Your method blocked the thread that called it until a request had finished. Wait asynchronously: "
        + "await semaphore.WaitAsync() instead of semaphore.Wait(), await instead of .Result or .Wait(), Task.Delay instead of Thread.Sleep.");

    /// <summary>
    /// In every canceled round, the method threw an <see cref="OperationCanceledException"/>, started no request after the cancel,
    /// canceled the requests in flight (none completed after it) and left nothing running.
    /// </summary>
    public static Expectation StopsWhenCanceled() => Rounds(
        "When canceled: no new request starts, the ones in flight are canceled, and the cancellation reaches the caller",
        rounds =>
        {
            ThrottleRound[] canceled = [.. rounds.Where(r => r.CancelAfter is not null)];
            string[] problems = [.. canceled.SelectMany(CancelProblems)];
            string measured = string.Join("; ", canceled.Select(r => Invariant(
                $"{r.Title}: {r.Operations.Count(o => o.Start < r.CanceledAt)} started before the cancel, {r.Operations.Count(o => o.Start >= r.CanceledAt)} after, {r.Operations.Count(o => o.Outcome == OperationOutcome.Canceled)} canceled")));
            return (canceled.Length > 0 && problems.Length == 0, problems.Length == 0 ? measured : string.Join("; ", problems));
        },
        "After the cancel, your method went on: pass the token to everything that waits (WaitAsync(token), RequestAsync(item, token), "
        + "or ParallelOptions.CancellationToken), and let the OperationCanceledException reach the caller instead of catching it.");

    private static Expectation Rounds(string description, Func<IReadOnlyList<ThrottleRound>, (bool, string)> judge, string hint) => new(
        description,
        run => run.Result is ThrottleReport report ? judge(report.Rounds) : (false, "the attempt is not a ThrottleDrill"),
        hint);

    private static IEnumerable<string> ItemProblems(ThrottleRound round)
    {
        if (round.TimedOut)
        {
            yield return round.Title + ": did not finish";
            yield break;
        }

        foreach (string item in round.Items)
        {
            OperationRecord[] requests = [.. round.Operations.Where(o => o.Name == item)];
            if (requests.Length != 1)
            {
                yield return Invariant($"{round.Title}: \"{item}\" requested {requests.Length} times");
            }
            else if (requests[0].Outcome == OperationOutcome.Running)
            {
                yield return Invariant($"{round.Title}: \"{item}\" still running");
            }
        }
    }

    private static IEnumerable<string> CancelProblems(ThrottleRound round)
    {
        if (round.TimedOut)
        {
            yield return round.Title + ": did not finish";
            yield break;
        }

        if (Unwrap(round.Exception) is not OperationCanceledException)
        {
            yield return round.Title + ": " + (round.Exception is null ? "returned normally" : "threw " + round.Exception.GetType().Name);
        }

        TimeSpan canceledAt = round.CanceledAt ?? TimeSpan.Zero;
        int lateStarts = round.Operations.Count(o => o.Start >= canceledAt);
        if (lateStarts > 0)
        {
            yield return Invariant($"{round.Title}: {lateStarts} started after the cancel");
        }

        int completedAfter = round.Operations.Count(o => o.Outcome == OperationOutcome.Completed && o.End > canceledAt);
        if (completedAfter > 0)
        {
            yield return Invariant($"{round.Title}: {completedAfter} ran on to completion after the cancel");
        }

        int running = round.Operations.Count(o => o.Outcome == OperationOutcome.Running);
        if (running > 0)
        {
            yield return Invariant($"{round.Title}: {running} still running when your method returned");
        }
    }

    private static string DescribeResponses(ThrottleRound round)
    {
        if (round.Result is not string[] result)
        {
            return "returned " + ValueText.Format(round.Result);
        }

        int wrong = Enumerable.Range(0, round.ExpectedResult!.Count).FirstOrDefault(i => i >= result.Length || result[i] != round.ExpectedResult[i], -1);
        return wrong < 0 && result.Length == round.ExpectedResult.Count
            ? Invariant($"all {result.Length} responses in item order")
            : Invariant($"{result.Length} responses; ") + (wrong < 0 ? "more than there are items" : Invariant($"at position {wrong} expected \"{round.ExpectedResult[wrong]}\", got ") + (wrong < result.Length ? "\"" + result[wrong] + "\"" : "nothing"));
    }

    private static Exception? Unwrap(Exception? exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : exception;
}
