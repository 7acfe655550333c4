namespace AsyncLab;

/// <summary>The rounds a <see cref="ThrottleDrill"/> ran, returned as the attempt's result for the <see cref="Expect"/> throttling expectations.</summary>
public sealed class ThrottleReport
{
    internal ThrottleReport(IReadOnlyList<ThrottleRound> rounds)
    {
        Rounds = rounds;
    }

    /// <summary>Every round, in the order they ran.</summary>
    public IReadOnlyList<ThrottleRound> Rounds { get; }

    /// <summary>One line per round.</summary>
    public override string ToString() => string.Join("\n", Rounds);
}
