namespace AsyncLab;

/// <summary>A job in a work queue: its name, and how long processing it takes (for <c>io.FetchAsync(job.Name, job.Cost)</c>).</summary>
public sealed record ChannelJob
{
    /// <summary>A job called <paramref name="name"/> that takes <paramref name="cost"/> to process.</summary>
    /// <param name="name">The job's name, recorded as the operation's name when it is processed.</param>
    /// <param name="cost">How long processing takes, zero or positive, before the latency scale.</param>
    public ChannelJob(string name, TimeSpan cost)
    {
        Require.NotBlank(name, "A job name");
        Require.NonNegative(cost, "A job's cost");
        Name = name;
        Cost = cost;
    }

    /// <summary>The job's name, recorded as the operation's name when it is processed.</summary>
    public string Name { get; }

    /// <summary>How long processing takes, before the latency scale.</summary>
    public TimeSpan Cost { get; }
}
