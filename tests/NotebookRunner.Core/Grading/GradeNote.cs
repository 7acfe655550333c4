namespace NotebookRunner.Grading;

/// <summary>Something about a learner's hand-in that is not one check's result, e.g. a file that does not parse.</summary>
/// <param name="Learner">The learner, named by their folder.</param>
/// <param name="Text">What happened, in one sentence.</param>
public sealed record GradeNote(string Learner, string Text);
