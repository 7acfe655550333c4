using NotebookRunner.Kernel;

namespace NotebookRunner.Hosting;

/// <summary>
/// The seam between the runner and a kernel: one notebook's cells are submitted in order to one
/// engine, whose state (variables, types, loaded assemblies) carries from cell to cell.
/// </summary>
public interface ICellEngine
{
    /// <summary>Executes one C# cell's source and returns its outputs in nbformat shape.</summary>
    Task<CellResult> SubmitAsync(string source);
}
