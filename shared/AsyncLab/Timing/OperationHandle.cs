namespace AsyncLab;

/// <summary>
/// An operation that <see cref="TimingRecorder.Begin(string)"/> started recording. End it exactly once,
/// with <see cref="Complete"/>, <see cref="Fail(Exception)"/> or <see cref="Cancel"/>.
/// </summary>
/// <example>
/// <code>
/// OperationHandle download = recorder.Begin("download");
/// await Task.Delay(TimeSpan.FromSeconds(1));
/// download.Complete();
/// </code>
/// </example>
public sealed class OperationHandle
{
    private readonly TimingRecorder _recorder;
    private int _outcome = (int)OperationOutcome.Running;

    internal OperationHandle(TimingRecorder recorder, string name, int sequence, int generation)
    {
        _recorder = recorder;
        Name = name;
        Sequence = sequence;
        Generation = generation;
    }

    /// <summary>The operation's name.</summary>
    public string Name { get; }

    /// <summary>The operation's begin order in its recorder, starting at 0.</summary>
    public int Sequence { get; }

    /// <summary>Which <see cref="TimingRecorder.Reset"/> period the operation belongs to.</summary>
    internal int Generation { get; }

    /// <summary>Records that the operation finished successfully.</summary>
    /// <exception cref="InvalidOperationException">The operation has already ended.</exception>
    public void Complete() => End(OperationOutcome.Completed, errorMessage: null);

    /// <summary>Records that the operation ended with <paramref name="exception"/>.</summary>
    /// <exception cref="InvalidOperationException">The operation has already ended.</exception>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        End(OperationOutcome.Faulted, exception.Message);
    }

    /// <summary>Records that the operation was canceled.</summary>
    /// <exception cref="InvalidOperationException">The operation has already ended.</exception>
    public void Cancel() => End(OperationOutcome.Canceled, errorMessage: null);

    /// <summary>Ends the operation as canceled for an <see cref="OperationCanceledException"/>, as faulted otherwise.</summary>
    internal void End(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            Cancel();
        }
        else
        {
            Fail(exception);
        }
    }

    private void End(OperationOutcome outcome, string? errorMessage)
    {
        var previous = (OperationOutcome)Interlocked.CompareExchange(ref _outcome, (int)outcome, (int)OperationOutcome.Running);
        if (previous != OperationOutcome.Running)
        {
            throw new InvalidOperationException(
                $"The operation \"{Name}\" has already ended ({previous}): call Complete, Fail or Cancel only once per operation.");
        }

        _recorder.End(this, outcome, errorMessage);
    }
}
