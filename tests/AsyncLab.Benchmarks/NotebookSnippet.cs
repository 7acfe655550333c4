namespace AsyncLab.Benchmarks;

/// <summary>
/// Three notebook cells that show the same Task.WhenAll timeline in real time and in virtual time.
/// They assume a chapter's setup cell (AsyncLab loaded, <c>using System.Diagnostics;</c>, <c>using AsyncLab;</c>).
/// </summary>
internal static class NotebookSnippet
{
    /// <summary>What a chapter's setup cell provides, after its <c>#r</c> line.</summary>
    public const string Setup = """
        using System.Diagnostics;
        using System.Threading;
        using AsyncLab;
        """;

    public static readonly string[] Cells =
    [
        """
        // Three simulated downloads of 1, 2 and 3 seconds, started together. A TimingRecorder created
        // without a clock uses the current one: real time here, virtual time inside VirtualTimeLoop.
        async Task<TimingRecorder> ThreeDownloadsAsync()
        {
            var recorder = new TimingRecorder();
            var io = new SimulatedIO(recorder);
            await Task.WhenAll(
                io.FetchAsync("A", TimeSpan.FromSeconds(1)),
                io.FetchAsync("B", TimeSpan.FromSeconds(2)),
                io.FetchAsync("C", TimeSpan.FromSeconds(3)));
            return recorder;
        }

        var stopwatch = Stopwatch.StartNew();
        TimingRecorder inRealTime = await ThreeDownloadsAsync();
        Console.WriteLine($"Real time: wall time {stopwatch.ElapsedMilliseconds} ms");
        """,
        """
        // The same method on an event loop whose clock jumps straight to the next timer.
        stopwatch.Restart();
        TimingRecorder inVirtualTime = await VirtualTimeLoop.RunAsync(_ => ThreeDownloadsAsync());
        Console.WriteLine($"Virtual time: wall time {stopwatch.ElapsedMilliseconds} ms");
        """,
        """
        TimelineChart.Compare("Three downloads with Task.WhenAll", ("Real time", inRealTime), ("Virtual time", inVirtualTime))
        """,
    ];
}
