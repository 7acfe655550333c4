using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// One operation as a <see cref="TimingRecorder"/> saw it: when it began and ended (relative to the
/// recorder's start), on which threads, and how it ended.
/// </summary>
public sealed record OperationRecord
{
    /// <summary>Creates a record; <see cref="TimingRecorder"/> does this for you.</summary>
    /// <param name="sequence">The begin order, starting at 0.</param>
    /// <param name="name">The operation's name.</param>
    /// <param name="start">When it began, relative to the recorder's start.</param>
    /// <param name="end">When it ended, or null while it is running.</param>
    /// <param name="startThreadId">The managed thread id that began it.</param>
    /// <param name="endThreadId">The managed thread id that ended it, or null while it is running.</param>
    /// <param name="outcome">How it ended, or <see cref="OperationOutcome.Running"/>.</param>
    /// <param name="errorMessage">The message of the exception that faulted it; null unless faulted.</param>
    public OperationRecord(
        int sequence,
        string name,
        TimeSpan start,
        TimeSpan? end,
        int startThreadId,
        int? endThreadId,
        OperationOutcome outcome,
        string? errorMessage = null)
    {
        if (sequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), Invariant($"The sequence number must be zero or positive, but was {sequence}."));
        }

        Require.NotBlank(name, "An operation name");
        Require.NonNegative(start, "The start of an operation");
        ValidateEnd(start, end, endThreadId, outcome, errorMessage);

        Sequence = sequence;
        Name = name;
        Start = start;
        End = end;
        StartThreadId = startThreadId;
        EndThreadId = endThreadId;
        Outcome = outcome;
        ErrorMessage = errorMessage;
    }

    /// <summary>The begin order among the recorder's operations, starting at 0.</summary>
    public int Sequence { get; }

    /// <summary>The name given when the operation began.</summary>
    public string Name { get; }

    /// <summary>When the operation began, relative to the recorder's start.</summary>
    public TimeSpan Start { get; }

    /// <summary>When the operation ended, relative to the recorder's start; null while it is running.</summary>
    public TimeSpan? End { get; }

    /// <summary><see cref="End"/> minus <see cref="Start"/>; null while the operation is running.</summary>
    public TimeSpan? Duration => End - Start;

    /// <summary>The managed thread id (<see cref="Environment.CurrentManagedThreadId"/>) that began the operation.</summary>
    public int StartThreadId { get; }

    /// <summary>The managed thread id that ended the operation; null while it is running.</summary>
    /// <remarks>After an <c>await</c> this is often a different thread from <see cref="StartThreadId"/>.</remarks>
    public int? EndThreadId { get; }

    /// <summary>How the operation ended, or <see cref="OperationOutcome.Running"/>.</summary>
    public OperationOutcome Outcome { get; }

    /// <summary>The message of the exception that faulted the operation; null unless <see cref="Outcome"/> is <see cref="OperationOutcome.Faulted"/>.</summary>
    public string? ErrorMessage { get; }

    private static void ValidateEnd(TimeSpan start, TimeSpan? end, int? endThreadId, OperationOutcome outcome, string? errorMessage)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), Invariant($"The outcome must be Running, Completed, Faulted or Canceled, but was {(int)outcome}."));
        }

        bool running = outcome == OperationOutcome.Running;
        if (running != (end is null))
        {
            throw new ArgumentException(running
                ? Invariant($"A running operation has no end yet, but the end was {end}.")
                : Invariant($"A {outcome} operation needs an end time, but the end was null."), nameof(end));
        }

        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), Invariant($"The end of an operation must not be earlier than its start ({start}), but was {end}."));
        }

        if ((endThreadId is null) != (end is null))
        {
            throw new ArgumentException(Invariant($"The end thread id must be null while the operation is running and set once it has ended, but it was {(object?)endThreadId ?? "null"} for a {outcome} operation."), nameof(endThreadId));
        }

        if (errorMessage is not null && outcome != OperationOutcome.Faulted)
        {
            throw new ArgumentException($"Only a faulted operation has an error message, but a {outcome} operation was given \"{errorMessage}\".", nameof(errorMessage));
        }
    }
}
