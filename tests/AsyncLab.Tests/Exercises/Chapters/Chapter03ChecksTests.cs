using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter03ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckSitesAsync_WrapperPerPage_Passes() => PassesAsync(Chapter03Checks.CheckSitesAsync(pages =>
    {
        static async Task<string> OutcomeAsync(Task<string> page)
        {
            try
            {
                return "ok: " + await page;
            }
            catch (Exception exception)
            {
                return "failed: " + exception.Message;
            }
        }

        return Task.WhenAll(pages.Select(OutcomeAsync));
    }));

    [Fact]
    public Task CheckSitesAsync_AwaitEachInTurnInsideTry_Passes() => PassesAsync(Chapter03Checks.CheckSitesAsync(async pages =>
    {
        var lines = new List<string>();
        foreach (Task<string> page in pages)
        {
            try
            {
                lines.Add("ok: " + await page);
            }
            catch (Exception exception)
            {
                lines.Add("failed: " + exception.Message);
            }
        }

        return [.. lines];
    }));

    [Fact]
    public Task CheckSitesAsync_PlainWhenAll_NotYet() => NotYetAsync(Chapter03Checks.CheckSitesAsync(async pages =>
        [.. (await Task.WhenAll(pages)).Select(response => "ok: " + response)]), "SimulatedFailureException");

    [Fact]
    public Task CheckSitesAsync_ReportsOnlyTheFirstFailure_NotYet() => NotYetAsync(Chapter03Checks.CheckSitesAsync(async pages =>
    {
        try
        {
            return [.. (await Task.WhenAll(pages)).Select(response => "ok: " + response)];
        }
        catch (Exception exception)
        {
            return ["failed: " + exception.Message];
        }
    }), "Returns");

    [Fact]
    public Task CheckSitesAsync_CompletionOrder_NotYet() => NotYetAsync(Chapter03Checks.CheckSitesAsync(async pages =>
    {
        var lines = new List<string>();
        await foreach (Task<string> page in Task.WhenEach(pages))
        {
            lines.Add(page.IsCompletedSuccessfully ? "ok: " + page.Result : "failed: " + page.Exception!.InnerException!.Message);
        }

        return [.. lines];
    }), "Returns");

    [Fact]
    public Task CheckUploadsAsync_AskEachTaskInArrayOrder_Passes() => PassesAsync(Chapter03Checks.CheckUploadsAsync(async uploads =>
    {
        try
        {
            await Task.WhenAll(uploads);
        }
        catch (Exception)
        {
        }

        return [.. uploads.Where(u => u.IsFaulted).Select(u => u.Exception!.InnerException!.Message)];
    }));

    [Fact]
    public Task CheckUploadsAsync_AwaitEachInTurnInsideTry_Passes() => PassesAsync(Chapter03Checks.CheckUploadsAsync(async uploads =>
    {
        var messages = new List<string>();
        foreach (Task upload in uploads)
        {
            try
            {
                await upload;
            }
            catch (Exception exception)
            {
                messages.Add(exception.Message);
            }
        }

        return [.. messages];
    }));

    [Fact]
    public Task CheckUploadsAsync_OnlyWhatAwaitThrows_NotYet() => NotYetAsync(Chapter03Checks.CheckUploadsAsync(async uploads =>
    {
        try
        {
            await Task.WhenAll(uploads);
            return [];
        }
        catch (Exception exception)
        {
            return [exception.Message];
        }
    }), "Returns");

    [Fact]
    public Task CheckUploadsAsync_InnerExceptionsOfWhenAll_NotYetBecauseTheirOrderIsNotTheArrays() => NotYetAsync(Chapter03Checks.CheckUploadsAsync(async uploads =>
    {
        Task all = Task.WhenAll(uploads);
        try
        {
            await all;
            return [];
        }
        catch (Exception)
        {
            return [.. all.Exception!.InnerExceptions.Select(e => e.Message)];
        }
    }), "Returns");

    [Fact]
    public Task CheckQuoteFallbackAsync_AwaitInsideTry_Passes() => PassesAsync(Chapter03Checks.CheckQuoteFallbackAsync(async (live, cache) =>
    {
        try
        {
            return await live();
        }
        catch (SimulatedFailureException)
        {
            return await cache();
        }
    }));

    [Fact]
    public Task CheckQuoteFallbackAsync_ContinuationThatPicksTheCache_Passes() => PassesAsync(Chapter03Checks.CheckQuoteFallbackAsync((live, cache) =>
        live().ContinueWith(t => t.IsFaulted ? cache() : t, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.FromCurrentSynchronizationContext()).Unwrap()));

    [Fact]
    public Task CheckQuoteFallbackAsync_TryAroundTheCallOnly_NotYet() => NotYetAsync(Chapter03Checks.CheckQuoteFallbackAsync(async (live, cache) =>
    {
        Task<string> quote;
        try
        {
            quote = live();
        }
        catch (SimulatedFailureException)
        {
            return await cache();
        }

        return await quote;
    }), "SimulatedFailureException");

    [Fact]
    public Task CheckQuoteFallbackAsync_AlwaysTheCache_NotYetWhenTheLiveQuoteWorks() => NotYetAsync(Chapter03Checks.CheckQuoteFallbackAsync(async (live, cache) =>
    {
        try
        {
            await live();
        }
        catch (SimulatedFailureException)
        {
        }

        return await cache();
    }), "Records exactly 1 operation");

    [Fact]
    public Task CheckQuoteFallbackAsync_BothAtOnce_NotYet() => NotYetAsync(Chapter03Checks.CheckQuoteFallbackAsync(async (live, cache) =>
    {
        Task<string> cached = cache();
        try
        {
            return await live();
        }
        catch (SimulatedFailureException)
        {
            return await cached;
        }
    }), "starts only after");
}
