using System.Text.Json.Nodes;
using NotebookRunner.Formatting;

namespace NotebookRunner.Kernel;

/// <summary>What executing one code cell produced.</summary>
/// <param name="Status">How the execution ended.</param>
/// <param name="Outputs">The nbformat outputs, in order.</param>
/// <param name="ExecutionCount">The kernel's execution counter for this cell, or null if it did not run.</param>
/// <param name="CompileTime">Time spent compiling the cell (runner overhead).</param>
/// <param name="RunTime">Time spent loading and running the compiled cell.</param>
public sealed record CellResult(CellStatus Status, IReadOnlyList<JsonObject> Outputs, int? ExecutionCount, TimeSpan CompileTime, TimeSpan RunTime)
{
    /// <summary>The time the cell took: compiling, loading and running.</summary>
    public TimeSpan Duration => CompileTime + RunTime;

    /// <summary>The exercise checks the cell displayed.</summary>
    public IReadOnlyList<CheckOutcome> Checks => CheckOutcome.In(Outputs).ToList();

    /// <summary>A cell that was not executed.</summary>
    public static CellResult NotRun { get; } = new(CellStatus.NotRun, [], null, TimeSpan.Zero, TimeSpan.Zero);
}
