namespace AsyncLab;

/// <summary>One run of the learner's workers inside a <see cref="WorkerTrial"/>: what it was given and what it did.</summary>
internal sealed record WorkerRound
{
    /// <summary>The prefix of every job name of the round, such as "A".</summary>
    public required string Prefix { get; init; }

    /// <summary>How many workers the method was asked to use.</summary>
    public required int Workers { get; init; }

    /// <summary>The jobs the feed wrote, in order.</summary>
    public required IReadOnlyList<ChannelJob> Jobs { get; init; }

    /// <summary>The failure the feed completed the channel with, or null when it completed normally.</summary>
    public Exception? FeedFailure { get; init; }

    /// <summary>How long the feed paused in the middle of the round, after the latency scale; zero when it did not.</summary>
    public TimeSpan FeedLull { get; init; }

    /// <summary>When the round started, since the recorder's start.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>When the method returned or threw, since the recorder's start.</summary>
    public required TimeSpan End { get; init; }

    /// <summary>The round's operations as they were when the method returned or threw.</summary>
    public required IReadOnlyList<OperationRecord> Operations { get; init; }

    /// <summary>What the method returned, or null if it threw.</summary>
    public int? Returned { get; init; }

    /// <summary>What the method threw, or null.</summary>
    public Exception? Thrown { get; init; }

    /// <summary>Whether the channel was completed and empty when the method returned or threw.</summary>
    public required bool Drained { get; init; }

    /// <summary>How long the round took, from its start to the method's return.</summary>
    public TimeSpan Elapsed => End - Start;

    /// <summary>The most job operations in flight at once.</summary>
    public int Peak => TimingSummary.Create(Operations, End).PeakConcurrency;

    /// <summary>The names of the jobs that completed before the method returned.</summary>
    public IEnumerable<string> Completed => Operations.Where(o => o.Outcome == OperationOutcome.Completed).Select(o => o.Name);
}
