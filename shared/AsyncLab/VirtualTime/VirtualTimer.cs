namespace AsyncLab;

/// <summary>
/// A timer of a <see cref="VirtualTimeProvider"/>: it has a due time on the virtual clock and fires,
/// on the loop's thread, when the loop advances the clock to it.
/// </summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly VirtualTimeProvider _owner;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _executionContext;

    public VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state, long id)
    {
        _owner = owner;
        _callback = callback;
        _state = state;
        _executionContext = ExecutionContext.Capture();
        Id = id;
        Owner = TimerOwner.Describe(callback, state);
    }

    /// <summary>The creation order: among timers due at the same moment, the lower id fires first.</summary>
    public long Id { get; }

    /// <summary>Who created the timer, such as "Task.Delay", for diagnostics.</summary>
    public string Owner { get; }

    /// <summary>When the timer fires next, in virtual ticks since the start; null when it is not scheduled. Guarded by the provider's lock.</summary>
    public long? DueTicks { get; set; }

    /// <summary>The period in ticks; 0 for a one-shot timer. Guarded by the provider's lock.</summary>
    public long PeriodTicks { get; set; }

    /// <summary>Bumped on every (re)schedule, so that stale entries in the provider's queue are skipped. Guarded by the provider's lock.</summary>
    public long Version { get; set; }

    /// <summary>True once disposed. Guarded by the provider's lock.</summary>
    public bool Disposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _owner.Schedule(this, dueTime, period);

    public void Dispose() => _owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback in the execution context captured when the timer was created.</summary>
    public void Invoke()
    {
        if (_executionContext is null)
        {
            _callback(_state);
        }
        else
        {
            ExecutionContext.Run(_executionContext, static self => ((VirtualTimer)self!)._callback(((VirtualTimer)self!)._state), this);
        }
    }
}
