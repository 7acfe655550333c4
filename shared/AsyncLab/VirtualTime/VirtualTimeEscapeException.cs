namespace AsyncLab;

/// <summary>
/// Thrown by <see cref="VirtualTimeLoop"/> when it notices work that escapes the loop, which would make
/// the virtual timeline wrong or leave work that never finishes: the main function finished while timers
/// were still pending, or a continuation arrived from another thread while timers were pending (so the
/// clock may have jumped ahead while that thread worked).
/// </summary>
public sealed class VirtualTimeEscapeException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public VirtualTimeEscapeException()
        : this("Work escaped the virtual time loop.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public VirtualTimeEscapeException(string message)
        : base(message)
    {
        PendingTimers = [];
    }

    /// <summary>Creates the exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public VirtualTimeEscapeException(string message, Exception? innerException)
        : base(message, innerException)
    {
        PendingTimers = [];
    }

    /// <summary>Creates the exception for an escape noticed at <paramref name="elapsed"/> of virtual time.</summary>
    internal VirtualTimeEscapeException(string message, TimeSpan elapsed, IReadOnlyList<TimeSpan> pendingTimers)
        : base(message)
    {
        Elapsed = elapsed;
        PendingTimers = pendingTimers;
    }

    /// <summary>The virtual time, since the loop started, at which the escape was noticed.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The due times (since the loop started) of the timers that were pending then, earliest first.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers { get; }
}
