namespace AsyncLab;

/// <summary>What a page of a <see cref="LocalSite"/> does when it is requested.</summary>
public enum PageKind
{
    /// <summary>Answers 200 after the site's ordinary latency.</summary>
    Normal,

    /// <summary>Answers 200 after the site's slow latency.</summary>
    Slow,

    /// <summary>Answers 500 to its first few requests (a transient fault), then 200.</summary>
    Flaky,

    /// <summary>Always answers 500 (a fault that retrying does not cure).</summary>
    Broken,

    /// <summary>Linked from other pages, but answers 404.</summary>
    Missing,

    /// <summary>Answers 429 with a <c>Retry-After</c> header, and again to any request before that moment; then 200.</summary>
    RateLimited,
}
