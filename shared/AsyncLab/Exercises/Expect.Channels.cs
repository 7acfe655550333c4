using static System.FormattableString;

namespace AsyncLab;

/// <summary>Expectations for channels (chapter 07): workers sharing a queue, and a background logger.</summary>
public static partial class Expect
{
    /// <summary>Each round of a <see cref="WorkerTrial"/>: every job the feed wrote was processed exactly once before the method returned, and the method returned that count.</summary>
    public static Expectation EachJobProcessedOnce() => new(
        "Every job is processed exactly once, and the count is returned",
        run => Rounds(run, round =>
        {
            string[] done = [.. round.Completed.Order(StringComparer.Ordinal)];
            bool once = done.SequenceEqual(round.Jobs.Select(j => j.Name).Order(StringComparer.Ordinal));
            bool counted = round.FeedFailure is not null || round.Returned == round.Jobs.Count;
            string returned = round.Thrown is null ? "returned " + round.Returned : "threw " + round.Thrown.GetType().Name;
            return (once && counted, Invariant($"{round.Prefix}: {done.Length} of {round.Jobs.Count} jobs done, {returned}"));
        }),
        "Some jobs were processed twice, not at all, or after your method returned, or the count it returned is off. Read every job from the channel "
        + "until it is completed (await foreach over ReadAllAsync), process each with io.FetchAsync(job.Name, job.Cost), and await every worker before returning.");

    /// <summary>In each round of a <see cref="WorkerTrial"/>, exactly as many jobs were in flight at the peak as the method was given workers.</summary>
    public static Expectation AllWorkersBusy() => new(
        "Exactly `workers` jobs are in flight at the peak, whatever `workers` is",
        run => Rounds(run, round => (round.Peak == round.Workers || (round.FeedFailure is not null && round.Peak <= round.Workers && round.Peak > 0),
            Invariant($"{round.Prefix}: peak {round.Peak} with {round.Workers} workers"))),
        "The peak number of jobs in flight differs from the number of workers asked for. Start exactly `workers` consumer tasks (use the parameter, "
        + "not a number), each reading from the same channel, and let each process one job at a time.");

    /// <summary>
    /// In each complete round of a <see cref="WorkerTrial"/>, the time taken is within what the workers allow: the sum of the costs divided
    /// by the number of workers, plus the longest job, with 20% to spare, plus any lull of the feed.
    /// </summary>
    public static Expectation TotalNearWorkerPrediction() => new(
        "The total time is close to what the number of workers predicts",
        run => Rounds(run, round =>
        {
            if (round.FeedFailure is not null)
            {
                return (true, round.Prefix + ": not timed");
            }

            TimeSpan longest = round.Operations.Select(o => o.Duration ?? TimeSpan.Zero).DefaultIfEmpty().Max();
            TimeSpan sum = round.Operations.Aggregate(TimeSpan.Zero, (total, o) => total + (o.Duration ?? TimeSpan.Zero));
            TimeSpan bound = (((sum / round.Workers) + longest) * 1.2) + round.FeedLull;
            return (round.Elapsed <= bound, Invariant($"{round.Prefix}: {TextFormat.Seconds(round.Elapsed)}, at most {TextFormat.Seconds(bound)} expected"));
        }),
        "The jobs took longer than the workers should need: they did not run side by side. Start all the workers first, then await them together with Task.WhenAll.");

    /// <summary>In each round of a <see cref="WorkerTrial"/>, the channel was completed and empty when the method returned: the workers read to the end.</summary>
    public static Expectation ChannelReadToTheEnd() => new(
        "The workers read the channel to its end before the method returns",
        run => Rounds(run, round => (round.Drained, round.Prefix + (round.Drained ? ": channel completed and empty" : ": the channel still had jobs to come"))),
        "Your method returned before the channel was completed and empty. A worker that stops when TryRead finds nothing stops too early: "
        + "the producer may simply be slower. Read until the channel is completed: await foreach over ReadAllAsync, or WaitToReadAsync in a loop.");

    /// <summary>
    /// In the round of a <see cref="WorkerTrial"/> whose feed breaks, the method threw the feed's <see cref="SimulatedFailureException"/>
    /// after processing the jobs written before it, and no job was still running.
    /// </summary>
    public static Expectation FeedFailureReachesCaller() => new(
        "When the feed breaks, its exception reaches your caller after the jobs before it",
        run => Rounds(run, round =>
        {
            if (round.FeedFailure is null)
            {
                return (true, round.Prefix + ": feed did not break");
            }

            bool rethrown = round.Thrown is { } thrown && Carries(thrown, round.FeedFailure.Message);
            bool settled = round.Operations.All(o => o.Outcome != OperationOutcome.Running);
            string what = round.Thrown is null ? "returned " + round.Returned : "threw " + round.Thrown.GetType().Name + ": " + round.Thrown.Message;
            return (rethrown && settled, Invariant($"{round.Prefix}: {what}; {round.Operations.Count(o => o.Outcome == OperationOutcome.Running)} jobs still running"));
        }),
        "When the producer completes the channel with an exception (Writer.Complete(exception)), reading to the end throws it after the last item. "
        + "Let it reach your caller: do not catch it in the workers, and await them all (Task.WhenAll rethrows it).");

    /// <summary>
    /// No thread that read a job from the channel was blocked a moment later (in <c>.Wait()</c>, <c>.Result</c>, <c>Thread.Sleep</c>
    /// or a lock): the workers awaited. A thread that went back to the pool may meet other blocking work, so the expectation
    /// is met while fewer than half of the looks find a thread blocked; a worker that blocks is found blocked at nearly every look.
    /// </summary>
    public static Expectation WorkersNeverBlockThreads() => new(
        "The workers await; they never block their thread",
        run => run.Result is WorkerTrialReport report
            ? (report.ThreadSamples > 0 && report.BlockedSamples * 2 < report.ThreadSamples,
                Invariant($"{report.BlockedSamples} of {report.ThreadSamples} looks found a reading thread blocked"))
            : (false, "no report"),
        "A worker's thread was blocked while its job ran: .Wait(), .Result or Thread.Sleep holds a thread that could serve other work, "
        + "and with more workers than pool threads the workers stall. Use await.");

    /// <summary>The callers of a <see cref="LoggerTrial"/> never waited for the disk: all the log calls together took less than one write to the file.</summary>
    public static Expectation LogCallersNeverWait() => new(
        "Log returns at once: all the calls together take less than one write to the file",
        run => Logger(run, report =>
            (report.CallTimes.Count > 0 && report.TotalCallTime < report.WriteTime,
                Invariant($"{report.CallTimes.Count} calls took {report.TotalCallTime.TotalMilliseconds:0.###} ms in total; one write takes {report.WriteTime.TotalMilliseconds:0.###} ms"))),
        "The callers waited for the file: Log must not write. Let it put the line into a channel (TryWrite on an unbounded channel never waits) "
        + "and return; one background task reads the channel and writes each line.");

    /// <summary>When the logger of a <see cref="LoggerTrial"/> was disposed, every logged line was in the file, in the order logged, and no write was still in progress.</summary>
    public static Expectation LogLinesWrittenInOrder() => new(
        "When the logger is disposed, every line is in the file, in order",
        run => Logger(run, report =>
            (report.WrittenAtClose.SequenceEqual(report.Logged) && report.WritesInProgressAtClose == 0,
                Invariant($"{report.WrittenAtClose.Count} of {report.Logged.Count} lines written when disposed, {report.WritesInProgressAtClose} writes still in progress; file: {ValueText.Format(report.WrittenAtClose)}"))),
        "Lines were missing, out of order, or still being written when DisposeAsync returned. DisposeAsync must complete the channel's writer, "
        + "then await the background task that writes, so that every line is in the file when it returns.");

    /// <summary>The file of a <see cref="LoggerTrial"/> was written by one writer at a time.</summary>
    public static Expectation LogWritesOneAtATime() => new(
        "The file is written one line at a time",
        run => Logger(run, report =>
            (report.PeakConcurrentWrites == 1, Invariant($"at most {report.PeakConcurrentWrites} write(s) at the same time"))),
        "Several writes to the file overlapped, so lines can interleave or land out of order. Write from ONE background task that reads the channel, "
        + "awaiting each write before the next.");

    private static (bool Met, string Measured) Rounds(ExerciseRun run, Func<WorkerRound, (bool Met, string Measured)> judge)
    {
        if (run.Result is not WorkerTrialReport report)
        {
            return (false, "no report");
        }

        (bool Met, string Measured)[] verdicts = [.. report.Rounds.Select(judge)];
        return (verdicts.All(v => v.Met), string.Join("; ", verdicts.Select(v => v.Measured)));
    }

    private static (bool Met, string Measured) Logger(ExerciseRun run, Func<LoggerTrialReport, (bool Met, string Measured)> judge) =>
        run.Result is LoggerTrialReport report ? judge(report) : (false, "no report");

    private static bool Carries(Exception thrown, string message) =>
        thrown is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Any(e => Carries(e, message))
            : thrown is SimulatedFailureException && thrown.Message == message;
}
