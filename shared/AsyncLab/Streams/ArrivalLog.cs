namespace AsyncLab;

/// <summary>
/// Notes when each item of a stream (or of a list) reached the code that consumes it, on a recorder's clock,
/// so that items arriving one by one can be charted next to items that all arrive at the end.
/// Safe to use from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var arrivals = new ArrivalLog(recorder);
/// await foreach (string page in ReadPagesAsync(io))
/// {
///     arrivals.Add(page);
/// }
/// SeriesChart.Create("Pages in hand", "time (s)", "pages", [arrivals.ToSeries("stream")])
/// </code>
/// </example>
public sealed class ArrivalLog
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan At, string Item)> _arrivals = [];
    private readonly TimingRecorder _recorder;

    /// <summary>A log that reads <paramref name="recorder"/>'s clock, so that its times line up with the recorder's operations.</summary>
    /// <param name="recorder">The recorder whose <see cref="TimingRecorder.Elapsed"/> time stamps each arrival.</param>
    public ArrivalLog(TimingRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        _recorder = recorder;
    }

    /// <summary>The items in the order they arrived, each with the recorder's time of its arrival.</summary>
    public IReadOnlyList<(TimeSpan At, string Item)> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <summary>Notes that <paramref name="item"/> arrived now.</summary>
    /// <param name="item">The item, or a short description of it; null is noted as "null".</param>
    public void Add(object? item)
    {
        lock (_gate)
        {
            _arrivals.Add((_recorder.Elapsed, item?.ToString() ?? "null"));
        }
    }

    /// <summary>Items in hand over time, as steps from 0 at time 0 up to the count at the last arrival, for <see cref="SeriesChart"/>.</summary>
    /// <param name="name">The series' name in the legend.</param>
    /// <param name="until">Where the line ends; the last arrival when null or earlier.</param>
    public ChartSeries ToSeries(string name, TimeSpan? until = null)
    {
        Require.NotBlank(name, "A series name");
        IReadOnlyList<(TimeSpan At, string Item)> arrivals = Arrivals;
        var points = new List<(double X, double Y)> { (0, 0) };
        points.AddRange(arrivals.Select((arrival, index) => (arrival.At.TotalSeconds, (double)(index + 1))));
        if (until is TimeSpan end && end.TotalSeconds > points[^1].X)
        {
            points.Add((end.TotalSeconds, arrivals.Count));
        }

        return new ChartSeries(name, points) { Steps = true };
    }

    /// <summary>The arrivals as text, such as "3 items: page 1 at 0.250 s, page 2 at 0.500 s, page 3 at 0.750 s".</summary>
    public override string ToString() =>
        TextFormat.Count(Arrivals.Count, "item") + (Arrivals.Count == 0 ? "" : ": " + string.Join(", ", Arrivals.Select(a => a.Item + " at " + TextFormat.Seconds(a.At))));
}
