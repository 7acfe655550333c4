namespace AsyncLab;

/// <summary>
/// A clock whose timers run at a latency scale: a timer of 1 s fires after 0.5 s of <see cref="Inner"/> time at
/// scale 0.5. Timestamps and the current time are <see cref="Inner"/>'s, unchanged, so what is measured stays real.
/// <see cref="SimulatedIO.Clock"/> is one, so that timeouts written in a chapter stay in proportion to the simulated
/// latencies at any <see cref="LatencyScale"/>.
/// </summary>
/// <example>
/// <code>
/// using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(0.5), io.Clock);   // 0.5 s at the course's scale
/// await report.WaitAsync(TimeSpan.FromSeconds(0.5), io.Clock);
/// </code>
/// </example>
public sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>Creates a clock whose timers run <paramref name="scale"/> times as long as asked, on <paramref name="inner"/>.</summary>
    /// <param name="scale">The factor applied to every timer's due time and period: greater than 0 and at most 100.</param>
    /// <param name="inner">The clock underneath; <see cref="TimeProvider.System"/> when null.</param>
    public ScaledTimeProvider(double scale, TimeProvider? inner = null)
    {
        LatencyScale.Validate(scale);
        Scale = scale;
        Inner = inner ?? System;
    }

    /// <summary>The factor applied to every timer's due time and period.</summary>
    public double Scale { get; }

    /// <summary>The clock underneath, whose timestamps and current time this clock reports unchanged.</summary>
    public TimeProvider Inner { get; }

    /// <summary>The inner clock's frequency.</summary>
    public override long TimestampFrequency => Inner.TimestampFrequency;

    /// <summary>The inner clock's local time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

    /// <summary>The inner clock's timestamp: measurements stay real.</summary>
    public override long GetTimestamp() => Inner.GetTimestamp();

    /// <summary>The inner clock's current time.</summary>
    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

    /// <summary>Creates a timer on the inner clock whose due time and period are multiplied by <see cref="Scale"/>.</summary>
    /// <param name="callback">What the timer calls.</param>
    /// <param name="state">The argument passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">When the timer first fires, before scaling; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="period">The time between firings, before scaling; <see cref="Timeout.InfiniteTimeSpan"/> for once.</param>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(this, Inner.CreateTimer(callback, state, Apply(dueTime), Apply(period)));

    private TimeSpan Apply(TimeSpan time) => time <= TimeSpan.Zero ? time : time * Scale;

    private sealed class ScaledTimer(ScaledTimeProvider clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Apply(dueTime), clock.Apply(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
