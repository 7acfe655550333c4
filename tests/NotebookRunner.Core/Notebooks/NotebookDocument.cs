using System.Text.Json.Nodes;

namespace NotebookRunner.Notebooks;

/// <summary>A notebook read from disk: its path, its JSON and its cells.</summary>
/// <param name="Path">The full path of the <c>.ipynb</c> file.</param>
/// <param name="Json">The whole notebook, kept so that an executed copy preserves every field.</param>
/// <param name="Cells">The cells, in order.</param>
public sealed record NotebookDocument(string Path, JsonObject Json, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The file name without its extension, e.g. <c>01-sequential-vs-concurrent</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The folder that relative <c>#r</c> paths resolve from.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;
}
