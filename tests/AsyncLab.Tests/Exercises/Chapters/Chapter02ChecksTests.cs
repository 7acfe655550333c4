using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter02ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckBasketAsync_SelectToArrayWhenAll_Passes() => PassesAsync(Chapter02Checks.CheckBasketAsync((basket, fetchPrice) =>
        Task.WhenAll(basket.Select(fetchPrice).ToArray())));

    [Fact]
    public Task CheckBasketAsync_StartInALoopThenAwaitByIndex_Passes() => PassesAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        var started = new Task<string>[basket.Length];
        for (int i = basket.Length - 1; i >= 0; i--)
        {
            started[i] = fetchPrice(basket[i]);
        }

        var prices = new string[basket.Length];
        for (int i = 0; i < basket.Length; i++)
        {
            prices[i] = await started[i];
        }

        return prices;
    }));

    [Fact]
    public Task CheckBasketAsync_OneAfterAnother_NotYet() => NotYetAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        var prices = new List<string>();
        foreach (string product in basket)
        {
            prices.Add(await fetchPrice(product));
        }

        return [.. prices];
    }), "All operations are in flight");

    [Fact]
    public Task CheckBasketAsync_CompletionOrderThenSorted_NotYet() => NotYetAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        var prices = new List<string>();
        await foreach (Task<string> price in Task.WhenEach(basket.Select(fetchPrice).ToArray()))
        {
            prices.Add(await price);
        }

        return [.. prices.Order(StringComparer.Ordinal)];
    }), "Returns");

    [Fact]
    public Task CheckBasketAsync_CompletionOrder_NotYet() => NotYetAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        var prices = new List<string>();
        await foreach (Task<string> price in Task.WhenEach(basket.Select(fetchPrice).ToArray()))
        {
            prices.Add(await price);
        }

        return [.. prices];
    }), "Returns");

    [Fact]
    public Task CheckBasketAsync_LazyQueryEnumeratedTwice_NotYet() => NotYetAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        IEnumerable<Task<string>> prices = basket.Select(fetchPrice);
        await Task.WhenAll(prices);
        return await Task.WhenAll(prices);
    }), "Records exactly 4 operations");

    [Fact]
    public Task CheckBasketAsync_ParallelForEachAsyncWithItsDefaultDegree_NotYet() => NotYetAsync(Chapter02Checks.CheckBasketAsync(async (basket, fetchPrice) =>
    {
        var prices = new string[basket.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, basket.Length), async (i, _) => prices[i] = await fetchPrice(basket[i]));
        return prices;
    }), "started on another thread");

    [Fact]
    public Task CheckFastestMirrorAsync_WhenAnyCancelAwaitAll_Passes() => PassesAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
    {
        using var others = new CancellationTokenSource();
        Task<string>[] downloads = [.. mirrors.Select(mirror => mirror(others.Token))];
        Task<string> fastest = await Task.WhenAny(downloads);
        others.Cancel();
        try
        {
            await Task.WhenAll(downloads);
        }
        catch (OperationCanceledException)
        {
        }

        return await fastest;
    }));

    [Fact]
    public Task CheckFastestMirrorAsync_WhenEachFirstThenCancelAndDrain_Passes() => PassesAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
    {
        using var others = new CancellationTokenSource();
        Task<string>[] downloads = [.. mirrors.Select(mirror => mirror(others.Token))];
        string? first = null;
        await foreach (Task<string> done in Task.WhenEach(downloads))
        {
            if (first is null)
            {
                first = await done;
                await others.CancelAsync();
            }
        }

        return first!;
    }));

    [Fact]
    public Task CheckFastestMirrorAsync_WaitsForAllTakesTheFirstInTheArray_NotYet() => NotYetAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
        (await Task.WhenAll(mirrors.Select(mirror => mirror(CancellationToken.None))))[0]), "Exactly one operation completes");

    [Fact]
    public Task CheckFastestMirrorAsync_AwaitsTheMirrorKnownToBeFastest_NotYetWhenAnotherWins() => NotYetAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
    {
        using var others = new CancellationTokenSource();
        Task<string>[] downloads = [.. mirrors.Select(mirror => mirror(others.Token))];
        string known = await downloads[1];
        others.Cancel();
        try
        {
            await Task.WhenAll(downloads);
        }
        catch (OperationCanceledException)
        {
        }

        return known;
    }), "Exactly one operation completes");

    [Fact]
    public Task CheckFastestMirrorAsync_WhenAnyWithoutCancel_NotYet() => NotYetAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
        await await Task.WhenAny(mirrors.Select(mirror => mirror(CancellationToken.None)))), "still running");

    [Fact]
    public Task CheckFastestMirrorAsync_CancelsWithoutAwaitingTheLosers_NotYet() => NotYetAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
    {
        var others = new CancellationTokenSource();
        Task<string> fastest = await Task.WhenAny(mirrors.Select(mirror => mirror(others.Token)));
        others.Cancel();
        return await fastest;
    }), "still running");

    [Fact]
    public Task CheckFastestMirrorAsync_CancelsInAContinuationThatRacesTheReturn_NotYet() => NotYetAsync(Chapter02Checks.CheckFastestMirrorAsync(async mirrors =>
    {
        var others = new CancellationTokenSource();
        Task<string> fastest = await Task.WhenAny(mirrors.Select(mirror => mirror(others.Token)));
        _ = fastest.ContinueWith(_ => others.Cancel(), TaskScheduler.Default);
        return await fastest;
    }), "still running");

    [Fact]
    public Task CheckParcelsAsync_WhenEach_Passes() => PassesAsync(Chapter02Checks.CheckParcelsAsync(async parcels =>
    {
        var handled = new List<string>();
        await foreach (Task<string> parcel in Task.WhenEach(parcels))
        {
            handled.Add(await parcel);
        }

        return handled;
    }));

    [Fact]
    public Task CheckParcelsAsync_AContinuationPerParcel_Passes() => PassesAsync(Chapter02Checks.CheckParcelsAsync(async parcels =>
    {
        var handled = new List<string>();
        async Task HandleAsync(Task<string> parcel) => handled.Add(await parcel);
        await Task.WhenAll(parcels.Select(HandleAsync));
        return handled;
    }));

    [Fact]
    public Task CheckParcelsAsync_InTheOrderSent_NotYet() => NotYetAsync(Chapter02Checks.CheckParcelsAsync(async parcels =>
    {
        var handled = new List<string>();
        foreach (Task<string> parcel in parcels)
        {
            handled.Add(await parcel);
        }

        return handled;
    }), "in the order they completed");

    [Fact]
    public Task CheckParcelsAsync_WhenAllThenSorted_NotYet() => NotYetAsync(Chapter02Checks.CheckParcelsAsync(async parcels =>
        [.. (await Task.WhenAll(parcels)).Order(StringComparer.Ordinal)]), "in the order they completed");

    [Fact]
    public Task CheckParcelsAsync_Reversed_NotYet() => NotYetAsync(Chapter02Checks.CheckParcelsAsync(async parcels =>
        [.. (await Task.WhenAll(parcels)).Reverse()]), "in the order they completed");
}
