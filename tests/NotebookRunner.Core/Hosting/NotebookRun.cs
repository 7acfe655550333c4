using NotebookRunner.Formatting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Hosting;

/// <summary>The outcome of executing one notebook: a result per cell, and what the run cost.</summary>
/// <param name="Notebook">The notebook that ran (in solutions mode, with solutions substituted).</param>
/// <param name="Results">The result of each cell, by cell index; markdown cells are <see cref="CellResult.NotRun"/>.</param>
/// <param name="WallTime">From starting the child process to its last result.</param>
/// <param name="StartupTime">From starting the child process until it could run the first cell.</param>
public sealed record NotebookRun(NotebookDocument Notebook, IReadOnlyList<CellResult> Results, TimeSpan WallTime, TimeSpan StartupTime)
{
    /// <summary>The code cells that were executed or should have been.</summary>
    public int CodeCells => Notebook.Cells.Count(cell => cell.IsExecutable);

    /// <summary>Cells that failed, timed out, were for a kernel the runner does not have, or were not run because of an earlier hang or crash.</summary>
    public int FailedCells => Notebook.Cells.Count(cell => cell.IsExecutable && Results[cell.Index].Status != CellStatus.Ok);

    /// <summary>Every exercise check the notebook displayed, in order.</summary>
    public IReadOnlyList<CheckOutcome> Checks => Results.SelectMany(result => result.Checks).ToList();

    /// <summary>Time not spent running the cells' own code: process start, warm-up, compiling, formatting, reporting.</summary>
    public TimeSpan Overhead => WallTime - Results.Aggregate(TimeSpan.Zero, (sum, result) => sum + result.RunTime);
}
