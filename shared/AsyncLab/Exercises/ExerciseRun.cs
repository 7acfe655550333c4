namespace AsyncLab;

/// <summary>What happened when an exercise attempt ran: what it recorded, returned or threw, and how long it took.</summary>
public sealed class ExerciseRun
{
    internal ExerciseRun(TimingRecorder recorder, object? result, Exception? exception, bool timedOut, TimeSpan wallTime, AttemptThread? thread = null)
    {
        Thread = thread ?? new AttemptThread(Environment.CurrentManagedThreadId, TimeSpan.Zero, HandedBackUnfinished: true, TimeSpan.Zero, TimeSpan.Zero, Blocked: false);
        var (operations, now) = recorder.Snapshot();
        Recorder = recorder;
        Operations = operations;
        Summary = TimingSummary.Create(operations, now);
        Result = result;
        Exception = exception;
        TimedOut = timedOut;
        WallTime = wallTime;
    }

    /// <summary>The recorder the attempt's <see cref="SimulatedIO"/> recorded into.</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>The summary of <see cref="Operations"/>, taken when the attempt returned or timed out.</summary>
    public TimingSummary Summary { get; }

    /// <summary>The operations recorded when the attempt returned or timed out.</summary>
    public IReadOnlyList<OperationRecord> Operations { get; }

    /// <summary>The value the attempt returned; null if it returns nothing, threw or timed out.</summary>
    public object? Result { get; }

    /// <summary>The exception the attempt threw, or null.</summary>
    public Exception? Exception { get; }

    /// <summary>True when the attempt did not finish within <see cref="Exercise.Timeout"/>.</summary>
    public bool TimedOut { get; }

    /// <summary>
    /// How the attempt treated the thread it was called on: how soon it handed back its task, whether that task was
    /// still unfinished, the longest time it held the thread, and whether it blocked it while other work waited.
    /// </summary>
    public AttemptThread Thread { get; }

    /// <summary>How long the attempt ran, until it returned or timed out, on the recorder's clock (virtual time inside <see cref="VirtualTimeLoop"/>).</summary>
    public TimeSpan WallTime { get; }
}
