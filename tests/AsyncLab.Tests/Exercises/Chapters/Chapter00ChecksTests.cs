using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter00ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckFirstFetchAsync_AwaitsTheFetch_Passes() => PassesAsync(Chapter00Checks.CheckFirstFetchAsync(async (io, name, latency) => await io.FetchAsync(name, latency)));

    [Fact]
    public Task CheckFirstFetchAsync_ReturnsTheFetchsOwnTask_Passes() => PassesAsync(Chapter00Checks.CheckFirstFetchAsync((io, name, latency) => io.FetchAsync(name, latency)));

    [Fact]
    public Task CheckFirstFetchAsync_MadeUpValue_NotYet() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync((io, name, latency) => Task.FromResult("hello")), "Records exactly 1 operation");

    [Fact]
    public Task CheckFirstFetchAsync_HardCodedName_NotYetForAnotherName() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync(async (io, name, latency) =>
        await io.FetchAsync("greeting", latency)), "Returns \"response from weather");

    [Fact]
    public Task CheckFirstFetchAsync_HardCodedLatency_NotYetForAnotherLatency() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync(async (io, name, latency) =>
        await io.FetchAsync(name, TimeSpan.FromSeconds(0.5))), "takes the 0.75 s it was given");

    [Fact]
    public Task CheckFirstFetchAsync_StartsWithoutAwaiting_NotYet() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync((io, name, latency) =>
    {
        _ = io.FetchAsync(name, latency);
        return Task.FromResult("response from " + name);
    }), "still running");

    [Fact]
    public Task CheckFirstFetchAsync_ReadsResult_NotYet() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync((io, name, latency) =>
        Task.FromResult(io.FetchAsync(name, latency).Result)), "deadlock");

    [Fact]
    public Task CheckFirstFetchAsync_BlocksThenReturnsTheKnownValue_NotYet() => NotYetAsync(Chapter00Checks.CheckFirstFetchAsync((io, name, latency) =>
    {
        io.Block(name, latency);
        return Task.FromResult("response from " + name);
    }), "every wait was over before the caller got the task back");
}
