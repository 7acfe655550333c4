using System.Text.Json.Nodes;

namespace NotebookRunner.Notebooks;

/// <summary>One cell of a notebook, as read from its <c>.ipynb</c> file.</summary>
/// <param name="Index">The cell's position in the notebook, 0-based.</param>
/// <param name="Id">The cell's stable nbformat 4.5 id.</param>
/// <param name="CellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Kernel">The kernel that runs a code cell (<c>csharp</c>); empty for other cells.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's tags, e.g. <c>exercise</c>.</param>
/// <param name="Json">The cell as it stands in the file.</param>
public sealed record NotebookCell(
    int Index, string Id, string CellType, string Kernel, string Source, IReadOnlyList<string> Tags, JsonObject Json)
{
    /// <summary>The tag that marks a cell a learner edits; its solution has the same id.</summary>
    public const string ExerciseTag = "exercise";

    /// <summary>Whether this is a code cell the C# kernel executes.</summary>
    public bool IsCSharp => CellType == "code" && Kernel == CSharpKernel;

    /// <summary>Whether this is a code cell for a kernel the runner does not have (F#, PowerShell...): it fails with a message, and the other cells still run.</summary>
    public bool IsForeign => CellType == "code" && Kernel is not CSharpKernel and not "mermaid";

    /// <summary>Whether this is a code cell meant to execute: C#, or a foreign kernel's (which fails). Diagram cells are not.</summary>
    public bool IsExecutable => IsCSharp || IsForeign;

    /// <summary>The error a foreign cell reports instead of running.</summary>
    public string ForeignKernelMessage =>
        $"Cell {Index + 1} (id '{Id}') is for the kernel '{Kernel}', which the runner does not have: it executes C# cells only. Make the cell C# (kernel csharp) or a markdown cell.";

    /// <summary>Whether this cell is an exercise starter.</summary>
    public bool IsExercise => Tags.Contains(ExerciseTag);

    /// <summary>The name of the C# kernel in notebook metadata.</summary>
    public const string CSharpKernel = "csharp";
}
