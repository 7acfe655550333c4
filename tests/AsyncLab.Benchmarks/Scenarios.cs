namespace AsyncLab.Benchmarks;

/// <summary>The scenarios of the "done means", run in virtual time.</summary>
internal static class Scenarios
{
    private static readonly SimulatedIOOptions Unscaled = new() { LatencyScale = 1 };

    /// <summary>Task.WhenAll of simulated operations of 1 s, 2 s and 3 s.</summary>
    public static TimingRecorder WhenAllOneTwoThree() => VirtualTimeLoop.Run(async time =>
    {
        var recorder = new TimingRecorder(time);
        var io = new SimulatedIO(recorder, Unscaled);
        await Task.WhenAll(
            io.FetchAsync("A", TimeSpan.FromSeconds(1)),
            io.FetchAsync("B", TimeSpan.FromSeconds(2)),
            io.FetchAsync("C", TimeSpan.FromSeconds(3)));
        return recorder;
    });

    /// <summary><paramref name="count"/> simulated operations of <paramref name="latency"/>, at most <paramref name="limit"/> at a time.</summary>
    public static TimingSummary Throttled(int count, int limit, TimeSpan latency) => VirtualTimeLoop.Run(async time =>
    {
        var recorder = new TimingRecorder(time);
        var io = new SimulatedIO(recorder, Unscaled);
        using var slots = new SemaphoreSlim(limit);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                await io.FetchAsync("op " + i, latency);
            }
            finally
            {
                slots.Release();
            }
        }));
        return recorder.Summarize();
    });
}
