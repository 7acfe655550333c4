using System.Threading.Channels;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Channels;

/// <summary>
/// The check of chapter 07's exercise 1 against the wrong solutions a learner plausibly writes (each must be
/// "not yet", for the reason named) and against correct ones, including unusual ones (each must pass). The trial
/// runs on the real clock, at half the latencies, because a wrong solution that blocks would hang a virtual-time loop.
/// </summary>
[Collection(RealClock.Name)]
public class WorkerTrialTests
{
    private static readonly Expectation[] s_checks =
    [
        Expect.EachJobProcessedOnce(), Expect.AllWorkersBusy(), Expect.TotalNearWorkerPrediction(), Expect.ChannelReadToTheEnd(),
        Expect.FeedFailureReachesCaller(), Expect.WorkersNeverBlockThreads(), Expect.NothingRunning(),
    ];

    [Fact]
    public async Task Check_TheSolution_Passes()
    {
        CheckResult result = await CheckAsync(Solution);

        Assert.True(result.Passed, result.ToString());
        Assert.Contains("A: peak 4 with 4 workers; B: peak 3 with 3 workers; C: peak 2 with 2 workers", result.ToString());
    }

    [Fact]
    public async Task Check_ParallelForEachAsyncOverTheChannel_Passes()
    {
        // Unusual but correct: Parallel.ForEachAsync limits the degree of parallelism and rethrows the feed's failure.
        // The body does not take the loop's token, which Parallel.ForEachAsync cancels when the feed fails: the jobs
        // delivered before the failure are still processed.
        CheckResult result = await CheckAsync((jobs, io, workers) => ParallelForEachAsync(jobs, io, workers, passLoopToken: false));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_WaitToReadWorkersWithASharedCounter_Passes()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            int done = 0;
            var tasks = new List<Task>();
            for (int w = 0; w < workers; w++)
            {
                tasks.Add(Task.Run(async () =>
                {
                    while (await jobs.WaitToReadAsync())
                    {
                        while (jobs.TryRead(out ChannelJob? job))
                        {
                            await io.FetchAsync(job.Name, job.Cost);
                            Interlocked.Increment(ref done);
                        }
                    }
                }));
            }

            await Task.WhenAll(tasks);
            return done;
        });

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_OneWorker_NotYet_TooFewInFlightAndTooSlow()
    {
        CheckResult result = await CheckAsync((jobs, io, workers) => OneWorkerAsync(jobs, io));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "in flight at the peak").Met);
        Assert.False(Outcome(result, "total time").Met);
    }

    [Fact]
    public async Task Check_ParallelForEachAsyncCancelingInFlightJobsWhenTheFeedFails_NotYet()
    {
        // Passing the loop's token lets Parallel.ForEachAsync cancel a job that was delivered before the failure.
        CheckResult result = await CheckAsync((jobs, io, workers) => ParallelForEachAsync(jobs, io, workers, passLoopToken: true));

        Assert.False(result.Passed);
        Assert.Contains("C: 3 of 4 jobs done", Outcome(result, "exactly once").Measured);
    }

    [Fact]
    public async Task Check_WorkersAwaitedOneAfterAnother_NotYet()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            int done = 0;
            for (int w = 0; w < workers; w++)
            {
                done += await OneWorkerAsync(jobs, io);   // the first "worker" drains everything
            }

            return done;
        });

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "in flight at the peak").Met);
    }

    [Fact]
    public async Task Check_WorkerCountHardCodedToFour_NotYet()
    {
        CheckResult result = await CheckAsync((jobs, io, workers) => Solution(jobs, io, 4));

        Assert.False(result.Passed);
        Assert.Contains("B: peak 4 with 3 workers", Outcome(result, "in flight at the peak").Measured);
    }

    [Fact]
    public async Task Check_ATaskPerJobWithoutALimit_NotYet()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            var all = new List<Task>();
            await foreach (ChannelJob job in jobs.ReadAllAsync())
            {
                all.Add(io.FetchAsync(job.Name, job.Cost));
            }

            await Task.WhenAll(all);
            return all.Count;
        });

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "in flight at the peak").Met);
    }

    [Fact]
    public async Task Check_WorkersStopWhenTheChannelIsMomentarilyEmpty_NotYet()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            async Task<int> WorkAsync()
            {
                int done = 0;
                while (jobs.TryRead(out ChannelJob? job))   // stops at the first empty moment, not at the end
                {
                    await io.FetchAsync(job.Name, job.Cost);
                    done++;
                }

                return done;
            }

            return (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync()))).Sum();
        });

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "read the channel to its end").Met);
        Assert.False(Outcome(result, "exactly once").Met);
    }

    [Fact]
    public async Task Check_WorkersSwallowTheFeedsFailure_NotYet()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            async Task<int> WorkAsync()
            {
                int done = 0;
                try
                {
                    await foreach (ChannelJob job in jobs.ReadAllAsync())
                    {
                        await io.FetchAsync(job.Name, job.Cost);
                        done++;
                    }
                }
                catch (SimulatedFailureException)
                {
                    // swallowed: the caller never learns that the feed broke
                }

                return done;
            }

            return (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync()))).Sum();
        });

        Assert.False(result.Passed);
        Assert.Contains("C: returned 4", Outcome(result, "feed breaks").Measured);
    }

    [Fact]
    public async Task Check_WorkersThatBlockOnEachJob_NotYet()
    {
        CheckResult result = await CheckAsync(async (jobs, io, workers) =>
        {
            async Task<int> WorkAsync()
            {
                int done = 0;
                await foreach (ChannelJob job in jobs.ReadAllAsync())
                {
                    io.FetchAsync(job.Name, job.Cost).Wait();   // blocks its thread for the whole job
                    done++;
                }

                return done;
            }

            return (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)))).Sum();
        });

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "never block").Met);
    }

    [Fact]
    public async Task Check_WorkersOnThreadsThatSleep_NotYet()
    {
        CheckResult result = await CheckAsync((jobs, io, workers) => Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            int done = 0;
            foreach (ChannelJob job in jobs.ReadAllAsync().ToBlockingEnumerable())
            {
                Task<string> fetch = io.FetchAsync(job.Name, job.Cost);
                Thread.Sleep(job.Cost * io.LatencyScale);   // waits by sleeping, then collects the result
                fetch.GetAwaiter().GetResult();
                done++;
            }

            return done;
        }))).ContinueWith(t => t.Result.Sum(), TaskScheduler.Default));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "never block").Met);
    }

    [Fact]
    public async Task Check_ReturnsBeforeTheWorkersEnd_NotYet()
    {
        CheckResult result = await CheckAsync((jobs, io, workers) =>
        {
            _ = Solution(jobs, io, workers);   // started, never awaited
            return Task.FromResult(jobs.Count);
        });

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "exactly once").Met);
        await Task.Delay(TimeSpan.FromSeconds(1));   // let the forgotten workers end before the next test
    }

    [Fact]
    public async Task Expectations_WithoutAWorkerReport_AreNotMet()
    {
        CheckResult result = await Exercise.CheckAsync("No report", io => Task.FromResult(42), Io(), TimeSpan.FromSeconds(5),
            Expect.EachJobProcessedOnce(), Expect.AllWorkersBusy(), Expect.WorkersNeverBlockThreads());

        Assert.All(result.Expectations.Skip(1), outcome => Assert.Equal((false, "no report"), (outcome.Met, outcome.Measured)));
    }

    [Fact]
    public async Task RunAsync_NullArguments_ThrowWithParameterNames()
    {
        Assert.Equal("io", (await Assert.ThrowsAsync<ArgumentNullException>(() => WorkerTrial.RunAsync(null!, Solution))).ParamName);
        Assert.Equal("processAllAsync", (await Assert.ThrowsAsync<ArgumentNullException>(() => WorkerTrial.RunAsync(Io(), null!))).ParamName);
    }

    /// <summary>The chapter's solution: <paramref name="workers"/> workers, each reading the channel to its end.</summary>
    private static async Task<int> Solution(ChannelReader<ChannelJob> jobs, SimulatedIO io, int workers) =>
        (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => OneWorkerAsync(jobs, io)))).Sum();

    /// <summary>One worker: reads every job to the end of the channel, processes each, and counts them.</summary>
    private static async Task<int> OneWorkerAsync(ChannelReader<ChannelJob> jobs, SimulatedIO io)
    {
        int done = 0;
        await foreach (ChannelJob job in jobs.ReadAllAsync())
        {
            await io.FetchAsync(job.Name, job.Cost);
            done++;
        }

        return done;
    }

    /// <summary>Parallel.ForEachAsync over the channel; when <paramref name="passLoopToken"/>, the jobs observe the token it cancels on a failure.</summary>
    private static async Task<int> ParallelForEachAsync(ChannelReader<ChannelJob> jobs, SimulatedIO io, int workers, bool passLoopToken)
    {
        int done = 0;
        await Parallel.ForEachAsync(jobs.ReadAllAsync(), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (job, token) =>
        {
            await io.FetchAsync(job.Name, job.Cost, passLoopToken ? token : CancellationToken.None);
            Interlocked.Increment(ref done);
        });
        return done;
    }

    private static Task<CheckResult> CheckAsync(Func<ChannelReader<ChannelJob>, SimulatedIO, int, Task<int>> attempt) =>
        Exercise.CheckAsync("Workers share the jobs", io => WorkerTrial.RunAsync(io, attempt), Io(), TimeSpan.FromSeconds(30), s_checks);

    private static SimulatedIO Io() => new(new TimingRecorder(TimeProvider.System), new SimulatedIOOptions { LatencyScale = 0.5 });

    private static ExpectationOutcome Outcome(CheckResult result, string description) =>
        result.Expectations.Single(e => e.Description.Contains(description, StringComparison.Ordinal));
}
