using System.Text.Json.Nodes;
using NotebookRunner.Notebooks;

namespace Notebooks.Tests.Support;

/// <summary>A chapter and its solution notebook, read for structure assertions.</summary>
internal sealed record ChapterFile(string FileName, NotebookDocument Chapter)
{
    public static ChapterFile Load(string fileName) => new(fileName, NotebookReader.Load(Path.Combine(Repository.Notebooks, fileName)));

    public string SolutionPath => Solutions.PathFor(Chapter);

    /// <summary>The chapter's number, from its file name.</summary>
    public int Number => int.Parse(FileName[..2], System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<NotebookCell> Markdown => Chapter.Cells.Where(cell => cell.CellType == "markdown");

    public IEnumerable<NotebookCell> Code => Chapter.Cells.Where(cell => cell.CellType == "code");

    public IReadOnlyList<NotebookCell> Exercises => Chapter.Cells.Where(cell => cell.IsExercise).ToList();

    public IEnumerable<string> Headings => Markdown.SelectMany(cell => cell.Source.Split('\n')).Where(line => line.StartsWith('#'));

    /// <summary>The chapter file whose number is <paramref name="number"/>, if it exists yet.</summary>
    public static string? Numbered(int number) => Repository.Chapters.FirstOrDefault(name => name.StartsWith($"{number:00}-", StringComparison.Ordinal));

    public static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))!;
}
