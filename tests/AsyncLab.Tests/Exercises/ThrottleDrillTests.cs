using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AsyncLab.Tests.Exercises;

/// <summary>
/// The checks of chapter 06's exercises against the solutions learners are likely to write: the wrong ones get "not yet"
/// with the right expectation unmet, the correct ones (also an unusual one) pass. Semaphore-based attempts run in virtual
/// time; those that use Parallel.ForEachAsync (which runs on the thread pool) or block a thread run in real time.
/// </summary>
public class ThrottleDrillTests
{
    private static readonly Expectation[] FetchChecks =
        [Expect.WithinLimit(), Expect.EveryItemOnce(), Expect.ResponsesInOrder(), Expect.FailureReachesCaller(), Expect.TimeNearPrediction(), Expect.ReturnsItsTaskAtOnce()];

    private static readonly Expectation[] ProcessChecks =
        [Expect.WithinLimit(), Expect.EveryItemOnce(), Expect.StopsWhenCanceled(), Expect.TimeNearPrediction(), Expect.ReturnsItsTaskAtOnce()];

    [Fact]
    public void FetchAll_SemaphoreWithFinally_Passes()
    {
        CheckResult result = CheckFetchInVirtualTime(SemaphoreFetchAsync);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void FetchAll_WorkersPullingFromASharedQueue_Passes()
    {
        CheckResult result = CheckFetchInVirtualTime(WorkersFetchAsync);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void FetchAll_UnboundedWhenAll_ExceedsTheLimit()
    {
        CheckResult result = CheckFetchInVirtualTime((service, items, _) => Task.WhenAll(items.Select(item => service.RequestAsync(item))));

        AssertNotYet(result, Expect.WithinLimit());
    }

    [Fact]
    public void FetchAll_OneAfterAnother_IsTooSlow()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, _) =>
        {
            var responses = new List<string>();
            foreach (string item in items)
            {
                responses.Add(await service.RequestAsync(item));
            }

            return [.. responses];
        });

        AssertNotYet(result, Expect.TimeNearPrediction());
    }

    [Fact]
    public void FetchAll_BatchesOfLimit_IsTooSlow()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, limit) =>
        {
            var responses = new List<string>();
            foreach (string[] batch in items.Chunk(limit))
            {
                responses.AddRange(await Task.WhenAll(batch.Select(item => service.RequestAsync(item))));
            }

            return [.. responses];
        });

        AssertNotYet(result, Expect.TimeNearPrediction());
    }

    [Fact]
    public void FetchAll_LimitHardCodedToThree_IsNotYet()
    {
        CheckResult result = CheckFetchInVirtualTime((service, items, _) => SemaphoreFetchAsync(service, items, 3));

        AssertNotYet(result, Expect.WithinLimit());
        AssertNotYet(result, Expect.TimeNearPrediction());
    }

    [Fact]
    public void FetchAll_ReleaseNotInFinally_LosesASlotOnFailure()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, limit) =>
        {
            using var gate = new SemaphoreSlim(limit);
            return await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync();
                string response = await service.RequestAsync(item);
                gate.Release();
                return response;
            }));
        });

        AssertNotYet(result, Expect.TimeNearPrediction());
    }

    [Fact]
    public void FetchAll_ReleasedTwice_ExceedsTheLimit()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, limit) =>
        {
            using var gate = new SemaphoreSlim(limit);
            return await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync();
                try
                {
                    string response = await service.RequestAsync(item);
                    gate.Release();
                    return response;
                }
                finally
                {
                    gate.Release();
                }
            }));
        });

        AssertNotYet(result, Expect.WithinLimit());
    }

    [Fact]
    public void FetchAll_ResultsInCompletionOrder_IsNotYet()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, limit) =>
        {
            using var gate = new SemaphoreSlim(limit);
            var responses = new ConcurrentQueue<string>();
            await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync();
                try
                {
                    responses.Enqueue(await service.RequestAsync(item));
                }
                finally
                {
                    gate.Release();
                }
            }));
            return [.. responses];
        });

        AssertNotYet(result, Expect.ResponsesInOrder());
    }

    [Fact]
    public void FetchAll_FailureSwallowed_IsNotYet()
    {
        CheckResult result = CheckFetchInVirtualTime(async (service, items, limit) =>
        {
            using var gate = new SemaphoreSlim(limit);
            return await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync();
                try
                {
                    return await service.RequestAsync(item);
                }
                catch (SimulatedFailureException)
                {
                    return "";
                }
                finally
                {
                    gate.Release();
                }
            }));
        });

        AssertNotYet(result, Expect.FailureReachesCaller());
    }

    [Fact]
    public async Task FetchAll_ParallelForEachAsync_StopsAtTheFailure()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.FetchAll(async (service, items, limit) =>
        {
            string[] responses = new string[items.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = limit }, async (index, token) =>
                responses[index] = await service.RequestAsync(items[index], token));
            return responses;
        }), FetchChecks);

        AssertNotYet(result, Expect.EveryItemOnce());
    }

    [Fact]
    public async Task FetchAll_BlockingWait_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.FetchAll(async (service, items, limit) =>
        {
            using var gate = new SemaphoreSlim(limit);
            return await Task.WhenAll(items.Select(async item =>
            {
                gate.Wait();
                try
                {
                    return await service.RequestAsync(item);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }), FetchChecks);

        AssertNotYet(result, Expect.ReturnsItsTaskAtOnce());
    }

    [Fact]
    public void FetchAll_ResponsesMadeUpWithoutRequesting_IsNotYet()
    {
        CheckResult result = CheckFetchInVirtualTime((service, items, _) => Task.FromResult(items.Select(item => "response from " + item).ToArray()));

        AssertNotYet(result, Expect.EveryItemOnce());
        AssertNotYet(result, Expect.FailureReachesCaller());
    }

    [Fact]
    public async Task ProcessAll_BlockingOnTheWholeJob_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll((service, items, limit, cancellationToken) =>
        {
            ForEachProcessAsync(service, items, limit, cancellationToken).Wait(cancellationToken);
            return Task.CompletedTask;
        }), ProcessChecks);

        AssertNotYet(result, Expect.ReturnsItsTaskAtOnce());
    }

    [Fact]
    public async Task ProcessAll_ParallelForEachAsyncWithOptions_Passes()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll(ForEachProcessAsync), ProcessChecks);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task ProcessAll_SemaphoreWithTheToken_Passes()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll(SemaphoreProcessAsync), ProcessChecks);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task ProcessAll_DefaultDegreeOfParallelism_IsNotYet()
    {
        // The chapter's starter: the default degree is the processor count, whatever the limit, and nothing observes the token.
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll((service, items, limit, cancellationToken) =>
            Parallel.ForEachAsync(items, async (item, token) => await service.RequestAsync(item, token))), ProcessChecks);

        AssertNotYet(result, Expect.StopsWhenCanceled());
        Assert.False(IsMet(result, Expect.WithinLimit()) && IsMet(result, Expect.TimeNearPrediction()), result.ToString());
    }

    [Fact]
    public async Task ProcessAll_TokenNotGivenToForEach_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll((service, items, limit, cancellationToken) =>
            Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = limit }, async (item, token) => await service.RequestAsync(item, token))), ProcessChecks);

        AssertNotYet(result, Expect.StopsWhenCanceled());
    }

    [Fact]
    public async Task ProcessAll_TokenNotGivenToTheRequests_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll((service, items, limit, cancellationToken) =>
            Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = limit, CancellationToken = cancellationToken }, async (item, _) => await service.RequestAsync(item, CancellationToken.None))), ProcessChecks);

        AssertNotYet(result, Expect.StopsWhenCanceled());
    }

    [Fact]
    public async Task ProcessAll_CancellationSwallowed_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll(async (service, items, limit, cancellationToken) =>
        {
            try
            {
                await SemaphoreProcessAsync(service, items, limit, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }), ProcessChecks);

        AssertNotYet(result, Expect.StopsWhenCanceled());
    }

    [Fact]
    public async Task ProcessAll_LimitHardCodedToFour_IsNotYet()
    {
        CheckResult result = await CheckInRealTimeAsync(ThrottleDrill.ProcessAll((service, items, _, cancellationToken) => SemaphoreProcessAsync(service, items, 4, cancellationToken)), ProcessChecks);

        AssertNotYet(result, Expect.WithinLimit());
    }

    [Fact]
    public void Expectations_OnAnAttemptThatIsNotADrill_AreNotMet()
    {
        CheckResult result = VirtualTimeLoop.Run(_ => Exercise.CheckAsync("not a drill", io => Task.FromResult(42), [.. FetchChecks, Expect.StopsWhenCanceled()]));

        Assert.All(result.Expectations.Skip(1), outcome => Assert.Equal("the attempt is not a ThrottleDrill", outcome.Measured));
    }

    [Fact]
    public void FetchAll_Null_Throws()
    {
        Assert.Equal("attempt", Assert.Throws<ArgumentNullException>(() => ThrottleDrill.FetchAll(null!)).ParamName);
        Assert.Equal("attempt", Assert.Throws<ArgumentNullException>(() => ThrottleDrill.ProcessAll(null!)).ParamName);
    }

    [Fact]
    public void Report_DescribesEveryRound()
    {
        CheckResult result = CheckFetchInVirtualTime(SemaphoreFetchAsync);

        string measured = result.Expectations.Single(e => e.Description.StartsWith("Each round takes", StringComparison.Ordinal)).Measured;
        Assert.Equal("limit 3: 1.200 s for 1.200 s predicted; limit 5: 1.100 s for 1.100 s predicted; limit 2: 1.600 s for 1.600 s predicted", measured);
    }

    private static async Task<string[]> SemaphoreFetchAsync(LimitedService service, IReadOnlyList<string> items, int limit)
    {
        using var gate = new SemaphoreSlim(limit);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                return await service.RequestAsync(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>An unusual correct solution: <c>limit</c> workers take the next index until none is left, and keep going past a failure.</summary>
    private static async Task<string[]> WorkersFetchAsync(LimitedService service, IReadOnlyList<string> items, int limit)
    {
        string[] responses = new string[items.Count];
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        int next = -1;
        async Task WorkAsync()
        {
            for (int index = Interlocked.Increment(ref next); index < items.Count; index = Interlocked.Increment(ref next))
            {
                try
                {
                    responses[index] = await service.RequestAsync(items[index]);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(ExceptionDispatchInfo.Capture(exception));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, limit).Select(_ => WorkAsync()));
        if (failures.TryDequeue(out ExceptionDispatchInfo? first))
        {
            first.Throw();
        }

        return responses;
    }

    private static Task ForEachProcessAsync(LimitedService service, IReadOnlyList<string> items, int limit, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = limit, CancellationToken = cancellationToken }, async (item, token) => await service.RequestAsync(item, token));

    private static async Task SemaphoreProcessAsync(LimitedService service, IReadOnlyList<string> items, int limit, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(limit);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await service.RequestAsync(item, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static CheckResult CheckFetchInVirtualTime(Func<LimitedService, IReadOnlyList<string>, int, Task<string[]>> attempt) =>
        VirtualTimeLoop.Run(_ => Exercise.CheckAsync("fetch", ThrottleDrill.FetchAll(attempt), Unscaled(), Exercise.Timeout, FetchChecks));

    private static SimulatedIO Unscaled() => new(new TimingRecorder(), new SimulatedIOOptions { LatencyScale = 1 });

    /// <summary>In real time at half the latencies, as the chapter tests run.</summary>
    private static Task<CheckResult> CheckInRealTimeAsync(Func<SimulatedIO, Task<ThrottleReport>> attempt, Expectation[] checks) =>
        Exercise.CheckAsync("real time", attempt, new SimulatedIO(new TimingRecorder(), new SimulatedIOOptions { LatencyScale = 0.5 }), TimeSpan.FromSeconds(60), checks);

    private static void AssertNotYet(CheckResult result, Expectation unmet)
    {
        Assert.False(result.Passed, result.ToString());
        Assert.Contains(result.Expectations, outcome => outcome.Description == unmet.Description && !outcome.Met);
    }

    private static bool IsMet(CheckResult result, Expectation expectation) =>
        result.Expectations.Single(outcome => outcome.Description == expectation.Description).Met;
}
