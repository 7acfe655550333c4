namespace NotebookRunner.Kernel;

/// <summary>How a cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>The cell was not executed: an earlier cell hung or ended the notebook's process.</summary>
    NotRun,

    /// <summary>The cell ran to its end.</summary>
    Ok,

    /// <summary>The cell did not compile, or threw.</summary>
    Failed,

    /// <summary>The cell ran past the per-cell timeout and its process was stopped.</summary>
    TimedOut,
}
