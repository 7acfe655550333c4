namespace AsyncLab;

/// <summary>
/// Thrown by <see cref="VirtualTimeLoop"/> when the main function is still waiting but nothing can ever
/// wake it: nothing on the loop can run, no timer is pending, and no other thread posted work within
/// <see cref="VirtualTimeLoopOptions.DeadlockTimeout"/>. In real time the program would hang forever.
/// </summary>
/// <example>
/// <code>
/// var never = new TaskCompletionSource();
/// VirtualTimeLoop.Run(async time => await never.Task);   // throws: nothing will ever set it
/// </code>
/// </example>
public sealed class VirtualTimeDeadlockException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public VirtualTimeDeadlockException()
        : this("The virtual time loop is deadlocked: the main function is waiting for something that nothing will ever complete.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public VirtualTimeDeadlockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public VirtualTimeDeadlockException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a deadlock found at <paramref name="elapsed"/> of virtual time.</summary>
    internal VirtualTimeDeadlockException(string message, TimeSpan elapsed)
        : base(message)
    {
        Elapsed = elapsed;
    }

    /// <summary>The virtual time, since the loop started, at which the loop got stuck.</summary>
    public TimeSpan Elapsed { get; }
}
