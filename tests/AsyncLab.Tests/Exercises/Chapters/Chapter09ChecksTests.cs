namespace AsyncLab.Tests.Exercises.Chapters;

public sealed class Chapter09ChecksTests : ChapterCheckTest
{
    private static readonly Func<Func<CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> s_retrySolution = async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Task.Delay(pause, token);
            return await fetch(token);
        }
    };

    [Fact]
    public Task CheckRetryAsync_AwaitsAndDelaysWithTheToken_Passes() => PassesAsync(Chapter09Checks.CheckRetryAsync(s_retrySolution));

    [Fact]
    public Task CheckRetryAsync_LoopOverTwoAttempts_Passes() => PassesAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await fetch(token);
            }
            catch (Exception exception) when (attempt == 1 && exception is not OperationCanceledException)
            {
            }

            await Task.Delay(pause, token);
        }
    }));

    [Fact]
    public Task CheckRetryAsync_Starter_ResultAndSleep_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync((fetch, pause, token) =>
    {
        try
        {
            return Task.FromResult(fetch(token).Result);
        }
        catch (AggregateException)
        {
            Thread.Sleep(pause);
            return Task.FromResult(fetch(token).Result);
        }
    }), "a deadlock the check broke");

    [Fact]
    public Task CheckRetryAsync_AwaitsButSleepsDuringThePause_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Thread.Sleep(pause);
            return await fetch(token);
        }
    }), "counts as blocking");

    [Fact]
    public Task CheckRetryAsync_WaitsOnTheDelayTask_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Task.Delay(pause, token).Wait(token);
            return await fetch(token);
        }
    }), "counts as blocking");

    [Fact]
    public Task CheckRetryAsync_GetAwaiterGetResult_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return fetch(token).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Task.Delay(pause, token);
            return await fetch(token);
        }
    }), "a deadlock the check broke");

    [Fact]
    public Task CheckRetryAsync_BlockingCodeMovedToTaskRun_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync((fetch, pause, token) => Task.Run(() =>
    {
        try
        {
            return fetch(token).Result;
        }
        catch (AggregateException)
        {
            Thread.Sleep(pause);
            return fetch(token).Result;
        }
    })), "started on another thread");

    [Fact]
    public Task CheckRetryAsync_NoPause_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return await fetch(token);
        }
    }), "started 0.");

    [Fact]
    public Task CheckRetryAsync_PauseWrittenInTheMethod_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.25), token);
            return await fetch(token);
        }
    }), "after \"fetch 1\" failed");

    [Fact]
    public Task CheckRetryAsync_DelayWithoutTheToken_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await fetch(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Task.Delay(pause, CancellationToken.None);
            return await fetch(token);
        }
    }), "canceled during the pause");

    [Fact]
    public Task CheckRetryAsync_SecondFailureSwallowed_NotYet() => NotYetAsync(Chapter09Checks.CheckRetryAsync(async (fetch, pause, token) =>
    {
        try
        {
            return await s_retrySolution(fetch, pause, token);
        }
        catch (SimulatedFailureException)
        {
            return "no profile";
        }
    }), "both fetches fail");

    [Fact]
    public Task CheckVisitsAsync_SemaphoreAroundReadAndWrite_Passes() => PassesAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        using var gate = new SemaphoreSlim(1, 1);
        await Task.WhenAll(visits.Select(async visit =>
        {
            await visit();
            await gate.WaitAsync();
            try
            {
                await counter.WriteAsync(await counter.ReadAsync() + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
    }));

    [Fact]
    public Task CheckVisitsAsync_EachUpdateWaitsForThePreviousOne_Passes() => PassesAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        Task previous = Task.CompletedTask;
        await Task.WhenAll(visits.Select(async visit =>
        {
            await visit();
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task before = Interlocked.Exchange(ref previous, mine.Task);
            try
            {
                await before;
                await counter.WriteAsync(await counter.ReadAsync() + 1);
            }
            finally
            {
                mine.SetResult();
            }
        }));
    }));

    [Fact]
    public Task CheckVisitsAsync_Starter_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
        await Task.WhenAll(visits.Select(async visit =>
        {
            await visit();
            int seen = await counter.ReadAsync();
            await counter.WriteAsync(seen + 1);
        }))), "updates lost");

    [Fact]
    public Task CheckVisitsAsync_SemaphoreAroundTheVisitToo_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        using var gate = new SemaphoreSlim(1, 1);
        await Task.WhenAll(visits.Select(async visit =>
        {
            await gate.WaitAsync();
            try
            {
                await visit();
                await counter.WriteAsync(await counter.ReadAsync() + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
    }), "in flight at the same time");

    [Fact]
    public Task CheckVisitsAsync_OneVisitAfterAnother_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        foreach (Func<Task> visit in visits)
        {
            await visit();
            await counter.WriteAsync(await counter.ReadAsync() + 1);
        }
    }), "in flight at the same time");

    [Fact]
    public Task CheckVisitsAsync_NewSemaphorePerVisit_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
        await Task.WhenAll(visits.Select(async visit =>
        {
            using var gate = new SemaphoreSlim(1, 1);
            await visit();
            await gate.WaitAsync();
            try
            {
                await counter.WriteAsync(await counter.ReadAsync() + 1);
            }
            finally
            {
                gate.Release();
            }
        }))), "updates lost");

    [Fact]
    public Task CheckVisitsAsync_BlockingWaitOnTheSemaphore_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        using var gate = new SemaphoreSlim(1, 1);
        await Task.WhenAll(visits.Select(async visit =>
        {
            await visit();
            gate.Wait();
            try
            {
                await counter.WriteAsync(await counter.ReadAsync() + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
    }), "blocked its thread");

    [Fact]
    public Task CheckVisitsAsync_ReadOutsideTheGate_NotYet() => NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
    {
        using var gate = new SemaphoreSlim(1, 1);
        await Task.WhenAll(visits.Select(async visit =>
        {
            await visit();
            int seen = await counter.ReadAsync();
            await gate.WaitAsync();
            try
            {
                await counter.WriteAsync(seen + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
    }), "updates lost");

    [Fact]
    public async Task CheckVisitsAsync_ReleaseNotInFinally_NotYet()
    {
        TimeSpan timeout = Exercise.Timeout;
        Exercise.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            await NotYetAsync(Chapter09Checks.CheckVisitsAsync(async (visits, counter) =>
            {
                using var gate = new SemaphoreSlim(1, 1);
                await Task.WhenAll(visits.Select(async visit =>
                {
                    await visit();
                    await gate.WaitAsync();
                    await counter.WriteAsync(await counter.ReadAsync() + 1);
                    gate.Release();
                }));
            }), "did not finish within");
        }
        finally
        {
            Exercise.Timeout = timeout;
        }
    }
}
