namespace NotebookRunner.Grading;

/// <summary>What a learner's notebook did with one exercise check.</summary>
public enum GradeStatus
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and said "not yet".</summary>
    NotYet,

    /// <summary>The check could not give a verdict: the notebook does not parse, a cell failed or the process crashed.</summary>
    Error,

    /// <summary>A cell at or before the check ran past the cell timeout, so the notebook was stopped.</summary>
    TimedOut,

    /// <summary>The learner handed in no notebook for the check's chapter.</summary>
    Missing,
}
