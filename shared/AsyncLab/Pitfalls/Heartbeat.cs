using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A heartbeat that should tick every <see cref="Interval"/>, and how late each tick came. Run it where the
/// responsiveness matters (on a <see cref="SingleThreadLoop"/>, or on the thread pool): whatever holds that thread
/// without awaiting shows as lag, as asyncio's debug mode reports a slow callback.
/// </summary>
/// <example>
/// <code>
/// var heartbeat = new Heartbeat(TimeSpan.FromMilliseconds(10));
/// await Task.WhenAll(heartbeat.RunAsync(TimeSpan.FromSeconds(1)), WorkAsync());
/// Console.WriteLine(heartbeat.LongestLag);
/// </code>
/// </example>
public sealed class Heartbeat
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan At, TimeSpan Lag)> _ticks = [];
    private readonly TimeProvider _time;
    private long _started;

    /// <summary>A heartbeat of <paramref name="interval"/> on <paramref name="timeProvider"/> (the system clock by default).</summary>
    /// <param name="interval">The time between two ticks, greater than zero.</param>
    /// <param name="timeProvider">The clock to wait on and read, <see cref="TimeProvider.System"/> when null.</param>
    public Heartbeat(TimeSpan interval, TimeProvider? timeProvider = null)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), Invariant($"A heartbeat's interval must be greater than zero, but was {interval}."));
        }

        Interval = interval;
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>The time the heartbeat should leave between two ticks.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Each tick so far: when it came (since <see cref="RunAsync"/> began) and how much later than asked.</summary>
    public IReadOnlyList<(TimeSpan At, TimeSpan Lag)> Ticks
    {
        get
        {
            lock (_gate)
            {
                return [.. _ticks];
            }
        }
    }

    /// <summary>The latest any tick came, or zero before the first tick.</summary>
    public TimeSpan LongestLag => Ticks.Select(t => t.Lag).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>
    /// Ticks for <paramref name="duration"/>: waits <see cref="Interval"/>, notes how late the wait ended, and waits
    /// again. Each wait is an <c>await</c>, so the tick runs wherever the caller's awaits resume.
    /// </summary>
    /// <param name="duration">How long to keep ticking, zero or more.</param>
    /// <param name="cancellationToken">Stops the heartbeat early; the ticks so far are kept.</param>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Require.NonNegative(duration, "A heartbeat's duration");
        _started = _time.GetTimestamp();
        lock (_gate)
        {
            _ticks.Clear();
        }

        long previous = _started;
        while (_time.GetElapsedTime(_started) < duration && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            long now = _time.GetTimestamp();
            TimeSpan lag = _time.GetElapsedTime(previous, now) - Interval;
            lock (_gate)
            {
                _ticks.Add((_time.GetElapsedTime(_started, now), lag > TimeSpan.Zero ? lag : TimeSpan.Zero));
            }

            previous = now;
        }
    }

    /// <summary>The lag of every tick as a chart series of markers: seconds since the start against milliseconds late.</summary>
    /// <param name="name">The series' name in the legend.</param>
    public ChartSeries ToSeries(string name) => new(name, Ticks.Select(t => (t.At.TotalSeconds, t.Lag.TotalMilliseconds))) { MarkersOnly = true };

    /// <inheritdoc/>
    public override string ToString()
    {
        IReadOnlyList<(TimeSpan At, TimeSpan Lag)> ticks = Ticks;
        return Invariant($"{TextFormat.Count(ticks.Count, "tick")} of {Interval.TotalMilliseconds:0} ms; longest lag {LongestLag.TotalMilliseconds:0} ms");
    }
}
