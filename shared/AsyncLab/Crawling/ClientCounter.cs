namespace AsyncLab;

/// <summary>
/// A message handler that counts the requests a client has in flight (peak included) and notes when each one started,
/// so that a check can judge a client from its own side too: "nothing in flight when the method returned".
/// </summary>
internal sealed class ClientCounter : DelegatingHandler
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly long _origin;
    private readonly List<TimeSpan> _starts = [];
    private int _inFlight;
    private int _peak;

    public ClientCounter()
        : base(new SocketsHttpHandler())
    {
        _origin = _time.GetTimestamp();
    }

    /// <summary>The time on this counter's clock.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>Requests sent and not yet answered (or ended by cancellation).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests in flight at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>How many requests started after <paramref name="moment"/>.</summary>
    public int StartedAfter(TimeSpan moment)
    {
        lock (_gate)
        {
            return _starts.Count(start => start > moment);
        }
    }

    /// <summary>Counts the request, unless its token is already canceled: then the inner handler sends nothing and throws.</summary>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _starts.Add(Now);
            _peak = Math.Max(_peak, ++_inFlight);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }
}
