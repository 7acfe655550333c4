using System.Threading.Channels;

namespace AsyncLab;

/// <summary>
/// Runs a learner's "workers share a queue" method three times, on jobs the learner did not write: 12 jobs for
/// 4 workers; 9 jobs for 3 workers, with a lull of 0.6 s after the fourth job, during which the channel is empty
/// but not completed; and a feed of 2 workers that breaks after 4 jobs (completed with a <see cref="SimulatedFailureException"/>). Each time a bounded channel (capacity 2) feeds the
/// jobs. The report says what each round did, for the <c>Expect</c> methods of chapter 07.
/// </summary>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Workers share the jobs", io => WorkerTrial.RunAsync(io, ProcessAllAsync),
///     Expect.EachJobProcessedOnce(), Expect.AllWorkersBusy(), Expect.NothingRunning())
/// </code>
/// </example>
public static class WorkerTrial
{
    /// <summary>The capacity of the channel that feeds each round.</summary>
    public const int Capacity = 2;

    /// <summary>The number of jobs written before the lull of the second round.</summary>
    private const int LullAfter = 4;

    private static readonly double[] s_costsA = [0.2, 0.1, 0.3, 0.15, 0.25, 0.1, 0.2, 0.3, 0.1, 0.15, 0.2, 0.25];
    private static readonly double[] s_costsB = [0.15, 0.3, 0.1, 0.2, 0.1, 0.25, 0.3, 0.15, 0.2];
    private static readonly double[] s_costsC = [0.1, 0.2, 0.1, 0.15];
    private static readonly TimeSpan s_lull = TimeSpan.FromSeconds(0.6);

    /// <summary>Runs the three rounds one after another with <paramref name="io"/>, and reports what each did.</summary>
    /// <param name="io">The simulated I/O the method processes jobs with; its recorder times every job.</param>
    /// <param name="processAllAsync">
    /// The learner's method: it reads every job from the channel with the given number of workers, processes each
    /// with <c>io.FetchAsync(job.Name, job.Cost)</c>, and returns how many it processed.
    /// </param>
    /// <param name="cancellationToken">Stops the trial.</param>
    public static async Task<WorkerTrialReport> RunAsync(
        SimulatedIO io,
        Func<ChannelReader<ChannelJob>, SimulatedIO, int, Task<int>> processAllAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(processAllAsync);
        var probe = new ThreadBlockingProbe(io.Recorder.TimeProvider, LatencyScale.Apply(TimeSpan.FromSeconds(0.05), io.LatencyScale));
        WorkerRound[] rounds =
        [
            await RunRoundAsync(io, processAllAsync, probe, new RoundPlan("A", 4, s_costsA, TimeSpan.Zero, null), cancellationToken),
            await RunRoundAsync(io, processAllAsync, probe, new RoundPlan("B", 3, s_costsB, LatencyScale.Apply(s_lull, io.LatencyScale), null), cancellationToken),
            await RunRoundAsync(io, processAllAsync, probe, new RoundPlan("C", 2, s_costsC, TimeSpan.Zero, new SimulatedFailureException("The job feed broke after 4 jobs.", "feed")), cancellationToken),
        ];
        await probe.WhenDoneAsync();
        return new WorkerTrialReport(rounds, probe.Samples, probe.Blocked);
    }

    private static async Task<WorkerRound> RunRoundAsync(
        SimulatedIO io,
        Func<ChannelReader<ChannelJob>, SimulatedIO, int, Task<int>> processAllAsync,
        ThreadBlockingProbe probe,
        RoundPlan plan,
        CancellationToken cancellationToken)
    {
        ChannelJob[] jobs = [.. plan.Costs.Select((cost, index) => new ChannelJob(plan.Prefix + (index + 1), TimeSpan.FromSeconds(cost)))];
        var channel = Channel.CreateBounded<ChannelJob>(new BoundedChannelOptions(Capacity) { SingleWriter = true });
        var reader = new WatchedChannelReader<ChannelJob>(channel.Reader, probe);
        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        TimeSpan start = io.Recorder.Elapsed;
        Task feed = FeedAsync(channel.Writer, jobs, plan, io.Recorder.TimeProvider, stopFeed.Token);

        int? returned = null;
        Exception? thrown = null;
        try
        {
            returned = await (processAllAsync(reader, io, plan.Workers)
                ?? throw new InvalidOperationException("The method returned null instead of a task: return the task, or mark the method async."));
        }
        catch (Exception exception)
        {
            thrown = exception;
        }

        var (operations, end) = io.Recorder.Snapshot();
        bool drained = channel.Reader.Completion.IsCompleted;

        // A method that returned early leaves the feed waiting on a full channel: stop it.
        await stopFeed.CancelAsync();
        await feed;
        return new WorkerRound
        {
            Prefix = plan.Prefix,
            Workers = plan.Workers,
            Jobs = jobs,
            FeedFailure = plan.Failure,
            FeedLull = plan.Lull,
            Start = start,
            End = end,
            Operations = [.. operations.Where(o => o.Start >= start && jobs.Any(job => job.Name == o.Name))],
            Returned = returned,
            Thrown = thrown,
            Drained = drained,
        };
    }

    private static async Task FeedAsync(ChannelWriter<ChannelJob> writer, ChannelJob[] jobs, RoundPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            for (int i = 0; i < jobs.Length; i++)
            {
                if (i == LullAfter && plan.Lull > TimeSpan.Zero)
                {
                    await Task.Delay(plan.Lull, time, cancellationToken);
                }

                await writer.WriteAsync(jobs[i], cancellationToken);
            }

            writer.TryComplete(plan.Failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
    }

    /// <summary>What one round feeds: a name prefix, the number of workers, the jobs' costs in seconds, a lull after the fourth job, and a failure to complete with.</summary>
    private sealed record RoundPlan(string Prefix, int Workers, double[] Costs, TimeSpan Lull, Exception? Failure);
}
