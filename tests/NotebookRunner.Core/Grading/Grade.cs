namespace NotebookRunner.Grading;

/// <summary>One cell of the grading report: a learner's result for one exercise check.</summary>
/// <param name="Learner">The learner, named by their folder.</param>
/// <param name="Column">The check.</param>
/// <param name="Status">What happened.</param>
/// <param name="Detail">Why, in one line, when it is not a plain pass or "not yet"; otherwise empty.</param>
public sealed record Grade(string Learner, GradeColumn Column, GradeStatus Status, string Detail);
