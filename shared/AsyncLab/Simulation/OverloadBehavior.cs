namespace AsyncLab;

/// <summary>What a <see cref="LimitedService"/> does with a request that arrives while it is already serving its full capacity.</summary>
public enum OverloadBehavior
{
    /// <summary>The request waits in a first-come, first-served queue until a slot is free: latency grows.</summary>
    Queue,

    /// <summary>The request is served at once, and the service shares its capacity: everyone's latency grows with the load.</summary>
    SlowDown,

    /// <summary>The request is refused with a <see cref="TooManyRequestsException"/>, like an HTTP 429 "Too Many Requests".</summary>
    Refuse,
}
