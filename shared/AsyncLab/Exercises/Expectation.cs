namespace AsyncLab;

/// <summary>
/// One thing an exercise checks about an attempt's behaviour. <see cref="Expect"/> has the common
/// ones; build your own for anything else.
/// </summary>
/// <example>
/// <code>
/// new Expectation(
///     "Takes less than 2 seconds",
///     run => (run.Summary.Elapsed &lt; TimeSpan.FromSeconds(2), $"took {run.Summary.Elapsed.TotalSeconds:0.000} s"),
///     "Start the downloads before awaiting them.")
/// </code>
/// </example>
public sealed class Expectation
{
    private readonly Func<ExerciseRun, (bool Met, string Measured)> _evaluate;

    /// <summary>Creates an expectation.</summary>
    /// <param name="description">What is expected, phrased as a statement about the attempt.</param>
    /// <param name="evaluate">Decides whether a run meets it and describes what was measured.</param>
    /// <param name="hint">What to try when it is not met.</param>
    public Expectation(string description, Func<ExerciseRun, (bool Met, string Measured)> evaluate, string hint)
    {
        Require.NotBlank(description, "An expectation's description");
        ArgumentNullException.ThrowIfNull(evaluate);
        Require.NotBlank(hint, "An expectation's hint");
        Description = description;
        _evaluate = evaluate;
        Hint = hint;
    }

    /// <summary>True for the expectation <see cref="Expect.DoesNotBlock"/> makes, which a <see cref="Trial"/> then does not add again.</summary>
    internal bool IsBlockingCheck { get; init; }

    /// <summary>What is expected, such as "All operations are in flight at the same time".</summary>
    public string Description { get; }

    /// <summary>What to try when the expectation is not met.</summary>
    public string Hint { get; }

    /// <summary>Judges <paramref name="run"/>. Never throws: if the evaluation throws, the outcome is "not met" with the exception's message.</summary>
    /// <param name="run">The run to judge.</param>
    public ExpectationOutcome Evaluate(ExerciseRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            var (met, measured) = _evaluate(run);
            return new ExpectationOutcome(Description, met, measured ?? "");
        }
        catch (Exception exception)
        {
            return new ExpectationOutcome(Description, false, exception.Message);
        }
    }
}
