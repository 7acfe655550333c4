using static System.FormattableString;

namespace AsyncLab;

/// <summary>Expectations about the thread an attempt was called on: that it was handed back at once and never blocked.</summary>
public static partial class Expect
{
    /// <summary>The least hold that counts as blocking, however short the operations: 100 ms.</summary>
    private static readonly TimeSpan s_blockingFloor = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The attempt waited asynchronously: it handed back an unfinished task, its thread spent less than half its shortest
    /// operation (and less than 100 ms) blocked in waits such as <c>Thread.Sleep</c>, it never blocked its thread while work it needed waited (the deadlock that
    /// <c>.Result</c> and <c>.Wait()</c> cause on a single thread), and started every operation on the thread it
    /// was called on rather than on the thread pool (<c>Task.Run</c>, <c>Parallel.ForEachAsync</c>). Every
    /// <see cref="Trial"/> includes it.
    /// </summary>
    /// <remarks>
    /// Measured in real time. The check calls the attempt on a thread of its own that runs every continuation,
    /// as asyncio's loop does, so a blocked thread stalls the attempt on any machine, whatever its core count. Only
    /// time the thread spends in a wait counts as blocking, not time a busy machine leaves it unscheduled.
    /// </remarks>
    public static Expectation DoesNotBlock() => new(
        "Waits without blocking its thread, and starts every operation on it",
        run =>
        {
            AttemptThread thread = run.Thread;
            TimeSpan limit = BlockingLimit(run.Operations);
            int foreign = run.Operations.Count(o => o.StartThreadId != thread.Id);
            string handBack = Invariant($"returned {(thread.HandedBackUnfinished ? "an unfinished" : "a finished")} task after {thread.HandBack.TotalMilliseconds:0.0} ms");
            string held = Invariant($"blocked in waits for {thread.BlockedInWaits.TotalMilliseconds:0} ms");
            if (thread.Blocked)
            {
                return (false, handBack + "; blocked its thread while work it needed waited for it (a deadlock the check broke after "
                    + TextFormat.Seconds(AttemptLoop.RescueAfter) + ")");
            }

            if (!thread.HandedBackUnfinished && run.Operations.Any(o => o.Duration > TimeSpan.Zero))
            {
                return (false, handBack + ": every wait was over before the caller got the task back");
            }

            if (thread.BlockedInWaits >= limit)
            {
                return (false, handBack + "; " + held + Invariant($", at least {limit.TotalMilliseconds:0} ms counts as blocking"));
            }

            if (foreign > 0)
            {
                return (false, handBack + "; " + held + Invariant($"; {TextFormat.Count(foreign, "operation")} started on another thread"));
            }

            return (true, handBack + "; " + held + "; every operation started on its own thread");
        },
        "Your code blocked the thread that called it, or moved its work to other threads. Await tasks instead of reading "
        + ".Result or calling .Wait(), Task.WaitAll or Thread.Sleep; and call the operations directly rather than inside Task.Run "
        + "or Parallel.ForEachAsync: they wait without a thread, so there is nothing to move.")
    {
        IsBlockingCheck = true,
    };

    private static TimeSpan BlockingLimit(IReadOnlyList<OperationRecord> operations)
    {
        TimeSpan[] durations = [.. operations.Select(o => o.Duration ?? TimeSpan.Zero).Where(d => d > TimeSpan.Zero)];
        TimeSpan half = durations.Length == 0 ? TimeSpan.Zero : durations.Min() / 2;
        return half > s_blockingFloor ? half : s_blockingFloor;
    }
}
