using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// Chapter 09 provokes a deadlock and thread-pool starvation on purpose. Its cells must contain both: each demo ends
/// by itself, through its own timeout, well within a cell timeout far shorter than a hang (which never ends), in both
/// engines, and the pool's minimum is as it was.
/// </summary>
public sealed class PitfallsContainmentTests : IDisposable
{
    private readonly TestNotebook files = new();

    private const string Chapter = "09-pitfalls.ipynb";

    /// <summary>Far below a hang, and above what the demos take on a busy 2-core machine (a few seconds).</summary>
    private static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(45);

    private static readonly string[] HangingDemos =
        ["setup", "heartbeat-helper", "heartbeat-jobs", "heartbeat", "starvation-helper", "starvation", "deadlock-methods", "deadlock", "cpu-work", "cpu-jobs", "cpu-on-loop", "foreign-thread", "foreign-post"];

    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DeadlockAndStarvationCells_EndByThemselves_WellWithinTheCellTimeout(KernelEngine engine)
    {
        var notebook = Only(ChapterFile.Load(Chapter).Chapter, HangingDemos);

        var run = await NotebookProcess.RunAsync(notebook, Engines.Options(engine, CellTimeout));

        var results = notebook.Cells.Select(cell => (cell.Id, Result: run.Results[cell.Index])).ToList();
        Assert.All(results, cell => Assert.Equal((cell.Id, CellStatus.Ok), (cell.Id, cell.Result.Status)));
        Assert.All(results, cell => Assert.True(cell.Result.RunTime < CellTimeout / 3, $"{cell.Id} took {cell.Result.RunTime}"));
        Assert.Contains("deadlock, given up", results.Single(cell => cell.Id == "deadlock").Result.Stream("stdout"), StringComparison.Ordinal);
        Assert.Contains("the same minimum: True", results.Single(cell => cell.Id == "pool-minimum").Result.Stream("stdout"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A notebook, in a temporary folder, of the chapter's cells named <paramref name="ids"/> in order (the setup cell loading
    /// AsyncLab by its full path), with a cell that notes the pool's minimum after setup and one at the end, "pool-minimum",
    /// that compares the minimum then with the one at the start.
    /// </summary>
    private NotebookDocument Only(NotebookDocument chapter, string[] ids)
    {
        var kept = chapter.Cells.Where(cell => ids.Contains(cell.Id)).ToList();
        var setup = kept[0].Source.Replace("\"../artifacts/", "\"" + Repository.Root + "/artifacts/", StringComparison.Ordinal);
        var path = files.Write(
            "09-pitfalls-containment.ipynb",
            [
                TestNotebook.Code("setup", setup),
                TestNotebook.Code("pool-minimum-before", "ThreadPool.GetMinThreads(out int startWorkers, out int startIo);"),
                .. kept.Skip(1).Select(cell => TestNotebook.Code(cell.Id, cell.Source)),
                TestNotebook.Code("pool-minimum", "ThreadPool.GetMinThreads(out int endWorkers, out int endIo);\nConsole.WriteLine($\"the same minimum: {(startWorkers, startIo) == (endWorkers, endIo)}\");"),
            ]);
        return NotebookReader.Load(path);
    }
}
