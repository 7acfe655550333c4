namespace AsyncLab;

/// <summary>What <see cref="PoolTrial"/> measured; its expectations read it.</summary>
internal sealed class PoolTrialReport
{
    public TimeSpan Tolerance { get; init; }

    public TimeSpan BusyExpected { get; init; }

    public TimeSpan Pool2Expected { get; init; }

    public IReadOnlyList<string> Outcomes { get; set; } = [];

    public string[] LeftRented { get; set; } = [];

    public TimeSpan? BusyAt { get; set; }

    public string CanceledQuery { get; set; } = "";

    public TimeSpan? CancelLag { get; set; }

    public int Pool2Peak { get; set; }

    public TimeSpan Pool2Total { get; set; }

    public int LongStretches { get; set; }

    public TimeSpan Longest { get; set; }

    public override string ToString() => "pool trial: " + string.Join("; ", Outcomes);
}
