using System.Diagnostics.CodeAnalysis;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A fixed set of resources (connections, file handles, sessions) that callers rent one at a time and
/// give back by disposing the lease: the asyncio material's <c>AsyncResourcePool</c>. A caller can wait
/// for a resource as long as it takes, wait at most a given time, or ask and fail at once. The pool logs
/// how many resources are in use and how many callers wait, so that a notebook can chart it.
/// Safe to use from many threads at once.
/// </summary>
/// <remarks>
/// Inside, a queue holds the free resources and another the waiting callers, each as a
/// <see cref="TaskCompletionSource{TResult}"/>: a resource that comes back goes straight to the caller that has
/// waited longest, or to the free queue when nobody waits. Timeouts run on the pool's <see cref="TimeProvider"/>,
/// so they follow virtual time too.
/// </remarks>
/// <example>
/// <code>
/// var pool = new ResourcePool&lt;SimulatedConnection&gt;([connections.Open("db 1"), connections.Open("db 2")]);
/// await using (PoolLease&lt;SimulatedConnection&gt; lease = await pool.RentAsync(TimeSpan.FromSeconds(1), cancellationToken))
/// {
///     await io.FetchAsync("query on " + lease.Resource.Name, TimeSpan.FromSeconds(0.5), cancellationToken);
/// }   // the connection goes back here, also when the query fails or is canceled
/// </code>
/// </example>
/// <typeparam name="T">The type of the pooled resources.</typeparam>
public sealed class ResourcePool<T>
    where T : class
{
    private static readonly TimeSpan s_maximumTimeout = TimeSpan.FromDays(1);

    private readonly object _gate = new();
    private readonly Queue<T> _free;
    private readonly HashSet<T> _rented = new(ReferenceEqualityComparer.Instance);
    private readonly LinkedList<TaskCompletionSource<PoolLease<T>>> _waiters = new();
    private readonly List<PoolStep> _steps = [];
    private readonly long _startTimestamp;
    private int _peakInUse;

    /// <summary>A pool of <paramref name="resources"/>, all free at first.</summary>
    /// <param name="resources">The resources to hand out, at least one, each a distinct object.</param>
    /// <param name="timeProvider">
    /// The clock for timeouts and for the log. When null: the virtual clock inside <see cref="VirtualTimeLoop"/>,
    /// <see cref="TimeProvider.System"/> elsewhere.
    /// </param>
    public ResourcePool(IEnumerable<T> resources, TimeProvider? timeProvider = null)
    {
        T[] all = Require.NoNulls(resources, "The pooled resources");
        if (all.Length == 0)
        {
            throw new ArgumentException("A pool needs at least one resource, but none was given.", nameof(resources));
        }

        if (all.Distinct(ReferenceEqualityComparer.Instance).Count() != all.Length)
        {
            throw new ArgumentException(Invariant($"Each pooled resource must be a distinct object, but the {all.Length} resources given contain the same object more than once."), nameof(resources));
        }

        TimeProvider = timeProvider ?? VirtualTimeLoop.AmbientTime;
        _free = new Queue<T>(all);
        Size = all.Length;
        _startTimestamp = TimeProvider.GetTimestamp();
        _steps.Add(new PoolStep(TimeSpan.Zero, 0, 0));
    }

    /// <summary>The clock of the pool's timeouts and log.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How many resources the pool holds.</summary>
    public int Size { get; }

    /// <summary>How many resources are free now.</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>How many resources are rented now.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _rented.Count;
            }
        }
    }

    /// <summary>The largest number of resources that were rented at the same moment.</summary>
    public int PeakInUse
    {
        get
        {
            lock (_gate)
            {
                return _peakInUse;
            }
        }
    }

    /// <summary>How many callers are waiting for a resource now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>The time since the pool was created, on its <see cref="TimeProvider"/>.</summary>
    public TimeSpan Elapsed => TimeProvider.GetElapsedTime(_startTimestamp);

    /// <summary>The log: one step for every moment the number in use or the number waiting changed, starting with (0 s, 0, 0).</summary>
    public IReadOnlyList<PoolStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Rents a resource, waiting as long as it takes for one to come back.</summary>
    /// <param name="cancellationToken">Stops waiting; the task is then canceled and nothing is rented.</param>
    public Task<PoolLease<T>> RentAsync(CancellationToken cancellationToken = default) =>
        RentCoreAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Rents a resource, waiting at most <paramref name="timeout"/> for one to come back.</summary>
    /// <param name="timeout">How long to wait at most; zero or positive and at most one day.</param>
    /// <param name="cancellationToken">Stops waiting; the task is then canceled and nothing is rented.</param>
    /// <exception cref="TimeoutException">No resource came back within <paramref name="timeout"/>; nothing is rented.</exception>
    public Task<PoolLease<T>> RentAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero || timeout > s_maximumTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), Invariant($"The timeout must be zero or positive and at most one day, but was {timeout}."));
        }

        return RentCoreAsync(timeout, cancellationToken);
    }

    /// <summary>Rents a resource if one is free right now, without waiting: fails at once when the pool is exhausted.</summary>
    /// <param name="lease">The lease of the rented resource, or null when none was free.</param>
    /// <returns>True when a resource was rented.</returns>
    public bool TryRent([NotNullWhen(true)] out PoolLease<T>? lease)
    {
        lock (_gate)
        {
            lease = _free.Count > 0 ? Take() : null;
        }

        return lease is not null;
    }

    /// <summary>The state as text, such as "2 of 3 in use, 1 waiting".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return Invariant($"{_rented.Count} of {Size} in use, {_waiters.Count} waiting");
        }
    }

    /// <summary>Takes <paramref name="resource"/> back from its lease, and hands it to the caller that has waited longest, if any; called once per lease.</summary>
    internal void Return(T resource)
    {
        TaskCompletionSource<PoolLease<T>>? next;
        PoolLease<T>? handedOn = null;
        lock (_gate)
        {
            _rented.Remove(resource);
            next = _waiters.First?.Value;
            if (next is null)
            {
                _free.Enqueue(resource);
            }
            else
            {
                _waiters.RemoveFirst();
                _rented.Add(resource);
                handedOn = new PoolLease<T>(this, resource);
            }

            Log();
        }

        next?.SetResult(handedOn!);
    }

    private async Task<PoolLease<T>> RentCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource<PoolLease<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource<PoolLease<T>>> node;
        lock (_gate)
        {
            if (_free.Count > 0)
            {
                return Take();
            }

            if (timeout == TimeSpan.Zero)
            {
                throw Exhausted(timeout);
            }

            node = _waiters.AddLast(waiter);
            Log();
        }

        // The timer runs on the pool's clock, so that a timeout follows virtual time too.
        using CancellationTokenRegistration canceled = cancellationToken.Register(() => StopWaiting(node, waiting => waiting.SetCanceled(cancellationToken)));
        using ITimer? timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : TimeProvider.CreateTimer(_ => StopWaiting(node, waiting => waiting.SetException(Exhausted(timeout))), null, timeout, Timeout.InfiniteTimeSpan);
        return await waiter.Task;
    }

    /// <summary>Ends a wait with <paramref name="end"/> (canceled, or timed out), unless a resource was handed to it first.</summary>
    private void StopWaiting(LinkedListNode<TaskCompletionSource<PoolLease<T>>> node, Action<TaskCompletionSource<PoolLease<T>>> end)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }

            _waiters.Remove(node);
            Log();
        }

        end(node.Value);
    }

    /// <summary>Takes a free resource; the caller holds the gate and has checked that one is free.</summary>
    private PoolLease<T> Take()
    {
        T resource = _free.Dequeue();
        _rented.Add(resource);
        _peakInUse = Math.Max(_peakInUse, _rented.Count);
        Log();
        return new PoolLease<T>(this, resource);
    }

    /// <summary>Adds a step for the current counts, unless they are unchanged; the caller holds the gate.</summary>
    private void Log()
    {
        var step = new PoolStep(TimeProvider.GetElapsedTime(_startTimestamp), _rented.Count, _waiters.Count);
        PoolStep last = _steps[^1];
        if (last.InUse == step.InUse && last.Waiting == step.Waiting)
        {
            return;
        }

        if (last.At == step.At)
        {
            _steps[^1] = step;
        }
        else
        {
            _steps.Add(step);
        }
    }

    private TimeoutException Exhausted(TimeSpan timeout) => new(Invariant(
        $"All {Size} resources of the pool were in use and none came back within {TextFormat.Seconds(timeout)}."));
}
