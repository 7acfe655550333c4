using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// AsyncLab and the runner never reference each other: its charts, summaries and checks reach the
/// notebook through the kernel's name-based conventions alone, as chapters load it, in either engine.
/// </summary>
public sealed class AsyncLabInTheKernelTests : IDisposable
{
    private readonly TestNotebook files = new();

    private static string Setup => $"#r \"{Path.Combine(Repository.Root, "artifacts", "bin", "AsyncLab", "debug", "AsyncLab.dll")}\"\nusing AsyncLab;";

    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Chart_RendersItsOwnHtml_WithItsTextInside(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, Setup, "var recorder = new TimingRecorder();\nrecorder.Record(\"step\", () => { });\nrecorder.Timeline(\"One step\")");

        Assert.Equal(CellStatus.Ok, results[0].Status);
        var data = results[1].ResultData();
        Assert.Equal(["text/html"], data.Select(pair => pair.Key));
        Assert.Contains("Plotly.newPlot", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<pre style=\"margin:0\">One step", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Check_IsRecognisedByTheRunner_PassedAndNotYet(KernelEngine engine)
    {
        var results = await Engines.RunAsync(
            engine,
            files,
            Setup,
            "await Exercise.CheckAsync(\"waits for a fetch\", io => io.FetchAsync(\"a\", TimeSpan.FromMilliseconds(20)), Expect.Operations(1))",
            "await Exercise.CheckAsync(\"waits for two fetches\", io => io.FetchAsync(\"a\", TimeSpan.FromMilliseconds(20)), Expect.Operations(2))");

        Assert.Equal(("waits for a fetch", true), (results[1].Checks.Single().Title, results[1].Checks.Single().Passed));
        Assert.Equal(("waits for two fetches", false), (results[2].Checks.Single().Title, results[2].Checks.Single().Passed));
        Assert.Equal(CellStatus.Ok, results[2].Status);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LocalSite_ServesInTheKernel_AndACellThatFailsHalfwayLeavesNothingListening(KernelEngine engine)
    {
        var results = await Engines.RunAsync(
            engine,
            files,
            Setup + "\nusing System.Net.Http;\nusing System.Net.Sockets;",
            """
            int port = 0;
            await using (var site = await LocalSite.StartAsync(new LocalSiteOptions { PageCount = 20 }))
            {
                port = site.Port;
                using var http = new HttpClient { BaseAddress = site.BaseAddress };
                Console.WriteLine($"{(int)(await http.GetAsync("/pages/0")).StatusCode} from {site.BaseAddress.Host}");
                throw new InvalidOperationException("The cell failed halfway.");
            }
            """,
            """
            using (var probe = new TcpClient())
            {
                try { await probe.ConnectAsync("127.0.0.1", port); Console.WriteLine($"still listening on {port}"); }
                catch (SocketException) { Console.WriteLine("nothing listening"); }
            }
            """);

        Assert.Equal(CellStatus.Ok, results[0].Status);
        Assert.Equal(CellStatus.Failed, results[1].Status);
        Assert.Equal("200 from 127.0.0.1\n", results[1].Stream("stdout"));
        Assert.Equal("The cell failed halfway.", results[1].Error());
        Assert.Equal(CellStatus.Ok, results[2].Status);
        Assert.Equal("nothing listening\n", results[2].Stream("stdout"));
    }
}
