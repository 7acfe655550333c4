using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// AsyncLab and the runner never reference each other: its charts, summaries and checks reach the
/// notebook through the kernel's name-based conventions alone, as chapters load it.
/// </summary>
public sealed class AsyncLabInTheKernelTests
{
    private readonly ScriptKernel kernel = new(Repository.Notebooks);

    [Fact]
    public async Task Chart_RendersItsOwnHtmlAndATextFallback()
    {
        await LoadAsync();

        var data = (await kernel.SubmitAsync("var recorder = new TimingRecorder();\nrecorder.Record(\"step\", () => { });\nrecorder.Timeline(\"One step\")")).ResultData();

        Assert.Equal(["text/html", "text/plain"], data.Select(pair => pair.Key));
        Assert.Contains("Plotly.newPlot", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("step", data["text/plain"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IsRecognisedByTheRunner_PassedAndNotYet()
    {
        await LoadAsync();

        var passed = await kernel.SubmitAsync("await Exercise.CheckAsync(\"waits for a fetch\", io => io.FetchAsync(\"a\", TimeSpan.FromMilliseconds(20)), Expect.Operations(1))");
        var notYet = await kernel.SubmitAsync("await Exercise.CheckAsync(\"waits for two fetches\", io => io.FetchAsync(\"a\", TimeSpan.FromMilliseconds(20)), Expect.Operations(2))");

        Assert.Equal(("waits for a fetch", true), (passed.Checks.Single().Title, passed.Checks.Single().Passed));
        Assert.Equal(("waits for two fetches", false), (notYet.Checks.Single().Title, notYet.Checks.Single().Passed));
        Assert.Equal(CellStatus.Ok, notYet.Status);
    }

    private async Task LoadAsync()
    {
        var setup = await kernel.SubmitAsync("#r \"../artifacts/bin/AsyncLab/debug/AsyncLab.dll\"\nusing AsyncLab;");
        Assert.Equal(CellStatus.Ok, setup.Status);
    }
}
