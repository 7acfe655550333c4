using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>The probe behind "no task is still running when a chapter ends" can fail.</summary>
public sealed class LeftoverProbeTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Leftovers_NotebookThatAwaitsEverything_IsEmpty()
    {
        var run = await RunAsync("var done = Task.Delay(50);", "await done;");

        Assert.Equal("", LeftoverProbe.Leftovers(run));
    }

    [Fact]
    public async Task Leftovers_DelayNobodyAwaits_IsReported()
    {
        var run = await RunAsync("var forgotten = Task.Delay(TimeSpan.FromSeconds(30));");

        Assert.Equal("1 timer(s) still pending and 0 work item(s) still queued when the notebook ended", LeftoverProbe.Leftovers(run));
    }

    private async Task<NotebookRun> RunAsync(params string[] cells)
    {
        var path = files.Write("leaks.ipynb", [TestNotebook.Code("setup", "var ready = true;"), .. cells.Select((code, index) => TestNotebook.Code($"cell-{index}", code))]);
        return await NotebookProcess.RunAsync(LeftoverProbe.AddTo(NotebookReader.Load(path)), new RunOptions(Repository.Runner, TimeSpan.FromSeconds(60)));
    }
}
