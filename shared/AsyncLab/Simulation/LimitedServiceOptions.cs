using static System.FormattableString;

namespace AsyncLab;

/// <summary>Settings for a <see cref="LimitedService"/>: its capacity, its latency and what it does when overloaded.</summary>
/// <example>
/// <code>
/// var service = new LimitedService(recorder, new LimitedServiceOptions { Capacity = 4, Overload = OverloadBehavior.Refuse });
/// </code>
/// </example>
public sealed class LimitedServiceOptions
{
    private int _capacity = 4;
    private TimeSpan _latency = TimeSpan.FromSeconds(0.2);
    private OverloadBehavior _overload = OverloadBehavior.Queue;
    private int? _queueLimit;
    private double? _latencyScale;

    /// <summary>How many requests the service serves at the same time, at least 1; 4 unless set.</summary>
    public int Capacity
    {
        get => _capacity;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The capacity must be at least 1 request at a time, but was {value}."));
            }

            _capacity = value;
        }
    }

    /// <summary>How long serving one request takes when the service is not overloaded (before scaling); 0.2 s unless set.</summary>
    public TimeSpan Latency
    {
        get => _latency;
        set
        {
            Require.NonNegative(value, "The latency");
            _latency = value;
        }
    }

    /// <summary>What happens to a request that arrives while <see cref="Capacity"/> requests are being served; <see cref="OverloadBehavior.Queue"/> unless set.</summary>
    public OverloadBehavior Overload
    {
        get => _overload;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The overload behavior must be Queue, SlowDown or Refuse, but was {(int)value}."));
            }

            _overload = value;
        }
    }

    /// <summary>
    /// With <see cref="OverloadBehavior.Queue"/>: how many requests may wait; a request that finds the queue full is
    /// refused with a <see cref="TooManyRequestsException"/>. Null (the default) lets the queue grow without end.
    /// </summary>
    public int? QueueLimit
    {
        get => _queueLimit;
        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The queue limit must be zero or positive (or null for no limit), but was {value}."));
            }

            _queueLimit = value;
        }
    }

    /// <summary>Multiplies every latency; null (the default) uses <see cref="AsyncLab.LatencyScale.Current"/>.</summary>
    public double? LatencyScale
    {
        get => _latencyScale;
        set => _latencyScale = AsyncLab.LatencyScale.ValidateOptional(value, nameof(value));
    }

    /// <summary>
    /// The latency of each request by its name (before scaling), so that requests can differ; null (the default) gives
    /// every request <see cref="Latency"/>.
    /// </summary>
    public Func<string, TimeSpan>? LatencyOf { get; set; }

    /// <summary>Names of requests that fail with a <see cref="SimulatedFailureException"/> after their latency, as a broken record would.</summary>
    public ISet<string> FailingRequests { get; } = new HashSet<string>(StringComparer.Ordinal);
}
