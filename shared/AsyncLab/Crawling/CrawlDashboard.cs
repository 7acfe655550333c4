using System.Diagnostics.Metrics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Reads a crawler's <see cref="System.Diagnostics.Metrics"/> instruments with a <see cref="MeterListener"/>, the .NET
/// form of a task monitor: <see cref="Sample"/> gives the figures now (for a live display), and after the crawl the
/// charts give throughput over time, the latency histogram and the requests in flight over time. It listens only to
/// the instruments of the <see cref="Meter"/> it is given, by name: counters <c>pages.done</c>, <c>pages.failed</c>,
/// <c>requests.retried</c>, the up-down counter <c>requests.in_flight</c> and the histogram <c>request.duration</c>
/// (seconds). Dispose it to stop listening.
/// </summary>
/// <example>
/// <code>
/// var meter = new Meter("crawler");
/// using (var dashboard = new CrawlDashboard(meter, goal: 100))
/// {
///     // ... crawl, adding to the instruments; live.Update(dashboard.Sample()) now and then
///     dashboard.ThroughputChart()
/// }
/// </code>
/// </example>
public sealed class CrawlDashboard : IDisposable
{
    /// <summary>The counter of pages fetched successfully.</summary>
    public const string DoneInstrument = "pages.done";

    /// <summary>The counter of pages given up on.</summary>
    public const string FailedInstrument = "pages.failed";

    /// <summary>The counter of requests sent again.</summary>
    public const string RetriedInstrument = "requests.retried";

    /// <summary>The up-down counter of requests in flight.</summary>
    public const string InFlightInstrument = "requests.in_flight";

    /// <summary>The histogram of request durations, in seconds.</summary>
    public const string DurationInstrument = "request.duration";

    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly int? _goal;
    private readonly List<CrawlSnapshot> _samples = [];
    private readonly List<double> _durations = [];
    private readonly List<(double At, int InFlight)> _inFlightChanges = [(0, 0)];
    private int _done;
    private int _failed;
    private int _retried;
    private int _inFlight;

    /// <summary>Starts listening to the instruments of <paramref name="meter"/>.</summary>
    /// <param name="meter">The meter whose instruments the crawler adds to.</param>
    /// <param name="goal">The number of pages the crawl means to finish, for the progress bar; null when unknown.</param>
    /// <param name="timeProvider">The clock for the times of the samples; the system clock by default.</param>
    public CrawlDashboard(Meter meter, int? goal = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        if (goal is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(goal), Invariant($"The goal must be a positive number of pages, but was {goal}."));
        }

        _meter = meter;
        _goal = goal;
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => OnCount(instrument.Name, value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => OnCount(instrument.Name, checked((int)value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnDuration(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>The figures now, also kept for the charts; show it with a live display's <c>Update</c>.</summary>
    public CrawlSnapshot Sample()
    {
        lock (_gate)
        {
            var snapshot = new CrawlSnapshot(_time.GetElapsedTime(_started), _done, _failed, _retried, _inFlight, _goal);
            _samples.Add(snapshot);
            return snapshot;
        }
    }

    /// <summary>Every sample taken so far, in order.</summary>
    public IReadOnlyList<CrawlSnapshot> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Every request duration recorded so far, in seconds.</summary>
    public IReadOnlyList<double> Durations
    {
        get
        {
            lock (_gate)
            {
                return [.. _durations];
            }
        }
    }

    /// <summary>The highest number of requests in flight at once so far, as the instruments reported it.</summary>
    public int PeakInFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlightChanges.Max(change => change.InFlight);
            }
        }
    }

    /// <summary>
    /// Pages finished per second over the second before each sample (over the time since the first sample at the start),
    /// with the average over the whole crawl as a second line.
    /// </summary>
    public PlotlyChart ThroughputChart()
    {
        IReadOnlyList<CrawlSnapshot> samples = Samples;
        var points = new List<(double X, double Y)>();
        for (int i = 1, from = 0; i < samples.Count; i++)
        {
            while (samples[i].Elapsed - samples[from + 1].Elapsed >= ThroughputWindow)
            {
                from++;
            }

            TimeSpan span = samples[i].Elapsed - samples[from].Elapsed;
            if (span > TimeSpan.Zero)
            {
                points.Add((samples[i].Elapsed.TotalSeconds, (Finished(samples[i]) - Finished(samples[from])) / span.TotalSeconds));
            }
        }

        double average = samples.Count > 0 ? samples[^1].Throughput : 0;
        ChartSeries[] series = samples.Count > 1
            ? [new ChartSeries("over the last second", points), new ChartSeries("average", [(0, average), (samples[^1].Elapsed.TotalSeconds, average)])]
            : [];
        return SeriesChart.Create("Throughput over time", "seconds since the start", "pages per second", series);

        static int Finished(CrawlSnapshot sample) => sample.Done + sample.Failed;
    }

    /// <summary>How many requests took how long: a histogram of <see cref="Durations"/> in <paramref name="buckets"/> equal buckets.</summary>
    /// <param name="buckets">The number of buckets, from 2 to 100.</param>
    public PlotlyChart LatencyChart(int buckets = 20)
    {
        if (buckets is < 2 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(buckets), Invariant($"The number of buckets must be from 2 to 100, but was {buckets}."));
        }

        IReadOnlyList<double> durations = Durations;
        var points = new List<(double X, double Y)>();
        if (durations.Count > 0)
        {
            double width = Math.Max(durations.Max(), 1e-6) / buckets;
            int[] counts = new int[buckets];
            foreach (double duration in durations)
            {
                counts[Math.Min(buckets - 1, (int)(duration / width))]++;
            }

            for (int i = 0; i < buckets; i++)
            {
                points.Add((i * width, counts[i]));
                points.Add(((i + 1) * width, counts[i]));
            }
        }

        return SeriesChart.Create("Latency histogram", "request duration (s)", "requests", [new ChartSeries("requests", points)]);
    }

    /// <summary>Requests in flight over time, as the <c>requests.in_flight</c> instrument reported each change.</summary>
    public PlotlyChart InFlightChart()
    {
        List<(double X, double Y)> points;
        lock (_gate)
        {
            points = [.. _inFlightChanges.Select(change => (change.At, (double)change.InFlight))];
        }

        return SeriesChart.Create("In flight over time", "seconds since the start", "requests in flight", [new ChartSeries("in flight", points) { Steps = true }]);
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnCount(string name, int value)
    {
        lock (_gate)
        {
            switch (name)
            {
                case DoneInstrument: _done += value; break;
                case FailedInstrument: _failed += value; break;
                case RetriedInstrument: _retried += value; break;
                case InFlightInstrument:
                    _inFlight += value;
                    _inFlightChanges.Add((_time.GetElapsedTime(_started).TotalSeconds, _inFlight));
                    break;
                default: break;
            }
        }
    }

    private void OnDuration(string name, double value)
    {
        if (name == DurationInstrument)
        {
            lock (_gate)
            {
                _durations.Add(value);
            }
        }
    }
}
