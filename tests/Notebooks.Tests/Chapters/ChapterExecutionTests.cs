using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// Every chapter runs headlessly with no failed cell and leaves nothing running, in the real .NET
/// Interactive kernel that learners use. In starter mode every check says "not yet" (the starter code
/// is the obvious wrong answer); with the solutions every check passes, in the scripting engine too.
/// Simulated latencies run at half scale, and every check must hold there too.
/// </summary>
public sealed class ChapterExecutionTests
{
    private const string LatencyScale = "0.5";

    public static TheoryData<string> Chapters => [.. Repository.Chapters];

    public static TheoryData<string, KernelEngine> ChaptersInEachEngine
    {
        get
        {
            var data = new TheoryData<string, KernelEngine>();
            foreach (var file in Repository.Chapters)
            {
                data.Add(file, KernelEngine.Interactive);
                data.Add(file, KernelEngine.Scripting);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task Starter_RunsWithoutFailures_AndEveryCheckSaysNotYet(string file)
    {
        var chapter = ChapterFile.Load(file);

        await RunAndCheckAsync(chapter, chapter.Chapter, KernelEngine.Interactive, "starter", passed: false);
    }

    [Theory]
    [MemberData(nameof(ChaptersInEachEngine))]
    public async Task Solutions_RunWithoutFailures_AndEveryCheckPasses(string file, KernelEngine engine)
    {
        var chapter = ChapterFile.Load(file);

        await RunAndCheckAsync(chapter, Solutions.Apply(chapter.Chapter), engine, "solutions", passed: true);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task SolutionNotebook_RunsOnItsOwn_AndEveryCheckPasses(string file)
    {
        var chapter = ChapterFile.Load(file);

        await RunAndCheckAsync(chapter, NotebookReader.Load(chapter.SolutionPath), KernelEngine.Interactive, "solution-notebooks", passed: true);
    }

    /// <summary>Runs <paramref name="notebook"/>, then expects one check per exercise of <paramref name="chapter"/>, each passed or each not yet.</summary>
    private static async Task RunAndCheckAsync(ChapterFile chapter, NotebookDocument notebook, KernelEngine engine, string mode, bool passed)
    {
        var run = await RunAsync(notebook, engine, mode);

        Assert.Equal(chapter.Exercises.Count, run.Checks.Count);
        Assert.All(run.Checks, check => Assert.True(check.Passed == passed, $"{notebook.Path} ({mode}): the check '{check.Title}' {(passed ? "does not pass" : "passes")}"));
    }

    /// <summary>Runs a notebook as the runner would, keeps the executed copy for inspection, and asserts no cell failed.</summary>
    private static async Task<NotebookRun> RunAsync(NotebookDocument notebook, KernelEngine engine, string mode)
    {
        var options = Engines.Options(engine, TimeSpan.FromSeconds(60)) with
        {
            Environment = new Dictionary<string, string> { ["ASYNCLAB_LATENCY_SCALE"] = LatencyScale },
        };

        var run = await NotebookProcess.RunAsync(LeftoverProbe.AddTo(notebook), options);

        var copy = Path.Combine(Repository.Root, "artifacts", "test-executed", engine.ToString().ToLowerInvariant(), mode, Path.GetFileName(notebook.Path));
        NotebookWriter.Write(run, copy);
        var failures = run.Notebook.Cells.Where(cell => cell.IsExecutable && run.Results[cell.Index].Status != CellStatus.Ok)
            .Select(cell => $"cell '{cell.Id}': {string.Join(" | ", run.Results[cell.Index].Outputs.Select(output => output["evalue"]?.GetValue<string>()).OfType<string>())}");
        Assert.True(run.FailedCells == 0, $"{notebook.Path} ({mode}, {engine}) has failed cells; executed copy: {copy}\n{string.Join('\n', failures)}");
        Assert.True(LeftoverProbe.Leftovers(run) == "", $"{notebook.Path} ({mode}): {LeftoverProbe.Leftovers(run)}; executed copy: {copy}");
        return run;
    }
}
