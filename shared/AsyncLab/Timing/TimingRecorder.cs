namespace AsyncLab;

/// <summary>
/// Records when named operations begin and end, so a notebook can show what ran when, on which
/// threads, and how much of it overlapped. Safe to use from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var recorder = new TimingRecorder();
/// await recorder.RecordAsync("download", () => Task.Delay(TimeSpan.FromSeconds(1)));
/// recorder.Summarize()   // 1 operation in 1.002 s; ...
/// </code>
/// </example>
public sealed class TimingRecorder
{
    private readonly object _gate = new();
    private readonly List<OperationRecord> _operations = [];
    private long _startTimestamp;
    private int _generation;

    /// <summary>Creates a recorder whose clock starts now.</summary>
    /// <param name="timeProvider">
    /// Where time comes from. When null: the virtual clock if the recorder is created inside
    /// <see cref="VirtualTimeLoop"/>, <see cref="TimeProvider.System"/> everywhere else. Tests pass a fake clock.
    /// </param>
    public TimingRecorder(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? VirtualTimeLoop.AmbientTime;
        _startTimestamp = TimeProvider.GetTimestamp();
    }

    /// <summary>The clock this recorder reads; simulated operations also wait on it.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The time since the recorder was created or last <see cref="Reset"/>.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeProvider.GetElapsedTime(_startTimestamp);
            }
        }
    }

    /// <summary>A snapshot of the recorded operations, ordered by start time (then begin order).</summary>
    public IReadOnlyList<OperationRecord> Operations => Snapshot().Operations;

    /// <summary>Starts recording an operation now; end it with the returned handle.</summary>
    /// <param name="name">A short name shown in summaries and charts, such as "download".</param>
    public OperationHandle Begin(string name)
    {
        Require.NotBlank(name, "An operation name");
        lock (_gate)
        {
            int sequence = _operations.Count;
            _operations.Add(new OperationRecord(
                sequence, name, TimeProvider.GetElapsedTime(_startTimestamp), end: null,
                Environment.CurrentManagedThreadId, endThreadId: null, OperationOutcome.Running));
            return new OperationHandle(this, name, sequence, _generation);
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> and records it: completed, faulted, or canceled (for an
    /// <see cref="OperationCanceledException"/>). An exception is rethrown unchanged.
    /// </summary>
    /// <param name="name">A short name shown in summaries and charts.</param>
    /// <param name="operation">The asynchronous work to time.</param>
    public Task RecordAsync(string name, Func<Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RecordAsync(name, async () =>
        {
            await operation();
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="operation"/>, records it and returns its result. An exception is rethrown
    /// unchanged and recorded as faulted, or as canceled for an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="name">A short name shown in summaries and charts.</param>
    /// <param name="operation">The asynchronous work to time.</param>
    public Task<T> RecordAsync<T>(string name, Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return TrackAsync(Begin(name), operation);
    }

    /// <summary>Runs the synchronous <paramref name="operation"/> on this thread and records it.</summary>
    /// <param name="name">A short name shown in summaries and charts.</param>
    /// <param name="operation">The work to time, such as a <see cref="Thread.Sleep(TimeSpan)"/> that blocks the thread.</param>
    public void Record(string name, Action operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        OperationHandle handle = Begin(name);
        try
        {
            operation();
        }
        catch (Exception exception)
        {
            handle.End(exception);
            throw;
        }

        handle.Complete();
    }

    /// <summary>Computes counts, totals and overlap of the operations recorded so far.</summary>
    public TimingSummary Summarize()
    {
        var (operations, now) = Snapshot();
        return TimingSummary.Create(operations, now);
    }

    /// <summary>Forgets every operation and restarts the clock. Operations still running are not recorded when they end.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _operations.Clear();
            _generation++;
            _startTimestamp = TimeProvider.GetTimestamp();
        }
    }

    /// <summary>The summary as text, for example "3 operations in 2.004 s; ...".</summary>
    public override string ToString() => Summarize().ToString();

    /// <summary>The operations and the current time, read together so that they agree.</summary>
    internal (IReadOnlyList<OperationRecord> Operations, TimeSpan Now) Snapshot()
    {
        lock (_gate)
        {
            OperationRecord[] ordered = [.. _operations.OrderBy(o => o.Start).ThenBy(o => o.Sequence)];
            return (ordered, TimeProvider.GetElapsedTime(_startTimestamp));
        }
    }

    /// <summary>Stores the end of the operation behind <paramref name="handle"/>, unless it began before the last <see cref="Reset"/>.</summary>
    internal void End(OperationHandle handle, OperationOutcome outcome, string? errorMessage)
    {
        lock (_gate)
        {
            if (handle.Generation != _generation)
            {
                return;
            }

            OperationRecord begun = _operations[handle.Sequence];
            _operations[handle.Sequence] = new OperationRecord(
                begun.Sequence, begun.Name, begun.Start, TimeProvider.GetElapsedTime(_startTimestamp),
                begun.StartThreadId, Environment.CurrentManagedThreadId, outcome, errorMessage);
        }
    }

    private static async Task<T> TrackAsync<T>(OperationHandle handle, Func<Task<T>> operation)
    {
        try
        {
            T result = await operation();
            handle.Complete();
            return result;
        }
        catch (Exception exception)
        {
            handle.End(exception);
            throw;
        }
    }
}
