using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A pretend remote service with limited capacity: it serves <see cref="Capacity"/> requests at once, and
/// what happens to more depends on <see cref="Overload"/>: they queue, everyone slows down, or they are
/// refused with a <see cref="TooManyRequestsException"/> (HTTP 429). Every request is recorded in
/// <see cref="Recorder"/> from the call to the response, as the caller sees it, and the service counts
/// what it held at once, served and refused. Safe to call from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var service = new LimitedService(new TimingRecorder(), new LimitedServiceOptions { Capacity = 4 });
/// string[] pages = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => service.RequestAsync($"page {i}")));
/// service.PeakInFlight   // 40: all of them at once, 36 of them waiting in the queue
/// </code>
/// </example>
public sealed class LimitedService
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _queue = new();
    private readonly List<string> _served = [];
    private readonly HashSet<string> _failing;
    private readonly Func<string, TimeSpan>? _latencyOf;
    private int _serving;
    private int _peakServing;
    private int _peakInFlight;
    private int _refused;
    private int _requests;

    /// <summary>Creates a service that records every request into <paramref name="recorder"/> and waits on its clock.</summary>
    /// <param name="recorder">Where requests are recorded, and whose <see cref="TimingRecorder.TimeProvider"/> the service waits on.</param>
    /// <param name="options">Capacity, latency and overload behavior; defaults when null.</param>
    public LimitedService(TimingRecorder recorder, LimitedServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        options ??= new LimitedServiceOptions();
        Recorder = recorder;
        Capacity = options.Capacity;
        Latency = options.Latency;
        Overload = options.Overload;
        QueueLimit = options.QueueLimit;
        LatencyScale = options.LatencyScale ?? AsyncLab.LatencyScale.Current;
        _latencyOf = options.LatencyOf;
        _failing = new HashSet<string>(options.FailingRequests, StringComparer.Ordinal);
    }

    /// <summary>Where every request is recorded.</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>How many requests the service serves at the same time.</summary>
    public int Capacity { get; }

    /// <summary>How long one request takes when the service is not overloaded (before scaling), unless the options gave it its own.</summary>
    public TimeSpan Latency { get; }

    /// <summary>What happens to requests beyond <see cref="Capacity"/>.</summary>
    public OverloadBehavior Overload { get; }

    /// <summary>With <see cref="OverloadBehavior.Queue"/>, how many requests may wait; null for no limit.</summary>
    public int? QueueLimit { get; }

    /// <summary>The factor applied to every latency (see <see cref="AsyncLab.LatencyScale"/>).</summary>
    public double LatencyScale { get; }

    /// <summary>How many requests the service holds now, being served or waiting in its queue.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _serving + _queue.Count;
            }
        }
    }

    /// <summary>The most requests the service held at the same moment, being served or waiting.</summary>
    public int PeakInFlight
    {
        get
        {
            lock (_gate)
            {
                return _peakInFlight;
            }
        }
    }

    /// <summary>The most requests the service was serving at the same moment (never above <see cref="Capacity"/> unless it slows down).</summary>
    public int PeakServing
    {
        get
        {
            lock (_gate)
            {
                return _peakServing;
            }
        }
    }

    /// <summary>How many requests arrived in all.</summary>
    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests;
            }
        }
    }

    /// <summary>How many requests were refused with a <see cref="TooManyRequestsException"/>.</summary>
    public int RefusedCount
    {
        get
        {
            lock (_gate)
            {
                return _refused;
            }
        }
    }

    /// <summary>The names of the requests served successfully, in the order their responses were sent.</summary>
    public IReadOnlyList<string> Served
    {
        get
        {
            lock (_gate)
            {
                return [.. _served];
            }
        }
    }

    /// <summary>
    /// Sends a request and returns "response from {name}" once it was served. Beyond <see cref="Capacity"/> the
    /// request queues, takes longer or is refused, as <see cref="Overload"/> says.
    /// </summary>
    /// <param name="name">The request's name in the recorder, such as "page 7".</param>
    /// <param name="cancellationToken">
    /// Cancels the request, also while it waits in the queue; it is then recorded as canceled. A request whose token is
    /// already canceled is never sent: it is not recorded, and the task is canceled at once.
    /// </param>
    /// <exception cref="TooManyRequestsException">The service refused the request because it was full.</exception>
    /// <exception cref="SimulatedFailureException">The request is one of <see cref="LimitedServiceOptions.FailingRequests"/>.</exception>
    public Task<string> RequestAsync(string name, CancellationToken cancellationToken = default)
    {
        Require.NotBlank(name, "A request name");
        TimeSpan latency = _latencyOf?.Invoke(name) ?? Latency;
        if (latency < TimeSpan.Zero)
        {
            throw new InvalidOperationException(Invariant($"The latency of request \"{name}\" must be zero or positive, but LatencyOf gave {latency}."));
        }

        TimeSpan scaled = AsyncLab.LatencyScale.Apply(latency, LatencyScale);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<string>(cancellationToken);
        }

        return Recorder.RecordAsync(name, () => ServeAsync(name, scaled, cancellationToken));
    }

    /// <summary>"4 at once, queue: 40 requests, 40 served, 0 refused, peak 40 in flight".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return Invariant($"{Capacity} at once, {Overload.ToString().ToLowerInvariant()} when full: {TextFormat.Count(_requests, "request")}, {_served.Count} served, {_refused} refused, peak {_peakInFlight} in flight");
        }
    }

    private async Task<string> ServeAsync(string name, TimeSpan latency, CancellationToken cancellationToken)
    {
        TimeProvider time = Recorder.TimeProvider;
        (bool refused, int share, TaskCompletionSource? ticket) = Arrive();
        if (refused)
        {
            // A refusal is quick but not instant, so that it shows on a timeline.
            await Task.Delay(latency / 10, time, cancellationToken);
            throw new TooManyRequestsException(name, Capacity);
        }

        if (ticket is not null)
        {
            await WaitForSlotAsync(ticket, cancellationToken);
        }

        try
        {
            TimeSpan served = Overload == OverloadBehavior.SlowDown && share > Capacity ? latency * share / Capacity : latency;
            await Task.Delay(served, time, cancellationToken);
            if (_failing.Contains(name))
            {
                throw new SimulatedFailureException(Invariant($"{name} failed (simulated)."), name);
            }

            lock (_gate)
            {
                _served.Add(name);
            }

            return "response from " + name;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Admits, queues or refuses a new request; with <see cref="OverloadBehavior.SlowDown"/> also returns how many share the service.</summary>
    private (bool Refused, int Share, TaskCompletionSource? Ticket) Arrive()
    {
        lock (_gate)
        {
            _requests++;
            TaskCompletionSource? ticket = null;
            bool full = _serving >= Capacity;
            if (full && (Overload == OverloadBehavior.Refuse || (Overload == OverloadBehavior.Queue && _queue.Count >= QueueLimit)))
            {
                _refused++;
                return (true, 0, null);
            }

            if (full && Overload == OverloadBehavior.Queue)
            {
                ticket = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.AddLast(ticket);
            }
            else
            {
                _serving++;
                _peakServing = Math.Max(_peakServing, _serving);
            }

            _peakInFlight = Math.Max(_peakInFlight, _serving + _queue.Count);
            return (false, _serving, ticket);
        }
    }

    /// <summary>Waits in the queue until <see cref="Leave"/> hands this request a slot, or until it is canceled.</summary>
    private async Task WaitForSlotAsync(TaskCompletionSource ticket, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_gate)
            {
                removed = _queue.Remove(ticket);
            }

            if (removed)
            {
                ticket.TrySetCanceled(cancellationToken);
            }
        });
        await ticket.Task;
    }

    /// <summary>Frees a slot: the first request in the queue takes it over, or the service serves one fewer.</summary>
    private void Leave()
    {
        TaskCompletionSource? next = null;
        lock (_gate)
        {
            if (_queue.First is { } first)
            {
                next = first.Value;
                _queue.RemoveFirst();
            }
            else
            {
                _serving--;
            }
        }

        next?.TrySetResult();
    }
}
