using static System.FormattableString;

namespace AsyncLab;

/// <summary>Settings for <see cref="VirtualTimeLoop"/>.</summary>
/// <example>
/// <code>
/// // A test that expects a deadlock need not wait the full second for it.
/// var options = new VirtualTimeLoopOptions { DeadlockTimeout = TimeSpan.FromMilliseconds(100) };
/// Assert.Throws&lt;VirtualTimeDeadlockException&gt;(() => VirtualTimeLoop.Run(_ => new TaskCompletionSource().Task, options));
/// </code>
/// </example>
public sealed class VirtualTimeLoopOptions
{
    private static readonly TimeSpan s_maximumDeadlockTimeout = TimeSpan.FromDays(1);
    private TimeSpan _deadlockTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long, in REAL time, the loop waits for work from other threads when nothing on the loop can
    /// run and no timer is pending, before it throws a <see cref="VirtualTimeDeadlockException"/>.
    /// One second unless changed. Raise it if the code under the loop awaits real work on other threads
    /// (a <c>Task.Run</c>) that takes longer than that.
    /// </summary>
    public TimeSpan DeadlockTimeout
    {
        get => _deadlockTimeout;
        set
        {
            if (value <= TimeSpan.Zero || value > s_maximumDeadlockTimeout)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The deadlock timeout must be greater than zero and at most one day, but was {value}."));
            }

            _deadlockTimeout = value;
        }
    }

    /// <summary>
    /// False (the default): the run fails with a <see cref="VirtualTimeEscapeException"/> when the main
    /// function finishes while timers are still pending, because work waiting on them would never finish.
    /// True: such timers are abandoned silently.
    /// </summary>
    public bool AllowPendingTimers { get; set; }
}
