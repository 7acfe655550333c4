namespace AsyncLab;

/// <summary>Thrown by <see cref="SimulatedIO"/> when a simulated operation fails.</summary>
public sealed class SimulatedFailureException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SimulatedFailureException()
        : this("A simulated operation failed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SimulatedFailureException(string message)
        : base(message)
    {
        OperationName = "";
    }

    /// <summary>Creates the exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public SimulatedFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
        OperationName = "";
    }

    /// <summary>Creates the exception for the operation named <paramref name="operationName"/>.</summary>
    public SimulatedFailureException(string message, string operationName)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(operationName);
        OperationName = operationName;
    }

    /// <summary>The name of the operation that failed; empty when not known.</summary>
    public string OperationName { get; }
}
