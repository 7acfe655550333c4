namespace AsyncLab;

/// <summary>The exercise check of chapter 00, Start here. It runs your method on names and latencies you did not write.</summary>
public static class Chapter00Checks
{
    /// <summary>
    /// Checks <c>FirstFetchAsync(io, name, latency)</c> three times, with other names and latencies: one operation,
    /// named as given, lasting the given latency, awaited before returning its response, without blocking.
    /// </summary>
    /// <param name="firstFetchAsync">Your method.</param>
    public static Task<CheckResult> CheckFirstFetchAsync(Func<SimulatedIO, string, TimeSpan, Task<string>> firstFetchAsync)
    {
        ArgumentNullException.ThrowIfNull(firstFetchAsync);
        return Exercise.CheckAsync("Your first await", Fetch("greeting", 0.5), Fetch("weather " + CheckData.Tag(), 0.75), Fetch("news " + CheckData.Tag(), 0.4));

        Trial Fetch(string name, double seconds) => Trial.Of(
            "\"" + name + "\", " + TextFormat.Number(seconds) + " s",
            io => firstFetchAsync(io, name, TimeSpan.FromSeconds(seconds)),
            Expect.Operations(1), CheckData.Lasted(name, seconds), Expect.NothingRunning(), Expect.Result("response from " + name));
    }
}
