namespace AsyncLab;

/// <summary>What a <see cref="LimitedService"/> does with a request that arrives while it is already serving its full capacity.</summary>
public enum OverloadBehavior
{
    /// <summary>The request waits in a first-come, first-served queue until a slot is free: latency grows.</summary>
    Queue,

    /// <summary>
    /// The request is served at once, but more slowly the busier the service is when it arrives: its latency is
    /// multiplied by the number of requests in flight (itself included) divided by the capacity.
    /// </summary>
    SlowDown,

    /// <summary>The request is refused with a <see cref="TooManyRequestsException"/>, like an HTTP 429 "Too Many Requests".</summary>
    Refuse,
}
