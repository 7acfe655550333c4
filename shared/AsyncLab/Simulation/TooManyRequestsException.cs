using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Thrown by a <see cref="LimitedService"/> that refuses a request because it is full: the simulated
/// HTTP 429 "Too Many Requests".
/// </summary>
public sealed class TooManyRequestsException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TooManyRequestsException()
        : this("Too many requests: the service is at its capacity.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public TooManyRequestsException(string message)
        : base(message)
    {
        RequestName = "";
    }

    /// <summary>Creates the exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public TooManyRequestsException(string message, Exception? innerException)
        : base(message, innerException)
    {
        RequestName = "";
    }

    /// <summary>Creates the exception for the refused request <paramref name="requestName"/> of a service with <paramref name="capacity"/> slots.</summary>
    public TooManyRequestsException(string requestName, int capacity)
        : base(Invariant($"429 Too Many Requests: \"{requestName}\" was refused, the service already serves {capacity} at once."))
    {
        ArgumentNullException.ThrowIfNull(requestName);
        RequestName = requestName;
        Capacity = capacity;
    }

    /// <summary>The name of the refused request; empty when not known.</summary>
    public string RequestName { get; }

    /// <summary>How many requests the service serves at once; 0 when not known.</summary>
    public int Capacity { get; }
}
