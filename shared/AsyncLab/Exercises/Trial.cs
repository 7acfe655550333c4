namespace AsyncLab;

/// <summary>
/// One run of a learner's method inside <see cref="Exercise.CheckAsync(string, Trial[])"/>: a description of the
/// data it gets (written by the check, not by the learner), the call, and what its behaviour must show.
/// </summary>
/// <example>
/// <code>
/// new Trial("toast is slowest", io => MakeBreakfastAsync(
///         () => io.FetchAsync("coffee", TimeSpan.FromSeconds(0.5)),
///         () => io.FetchAsync("eggs", TimeSpan.FromSeconds(0.75)),
///         () => io.FetchAsync("toast", TimeSpan.FromSeconds(1))),
///     Expect.Operations(3), Expect.AllAtOnce(), Expect.NothingRunning())
/// </code>
/// </example>
public sealed class Trial
{
    /// <summary>Creates a trial of an attempt that returns nothing.</summary>
    /// <param name="description">What is special about this run's data, such as "toast is slowest".</param>
    /// <param name="attempt">Calls the learner's method with the trial's data and the fresh simulated I/O it is given.</param>
    /// <param name="expectations">What the run must show, usually from <see cref="Expect"/>.</param>
    public Trial(string description, Func<SimulatedIO, Task> attempt, params Expectation[] expectations)
        : this(description, Wrap(attempt), expectations)
    {
    }

    private Trial(string description, Func<SimulatedIO, Task<object?>> attempt, Expectation[] expectations)
    {
        Require.NotBlank(description, "A trial's description");
        Description = description;
        Attempt = attempt;
        Expectations = Require.NoNulls(expectations, "The expectations");
    }

    /// <summary>What is special about this run's data, such as "toast is slowest".</summary>
    public string Description { get; }

    /// <summary>What the run must show, besides <see cref="Expect.NoException"/> and <see cref="Expect.DoesNotBlock"/>.</summary>
    public IReadOnlyList<Expectation> Expectations { get; }

    /// <summary>The call, with its result boxed.</summary>
    internal Func<SimulatedIO, Task<object?>> Attempt { get; }

    /// <summary>Creates a trial of an attempt that returns a value (judge it with <see cref="Expect.Result(object?)"/>).</summary>
    /// <param name="description">What is special about this run's data.</param>
    /// <param name="attempt">Calls the learner's method with the trial's data and the fresh simulated I/O it is given.</param>
    /// <param name="expectations">What the run must show, usually from <see cref="Expect"/>.</param>
    public static Trial Of<T>(string description, Func<SimulatedIO, Task<T>> attempt, params Expectation[] expectations)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new Trial(description, async io => await NotNull(attempt(io)), expectations);
    }

    private static Func<SimulatedIO, Task<object?>> Wrap(Func<SimulatedIO, Task> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return async io =>
        {
            await NotNull(attempt(io));
            return null;
        };
    }

    private static TTask NotNull<TTask>(TTask? task)
        where TTask : Task =>
        task ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the lambda async.");
}
