using System.Diagnostics.CodeAnalysis;

namespace AsyncLab.Tests.Support;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Due timers fire inside Advance,
/// in due-time order, with the clock set to each timer's due time, on the calling thread and with no
/// SynchronizationContext. Work that a timer releases may still run later (on a captured context, or
/// on a thread that had not yet awaited); the clock stays where Advance left it until the next call,
/// so times recorded meanwhile are exact. When the code under test starts timers from another thread,
/// use <see cref="WaitForScheduledTimersAsync"/> before each Advance.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private TimeSpan _elapsed;
    private long _nextTimerId;

    /// <summary>The time since the provider was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _elapsed;
            }
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    public override long GetTimestamp() => Elapsed.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            timer.Id = _nextTimerId++;
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        TimeSpan target = Elapsed + delta;
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (TryTakeDueTimer(target, out ManualTimer? timer))
            {
                timer.Fire();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> timers are waiting to fire: the gate a test
    /// uses before <see cref="Advance"/> when the code under test starts its timers on another thread.
    /// </summary>
    public Task WaitForScheduledTimersAsync(int count)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((count, signal));
            ReleaseWaiters();
        }

        // A watchdog only: it fails a broken test instead of hanging it, and never decides a passing one.
        return signal.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private bool TryTakeDueTimer(TimeSpan target, [NotNullWhen(true)] out ManualTimer? due)
    {
        lock (_gate)
        {
            due = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefault();
            if (due is null)
            {
                _elapsed = target;
                return false;
            }

            _elapsed = due.DueAt!.Value;
            due.DueAt = due.Period > TimeSpan.Zero ? _elapsed + due.Period : null;
            return true;
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _elapsed + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            ReleaseWaiters();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private void ReleaseWaiters()
    {
        int scheduled = _timers.Count(t => t.DueAt is not null);
        foreach (var waiter in _waiters.Where(w => w.Count <= scheduled).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Signal.SetResult();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long Id { get; set; }

        public TimeSpan? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
