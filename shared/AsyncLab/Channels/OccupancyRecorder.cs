using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Records how many items a channel (or any buffer) holds over time, on the clock of a
/// <see cref="TimingRecorder"/>, so the count can be charted on the same time axis as the recorder's timeline.
/// Safe to use from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var occupancy = new OccupancyRecorder(recorder);
/// await channel.Writer.WriteAsync(item);
/// occupancy.Record(channel.Reader.Count);
/// SeriesChart.Create("Occupancy", "seconds", "items", [occupancy.ToSeries("in the channel")])
/// </code>
/// </example>
public sealed class OccupancyRecorder
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan At, int Count)> _samples = [];

    /// <summary>Creates a recorder that reads the time from <paramref name="recorder"/>.</summary>
    /// <param name="recorder">The timing recorder whose clock (and start) the samples share.</param>
    public OccupancyRecorder(TimingRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        Recorder = recorder;
    }

    /// <summary>The timing recorder whose clock the samples use.</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>The samples in the order they were recorded: when (since the recorder's start) and how many items.</summary>
    public IReadOnlyList<(TimeSpan At, int Count)> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The largest count recorded; 0 when nothing was recorded.</summary>
    public int Peak
    {
        get
        {
            lock (_gate)
            {
                return _samples.Select(s => s.Count).DefaultIfEmpty(0).Max();
            }
        }
    }

    /// <summary>Records that the buffer holds <paramref name="count"/> items now.</summary>
    /// <param name="count">The number of items, zero or more; for a channel, <c>channel.Reader.Count</c>.</param>
    public void Record(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), Invariant($"The number of items must be zero or positive, but was {count}."));
        }

        lock (_gate)
        {
            _samples.Add((Recorder.Elapsed, count));
        }
    }

    /// <summary>
    /// The samples as a step series for <see cref="SeriesChart"/>, in seconds: it starts at 0 items at time 0, and
    /// each count holds until the next sample.
    /// </summary>
    /// <param name="name">The name in the chart's legend, such as "items in the channel".</param>
    public ChartSeries ToSeries(string name)
    {
        IEnumerable<(double X, double Y)> points = Samples.Select(s => (s.At.TotalSeconds, (double)s.Count));
        return new ChartSeries(name, [(0, 0), .. points]) { Steps = true };
    }
}
