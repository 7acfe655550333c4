using Microsoft.Extensions.Time.Testing;

namespace AsyncLab.Tests.Support;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>: a <see cref="FakeTimeProvider"/>,
/// which fires due timers inside Advance in due-time order with the clock set to each timer's due time,
/// plus two things these tests need. Advance fires them with no SynchronizationContext, so work a timer
/// releases never picks up the test framework's; and <see cref="WaitForScheduledTimersAsync"/> lets a
/// test wait until code that starts its timers on another thread has started them.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider clock = new();
    private readonly Lock gate = new();
    private readonly HashSet<object> scheduled = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> waiters = [];

    /// <summary>The time since the provider was created.</summary>
    public TimeSpan Elapsed => clock.GetUtcNow() - clock.Start;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new CountedTimer(this, callback, state, dueTime, period);

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            clock.Advance(delta);
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
        lock (gate)
        {
            waiters.Add((count, signal));
            ReleaseWaiters();
        }

        // A watchdog only: it fails a broken test instead of hanging it, and never decides a passing one.
        return signal.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private void Track(object timer, bool pending)
    {
        lock (gate)
        {
            if (pending)
            {
                scheduled.Add(timer);
            }
            else
            {
                scheduled.Remove(timer);
            }

            ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        foreach (var waiter in waiters.Where(w => w.Count <= scheduled.Count).ToList())
        {
            waiters.Remove(waiter);
            waiter.Signal.SetResult();
        }
    }

    /// <summary>The fake clock's timer, counted as scheduled while it is due to fire.</summary>
    private sealed class CountedTimer : ITimer
    {
        private readonly ManualTimeProvider owner;
        private readonly ITimer inner;
        private bool periodic;

        public CountedTimer(ManualTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            this.owner = owner;
            inner = owner.clock.CreateTimer(
                value =>
                {
                    owner.Track(this, periodic);
                    callback(value);
                },
                state,
                Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
            owner.Track(this, dueTime != Timeout.InfiniteTimeSpan);
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Track(this, pending: false);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
