using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace Notebooks.Tests.Support;

/// <summary>
/// Runs cells in each engine as the runner does, in a child process of its own, so that every contract
/// test holds for the real .NET Interactive kernel and for the scripting engine alike.
/// </summary>
internal static class Engines
{
    /// <summary>Both engines, for <c>[MemberData]</c>.</summary>
    public static TheoryData<KernelEngine> All => [KernelEngine.Interactive, KernelEngine.Scripting];

    /// <summary>Options that run <paramref name="engine"/> with the runner of the tests' configuration.</summary>
    public static RunOptions Options(KernelEngine engine, TimeSpan? cellTimeout = null) =>
        new(Repository.Runner, cellTimeout ?? TimeSpan.FromSeconds(90)) { Engine = engine };

    /// <summary>Runs <paramref name="cells"/> in order in one new kernel; returns each cell's result.</summary>
    public static async Task<IReadOnlyList<CellResult>> RunAsync(KernelEngine engine, TestNotebook files, params string[] cells)
    {
        var path = files.Write($"cells-{Guid.NewGuid():N}.ipynb", cells);
        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Options(engine));
        return [.. run.Notebook.Cells.Select(cell => run.Results[cell.Index])];
    }

    /// <summary>Runs one cell in a new kernel; returns its result.</summary>
    public static async Task<CellResult> RunOneAsync(KernelEngine engine, TestNotebook files, string cell) =>
        (await RunAsync(engine, files, cell))[0];
}
