using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter01ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckBreakfastAsync_StartAllThenAwaitEach_Passes() => PassesAsync(Chapter01Checks.CheckBreakfastAsync(async (coffee, eggs, toast) =>
    {
        Task c = coffee(), e = eggs(), t = toast();
        await c;
        await e;
        await t;
    }));

    [Fact]
    public Task CheckBreakfastAsync_WhenAllInReverseWithContinueWith_Passes() => PassesAsync(Chapter01Checks.CheckBreakfastAsync((coffee, eggs, toast) =>
        Task.WhenAll(new[] { toast, eggs, coffee }.Select(start => start())).ContinueWith(all => all, TaskScheduler.Default).Unwrap()));

    [Fact]
    public Task CheckBreakfastAsync_Sequential_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync(async (coffee, eggs, toast) =>
    {
        await coffee();
        await eggs();
        await toast();
    }), "All operations are in flight");

    [Fact]
    public Task CheckBreakfastAsync_AwaitsOnlyTheEggs_NotYetWhenAnotherDishIsSlowest() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync(async (coffee, eggs, toast) =>
    {
        _ = coffee();
        Task e = eggs();
        _ = toast();
        await e;
    }), "still running");

    [Fact]
    public Task CheckBreakfastAsync_ReturnsWithoutAwaiting_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync((coffee, eggs, toast) =>
    {
        coffee();
        eggs();
        toast();
        return Task.CompletedTask;
    }), "still running");

    [Fact]
    public Task CheckBreakfastAsync_WaitAllBlocks_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync((coffee, eggs, toast) =>
    {
        Task.WaitAll(coffee(), eggs(), toast());
        return Task.CompletedTask;
    }), "Waits without blocking");

    [Fact]
    public Task CheckBreakfastAsync_TaskRunAroundBlockingWaits_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync((coffee, eggs, toast) =>
        Task.WhenAll(Task.Run(() => coffee().Wait()), Task.Run(() => eggs().Wait()), Task.Run(() => toast().Wait()))), "started on another thread");

    [Fact]
    public Task CheckBreakfastAsync_ThreadSleepThenStart_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync(async (coffee, eggs, toast) =>
    {
        Thread.Sleep(TimeSpan.FromSeconds(0.5));
        await Task.WhenAll(coffee(), eggs(), toast());
    }), "counts as blocking");

    [Fact]
    public Task CheckBreakfastAsync_ResultOnEachTask_NotYet() => NotYetAsync(Chapter01Checks.CheckBreakfastAsync((coffee, eggs, toast) =>
    {
        Task<string>[] dishes = [(Task<string>)coffee(), (Task<string>)eggs(), (Task<string>)toast()];
        _ = dishes.Select(d => d.Result).ToArray();
        return Task.CompletedTask;
    }), "deadlock");

    [Fact]
    public Task CheckDashboardAsync_StartAllThenAwaitInOrder_Passes() => PassesAsync(Chapter01Checks.CheckDashboardAsync(async (weather, news, stocks) =>
    {
        Task<string> w = weather(), n = news(), s = stocks();
        return [await w, await n, await s];
    }));

    [Fact]
    public Task CheckDashboardAsync_AwaitInReverseOrder_Passes() => PassesAsync(Chapter01Checks.CheckDashboardAsync(async (weather, news, stocks) =>
    {
        Task<string> w = weather(), n = news(), s = stocks();
        string last = await s, middle = await n, first = await w;
        return [first, middle, last];
    }));

    [Fact]
    public Task CheckDashboardAsync_Sequential_NotYet() => NotYetAsync(Chapter01Checks.CheckDashboardAsync(async (weather, news, stocks) =>
        [await weather(), await news(), await stocks()]), "All operations are in flight");

    [Fact]
    public Task CheckDashboardAsync_CompletionOrder_NotYet() => NotYetAsync(Chapter01Checks.CheckDashboardAsync(async (weather, news, stocks) =>
    {
        var results = new List<string>();
        await foreach (Task<string> done in Task.WhenEach(weather(), news(), stocks()))
        {
            results.Add(await done);
        }

        return [.. results];
    }), "Returns");

    [Fact]
    public Task CheckDashboardAsync_HardCodedValues_NotYet() => NotYetAsync(Chapter01Checks.CheckDashboardAsync(async (weather, news, stocks) =>
    {
        await Task.WhenAll(weather(), news(), stocks());
        return ["response from weather", "response from news", "response from stocks"];
    }), "Returns");
}
