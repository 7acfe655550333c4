using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>The probe behind "no task is still running when a chapter ends" can fail.</summary>
public sealed class LeftoverProbeTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Leftovers_NotebookThatAwaitsEverything_IsEmpty(KernelEngine engine)
    {
        var run = await RunAsync(engine, "var done = Task.Delay(50);", "await done;");

        Assert.Equal("", LeftoverProbe.Leftovers(run));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Leftovers_DelayNobodyAwaits_IsReported(KernelEngine engine)
    {
        var run = await RunAsync(engine, "var forgotten = Task.Delay(TimeSpan.FromSeconds(30));");

        Assert.Equal("1 timer(s) still pending and 0 work item(s) still queued when the notebook ended", LeftoverProbe.Leftovers(run));
    }

    private async Task<NotebookRun> RunAsync(KernelEngine engine, params string[] cells)
    {
        var path = files.Write("leaks.ipynb", [TestNotebook.Code("setup", "var ready = true;"), .. cells.Select((code, index) => TestNotebook.Code($"cell-{index}", code))]);
        return await NotebookProcess.RunAsync(LeftoverProbe.AddTo(NotebookReader.Load(path)), Engines.Options(engine));
    }
}
