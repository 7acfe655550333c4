namespace NotebookRunner.Notebooks;

/// <summary>
/// Solutions mode: every exercise cell of a chapter (a cell tagged <c>exercise</c>) is replaced by the
/// cell with the same id in the chapter's solution notebook, <c>solutions/NAME.ipynb</c> beside it.
/// </summary>
public static class Solutions
{
    /// <summary>The path of the solution notebook for <paramref name="chapter"/>.</summary>
    public static string PathFor(NotebookDocument chapter) =>
        Path.Combine(chapter.Directory, "solutions", Path.GetFileName(chapter.Path));

    /// <summary>Returns the chapter with each exercise cell replaced by its solution.</summary>
    /// <exception cref="NotebookException">The solution notebook is missing, or lacks an exercise's id.</exception>
    public static NotebookDocument Apply(NotebookDocument chapter)
    {
        var exercises = chapter.Cells.Where(cell => cell.IsExercise).ToList();
        if (exercises.Count == 0)
        {
            return chapter;
        }

        var path = PathFor(chapter);
        if (!File.Exists(path))
        {
            throw new NotebookException($"{chapter.Path}: has {exercises.Count} exercise(s) but no solution notebook at {path}. Create it with a cell of the same id for each exercise.");
        }

        var solutions = NotebookReader.Load(path).Cells.ToDictionary(cell => cell.Id);
        var missing = exercises.Where(cell => !solutions.ContainsKey(cell.Id)).Select(cell => cell.Id).ToList();
        if (missing.Count > 0)
        {
            throw new NotebookException($"{path}: has no solution for the exercise id(s) {string.Join(", ", missing.Select(id => $"'{id}'"))} of {Path.GetFileName(chapter.Path)}. Add a code cell with that id.");
        }

        var cells = chapter.Cells
            .Select(cell => cell.IsExercise ? solutions[cell.Id] with { Index = cell.Index, Tags = cell.Tags, Json = cell.Json } : cell)
            .ToList();
        return chapter with { Cells = cells };
    }
}
