using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// Chapter 12 runs real servers in the kernel's process and a live display: its cells, up to the dashboard, run with a
/// failure injected into the dashboard's cell halfway through the crawl. The display still holds one live output (updated
/// in place, not piled up), and afterwards nothing listens on any port a site of the chapter used.
/// </summary>
public sealed class CapstoneChapterTests : IDisposable
{
    private const string StartsASite = "await using (var site = await LocalSite.StartAsync(";
    private const string LiveUpdate = "live.Update(dashboard.Sample());";

    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ACellThatFailsHalfwayThroughTheCrawl_LeavesOneLiveOutput_AndNothingListening(KernelEngine engine)
    {
        var chapter = ChapterFile.Load("12-capstone-crawler.ipynb");
        var code = chapter.Code.TakeWhile(cell => !cell.IsExercise).Select(cell => cell.Source).ToList();
        int dashboard = code.FindIndex(source => source.Contains(LiveUpdate, StringComparison.Ordinal));
        Assert.True(dashboard > 0, "the chapter has a cell that updates a live display");
        string library = Path.Combine(Repository.Root, "artifacts", "bin", "AsyncLab", "debug", "AsyncLab.dll");
        var cells = code.Take(dashboard + 1).Select((source, index) => Instrument(source, index == dashboard, library)).ToList();
        cells.Insert(1, "var ports = new List<int>();");
        cells.Add("""
            using System.Net.Sockets;
            int listening = 0;
            foreach (int port in ports)
            {
                using var probe = new TcpClient();
                try { await probe.ConnectAsync("127.0.0.1", port); listening++; }
                catch (SocketException) { }
            }
            Console.WriteLine($"{ports.Count} sites, {listening} still listening; {dashboard.Samples.Count} samples shown");
            """);

        var results = await Engines.RunAsync(engine, files, [.. cells]);

        Assert.All(results.Take(cells.Count - 2), result => Assert.Equal(CellStatus.Ok, result.Status));
        var failed = results[^2];
        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Equal("The cell failed halfway.", failed.Error());
        var displays = failed.OfType("display_data").ToList();
        Assert.Equal(2, displays.Count);   // the heading, and one live output however many updates it had
        Assert.Contains("done of 300", displays[1]["data"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(CellStatus.Ok, results[^1].Status);
        Assert.Matches(@"^[5-9] sites, 0 still listening; [3-9]\d* samples shown\n$", results[^1].Stream("stdout"));
    }

    /// <summary>Loads AsyncLab by its full path, notes the port of every site the cell starts, and makes the dashboard fail after three updates.</summary>
    private static string Instrument(string source, bool failHalfway, string library)
    {
        string instrumented = source.Replace("../artifacts/bin/AsyncLab/debug/AsyncLab.dll", library, StringComparison.Ordinal);
        int start = instrumented.IndexOf(StartsASite, StringComparison.Ordinal);
        if (start >= 0)
        {
            int body = instrumented.IndexOf('{', instrumented.IndexOf('\n', start)) + 1;
            instrumented = instrumented.Insert(body, " ports.Add(site.Port);");
        }

        if (failHalfway)
        {
            int update = instrumented.IndexOf(LiveUpdate, StringComparison.Ordinal);
            instrumented = instrumented.Remove(update, LiveUpdate.Length).Insert(update, "{ " + LiveUpdate + " if (dashboard.Samples.Count == 3) throw new InvalidOperationException(\"The cell failed halfway.\"); }");
        }

        return instrumented;
    }
}
