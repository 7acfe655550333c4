namespace AsyncLab;

/// <summary>What <see cref="StreamTrial"/> measured; its expectations read it.</summary>
internal sealed class StreamTrialReport
{
    public TimeSpan Tolerance { get; init; }

    public IReadOnlyList<string> Items { get; set; } = [];

    /// <summary>For each item read, its arrival minus the end of its page's fetch; null when no such fetch ended.</summary>
    public IReadOnlyList<TimeSpan?> Lateness { get; set; } = [];

    public int FetchesWhenLeaving { get; set; }

    public int RunningWhenLeft { get; set; }

    public string CanceledOutcome { get; set; } = "";

    public TimeSpan? CancelLag { get; set; }

    public string CanceledPages { get; set; } = "";

    public int LongStretches { get; set; }

    public TimeSpan Longest { get; set; }

    public override string ToString() => "stream trial: " + string.Join(", ", Items);
}
