using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter04ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckQuoteAsync_CancelAfterAndToken_Passes() => PassesAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await quote(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return "no quote";
        }
    }));

    [Fact]
    public Task CheckQuoteAsync_WaitAsyncThenCancelAndAwait_Passes() => PassesAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        using var cancellation = new CancellationTokenSource();
        Task<string> download = quote(cancellation.Token);
        try
        {
            return await download.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await cancellation.CancelAsync();
            try
            {
                await download;
            }
            catch (OperationCanceledException)
            {
            }

            return "no quote";
        }
    }));

    [Fact]
    public Task CheckQuoteAsync_WaitAsyncOnly_NotYet() => NotYetAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        try
        {
            return await quote(CancellationToken.None).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return "no quote";
        }
    }), "is canceled by the time");

    [Fact]
    public Task CheckQuoteAsync_TokenNeverPassed_NotYet() => NotYetAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await quote(CancellationToken.None).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            return "no quote";
        }
    }), "is canceled by the time");

    [Fact]
    public Task CheckQuoteAsync_TimeoutHardCodedToTheChaptersValue_NotYet() => NotYetAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        using var cancellation = new CancellationTokenSource(LatencyScale.Apply(TimeSpan.FromSeconds(0.5), LatencyScale.Current));
        try
        {
            return await quote(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            return "no quote";
        }
    }), "Waits for the quote until");

    [Fact]
    public Task CheckQuoteAsync_LetsTheCancellationOut_NotYet() => NotYetAsync(Chapter04Checks.CheckQuoteAsync(async (quote, timeout) =>
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await quote(cancellation.Token);
    }), "TaskCanceledException");

    [Fact]
    public Task CheckPagesAsync_OneDeadlineForTheLoop_Passes() => PassesAsync(Chapter04Checks.CheckPagesAsync(async (pages, budget) =>
    {
        var arrived = new List<string>();
        using var deadline = new CancellationTokenSource(budget);
        try
        {
            foreach (var page in pages)
            {
                arrived.Add(await page(deadline.Token));
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        return arrived;
    }));

    [Fact]
    public Task CheckPagesAsync_RemainingBudgetPerPage_Passes() => PassesAsync(Chapter04Checks.CheckPagesAsync(async (pages, budget) =>
    {
        var arrived = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var page in pages)
        {
            using var left = new CancellationTokenSource(budget - clock.Elapsed > TimeSpan.Zero ? budget - clock.Elapsed : TimeSpan.FromTicks(1));
            try
            {
                arrived.Add(await page(left.Token));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return arrived;
    }));

    [Fact]
    public Task CheckPagesAsync_ABudgetPerPage_NotYet() => NotYetAsync(Chapter04Checks.CheckPagesAsync(async (pages, budget) =>
    {
        var arrived = new List<string>();
        foreach (var page in pages)
        {
            using var timeout = new CancellationTokenSource(budget);
            try
            {
                arrived.Add(await page(timeout.Token));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return arrived;
    }), "Records exactly 3 operations");

    [Fact]
    public Task CheckPagesAsync_CatchInsideTheLoopGoesOn_NotYet() => NotYetAsync(Chapter04Checks.CheckPagesAsync(async (pages, budget) =>
    {
        var arrived = new List<string>();
        using var deadline = new CancellationTokenSource(budget);
        foreach (var page in pages)
        {
            try
            {
                arrived.Add(await page(deadline.Token));
            }
            catch (OperationCanceledException)
            {
            }
        }

        return arrived;
    }), "Records exactly 3 operations");

    [Fact]
    public Task CheckPagesAsync_KnownNumberOfPages_NotYetForAnotherBudget() => NotYetAsync(Chapter04Checks.CheckPagesAsync(async (pages, budget) =>
    {
        var arrived = new List<string>();
        foreach (var page in pages.Take(2))
        {
            arrived.Add(await page(CancellationToken.None));
        }

        return arrived;
    }), "\"page 3\" is canceled");
}
