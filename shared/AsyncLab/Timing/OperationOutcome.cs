namespace AsyncLab;

/// <summary>How a recorded operation ended, or <see cref="Running"/> while it is still in flight.</summary>
public enum OperationOutcome
{
    /// <summary>The operation has begun and not ended yet.</summary>
    Running,

    /// <summary>The operation finished successfully.</summary>
    Completed,

    /// <summary>The operation ended with an exception.</summary>
    Faulted,

    /// <summary>The operation ended with an <see cref="OperationCanceledException"/>.</summary>
    Canceled,
}
