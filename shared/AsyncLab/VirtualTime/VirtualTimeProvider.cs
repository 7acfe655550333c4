using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A clock that stands still until the <see cref="VirtualTimeLoop"/> that owns it has nothing left to
/// run; then it jumps straight to the earliest timer and fires it. A simulation of minutes finishes in
/// milliseconds, with exact and reproducible times. You get one from <see cref="VirtualTimeLoop.Run(Func{VirtualTimeProvider, Task}, VirtualTimeLoopOptions?)"/>:
/// pass it wherever code takes a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// Coming from asyncio: this is the loop's clock with Trio's "autojump" (or Kotlin's <c>runTest</c>
/// scheduler). <c>await Task.Delay(TimeSpan.FromSeconds(1), time)</c> is <c>await asyncio.sleep(1)</c>
/// on that clock.
/// </para>
/// <para>
/// Every run starts at <see cref="Epoch"/>, and timers due at the same moment fire in the order they
/// were created, so the same program always produces the same timeline. Timer callbacks run on the
/// loop's thread, one at a time like every other piece of work on the loop, and without a
/// SynchronizationContext, as callbacks of the system clock's timers run on the thread pool. Only waits that go through
/// this provider follow virtual time: <c>Task.Delay</c>, <c>WaitAsync</c>, <c>CancellationTokenSource</c>
/// and <c>PeriodicTimer</c> given this provider. <c>Thread.Sleep</c> and waits on the real clock do not.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// TimeSpan total = VirtualTimeLoop.Run(async time =>
/// {
///     await Task.Delay(TimeSpan.FromMinutes(5), time);   // returns at once in real time
///     return time.Elapsed;                                // exactly 00:05:00
/// });
/// </code>
/// </example>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>The largest due time or period a timer accepts, the same as for the system clock's timers.</summary>
    private static readonly TimeSpan s_maximumTimerTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly VirtualTimeLoop _loop;
    private readonly PriorityQueue<(VirtualTimer Timer, long Version), (long DueTicks, long Id)> _schedule = new();
    private readonly HashSet<VirtualTimer> _pending = [];
    private long _nowTicks;
    private long _nextTimerId;

    /// <summary>Creates the clock of <paramref name="loop"/>; its state is guarded by the loop's lock.</summary>
    internal VirtualTimeProvider(VirtualTimeLoop loop)
    {
        _loop = loop;
    }

    /// <summary>
    /// Where every run's clock starts: 2025-01-01 00:00:00 UTC. <see cref="GetUtcNow"/> is this plus <see cref="Elapsed"/>.
    /// </summary>
    public static DateTimeOffset Epoch { get; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The virtual time since the loop started, such as exactly 3 seconds after three 1-second delays in a row.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _nowTicks));

    /// <summary>One timestamp tick is one <see cref="TimeSpan"/> tick (100 ns), so timestamps convert exactly.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>UTC, on every machine, so that runs are reproducible everywhere.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The virtual "now": <see cref="Epoch"/> plus <see cref="Elapsed"/>.</summary>
    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    /// <summary>The virtual time since the start in ticks (see <see cref="TimestampFrequency"/>); use it with <see cref="TimeProvider.GetElapsedTime(long)"/>.</summary>
    public override long GetTimestamp() => Volatile.Read(ref _nowTicks);

    /// <summary>
    /// Creates a timer on the virtual clock. It fires on the loop's thread when the loop has advanced
    /// virtual time to its due time; then every <paramref name="period"/> if that is positive.
    /// </summary>
    /// <param name="callback">What to run when the timer fires.</param>
    /// <param name="state">The argument passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">How long from now until the first firing: zero or positive, or <see cref="Timeout.InfiniteTimeSpan"/> to stay unscheduled.</param>
    /// <param name="period">The time between later firings: positive, or zero or <see cref="Timeout.InfiniteTimeSpan"/> to fire once.</param>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ValidateTimerTime(dueTime, "due time", nameof(dueTime));
        ValidateTimerTime(period, "period", nameof(period));

        VirtualTimer timer;
        lock (_loop.Gate)
        {
            timer = new VirtualTimer(this, callback, state, _nextTimerId++);
        }

        Schedule(timer, dueTime, period);
        return timer;
    }

    /// <summary>"virtual time 3.000 s".</summary>
    public override string ToString() => "virtual time " + TextFormat.Seconds(Elapsed);

    /// <summary>How many timers are scheduled to fire. Call with the loop's lock held.</summary>
    internal int PendingTimerCount => _pending.Count;

    /// <summary>The scheduled timers in firing order, each with its due time since the start. Call with the loop's lock held.</summary>
    internal IReadOnlyList<(TimeSpan Due, string Owner)> PendingTimers() =>
        [.. _pending.OrderBy(t => t.DueTicks).ThenBy(t => t.Id).Select(t => (TimeSpan.FromTicks(t.DueTicks!.Value), t.Owner))];

    /// <summary>
    /// Moves the clock to the earliest scheduled timer and returns it for the loop to invoke, after
    /// scheduling its next firing if it is periodic; null when no timer is scheduled. Call with the loop's lock held.
    /// </summary>
    internal VirtualTimer? AdvanceToNextTimer()
    {
        while (_schedule.TryDequeue(out var entry, out var due))
        {
            VirtualTimer timer = entry.Timer;
            if (timer.Version != entry.Version || timer.Disposed)
            {
                continue;
            }

            // Every due time lies at or after the moment it was scheduled, so this never moves backwards.
            long now = Math.Max(due.DueTicks, _nowTicks);
            Volatile.Write(ref _nowTicks, now);
            if (timer.PeriodTicks > 0)
            {
                Enqueue(timer, now + timer.PeriodTicks);
            }
            else
            {
                timer.DueTicks = null;
                _pending.Remove(timer);
            }

            return timer;
        }

        return null;
    }

    /// <summary>(Re)schedules <paramref name="timer"/> relative to the current virtual time; false once it is disposed.</summary>
    internal bool Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimerTime(dueTime, "due time", nameof(dueTime));
        ValidateTimerTime(period, "period", nameof(period));
        lock (_loop.Gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.Version++;
                timer.DueTicks = null;
                _pending.Remove(timer);
            }
            else
            {
                Enqueue(timer, _nowTicks + dueTime.Ticks);
                _loop.WakeUnderLock();
            }

            return true;
        }
    }

    /// <summary>Disposes <paramref name="timer"/>: it never fires again and no longer counts as pending.</summary>
    internal void Remove(VirtualTimer timer)
    {
        lock (_loop.Gate)
        {
            timer.Disposed = true;
            timer.Version++;
            timer.DueTicks = null;
            _pending.Remove(timer);
        }
    }

    private void Enqueue(VirtualTimer timer, long dueTicks)
    {
        timer.Version++;
        timer.DueTicks = dueTicks;
        _pending.Add(timer);
        _schedule.Enqueue((timer, timer.Version), (dueTicks, timer.Id));
    }

    private static void ValidateTimerTime(TimeSpan value, string what, string paramName)
    {
        if ((value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan) || value > s_maximumTimerTime)
        {
            throw new ArgumentOutOfRangeException(paramName, Invariant(
                $"A timer's {what} must be zero or positive and at most {s_maximumTimerTime}, or Timeout.InfiniteTimeSpan, but was {value}."));
        }
    }
}
