namespace AsyncLab;

/// <summary>The verdict on one <see cref="Expectation"/>.</summary>
/// <param name="Description">What was expected, such as "All operations are in flight at the same time".</param>
/// <param name="Met">Whether the attempt met it.</param>
/// <param name="Measured">What was measured, such as "peak 1 of 3 in flight".</param>
public sealed record ExpectationOutcome(string Description, bool Met, string Measured);
