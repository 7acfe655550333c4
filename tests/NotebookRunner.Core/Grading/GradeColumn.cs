namespace NotebookRunner.Grading;

/// <summary>One exercise check of a chapter: a column of the grading report.</summary>
/// <param name="Chapter">The chapter's file name without extension, e.g. <c>07-channels</c>.</param>
/// <param name="CellId">The id of the cell that runs the check (the first code cell after the exercise).</param>
/// <param name="Title">The check's title as a run displayed it, or the cell id when no run got that far.</param>
public sealed record GradeColumn(string Chapter, string CellId, string Title);
