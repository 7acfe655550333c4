using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Hosting;

/// <summary>How notebooks are executed.</summary>
/// <param name="Child">How to start the child process that executes a notebook.</param>
/// <param name="CellTimeout">How long one cell may run before its process is stopped.</param>
public sealed record RunOptions(ChildCommand Child, TimeSpan CellTimeout)
{
    /// <summary>The per-cell timeout when none is given.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The kernel that executes the cells; the real .NET Interactive kernel unless asked otherwise.</summary>
    public KernelEngine Engine { get; init; } = KernelEngine.Interactive;

    /// <summary>How long the child may take to start and warm up before the first cell.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Called as each cell's result arrives, e.g. to show progress while a notebook runs.</summary>
    public Action<NotebookCell, CellResult>? CellFinished { get; init; }

    /// <summary>Environment variables set for the child, e.g. <c>ASYNCLAB_LATENCY_SCALE</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
